#include "gui/MarksPanel.h"
#include "gui/PeopleText.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/MarkMeasurements.h"
#include "radmark/annotation/Overloaded.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <variant>

namespace radmark::app {

namespace {

constexpr int markIdRole = Qt::UserRole + 1;
enum Column { TypeColumn, ShapeColumn, SliceColumn, LongColumn, ShortColumn, AuthorColumn, ColumnCount };

QString millimetres(double value)
{
    return QString::number(value, 'f', 1);
}

// Long and short (or single) sizes in mm of a mark, as shown in the list.
std::pair<QString, QString> sizesOf(const annotation::LesionMark& mark)
{
    const annotation::MarkMeasurements measured = annotation::measurementsOf(mark);
    return { millimetres(measured.longMm), measured.shortMm ? millimetres(*measured.shortMm) : QString() };
}

QString shapeLabel(const annotation::LesionMark& mark)
{
    return std::visit(
        annotation::Overloaded {
            [](const annotation::RecistMark&) { return QObject::tr("RECIST"); },
            [](const annotation::LineMark&) { return QObject::tr("Line"); },
            [&mark](const annotation::Box2dMark&) {
                return mark.isDerivedFromRecist() ? QObject::tr("DL box") : QObject::tr("Box");
            },
            [](const annotation::Box3dMark& box) {
                return QObject::tr("3D box (%1–%2)").arg(box.firstSliceIndex + 1).arg(box.lastSliceIndex + 1);
            },
        },
        mark.shape);
}

} // namespace

MarksPanel::MarksPanel(QWidget* parent)
    : QWidget(parent)
{
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName("marksTable");
    m_table->setHorizontalHeaderLabels(
        { tr("Type"), tr("Shape"), tr("Slice"), tr("Long mm"), tr("Short mm"), tr("Author") });
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true); // a narrow dock on a laptop screen
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);

    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row, int, int, int) {
        if (m_filling || row < 0 || m_document == nullptr) {
            return;
        }
        const QString id = m_table->item(row, TypeColumn)->data(markIdRole).toString();
        if (const annotation::LesionMark* mark = m_document->find(id.toStdString())) {
            emit markActivated(id, QString::fromStdString(mark->slice.seriesUid), mark->slice.sliceIndex);
        }
    });
    refresh();
}

void MarksPanel::setSource(const annotation::AnnotationDocument* document, const QSet<QString>& seriesUids,
    const annotation::LesionTypeList& lesionTypes)
{
    m_document = document;
    m_seriesUids = seriesUids;
    m_lesionTypes = lesionTypes;
    refresh();
}

void MarksPanel::setLesionTypes(const annotation::LesionTypeList& lesionTypes)
{
    m_lesionTypes = lesionTypes;
    refresh();
}

void MarksPanel::refresh()
{
    m_filling = true;
    const QString selected = m_table->currentRow() >= 0 && m_table->item(m_table->currentRow(), TypeColumn)
        ? m_table->item(m_table->currentRow(), TypeColumn)->data(markIdRole).toString()
        : QString();
    m_table->setRowCount(0);
    int row = 0;
    if (m_document != nullptr) {
        for (const annotation::LesionMark& mark : m_document->marks()) {
            if (!m_seriesUids.contains(QString::fromStdString(mark.slice.seriesUid))) {
                continue;
            }
            m_table->insertRow(row);
            const auto [longMm, shortMm] = sizesOf(mark);
            const QString type = QString::fromStdString(m_lesionTypes.nameOf(mark.lesionType).value_or("unknown"));
            const QStringList cells { type, shapeLabel(mark), QString::number(mark.slice.sliceIndex + 1), longMm,
                shortMm, QString::fromStdString(mark.author.name) };
            for (int column = 0; column < ColumnCount; ++column) {
                auto* item = new QTableWidgetItem(cells[column]);
                item->setData(markIdRole, QString::fromStdString(mark.id));
                if (column >= SliceColumn && column <= ShortColumn) {
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                }
                m_table->setItem(row, column, item);
            }
            if (!mark.note.empty()) {
                m_table->item(row, TypeColumn)->setToolTip(QString::fromStdString(mark.note));
            }
            ++row;
        }
    }
    m_summary->setText(row == 0 ? tr("No marks in this study yet. Choose a tool (R, L, B) and drag on the image.")
                                : tr("%1 in this study").arg(countText(row, tr("mark"), tr("marks"))));
    m_filling = false;
    setSelectedMarkId(selected);
}

void MarksPanel::setSelectedMarkId(const QString& markId)
{
    m_filling = true;
    m_table->clearSelection();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, TypeColumn)->data(markIdRole).toString() == markId) {
            m_table->setCurrentCell(row, TypeColumn);
            break;
        }
    }
    m_filling = false;
}

int MarksPanel::rowCount() const
{
    return m_table->rowCount();
}

} // namespace radmark::app
