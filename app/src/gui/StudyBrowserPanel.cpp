#include "gui/StudyBrowserPanel.h"
#include "gui/StudyBrowserModel.h"

#include "radmark/storage/project/ProjectStore.h"

#include <QFontMetrics>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QResizeEvent>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace radmark::app {

namespace {

constexpr int seriesUidRole = StudyBrowserModel::seriesUidRole;
enum Column { NameColumn, ModalityColumn, DateColumn, ImagesColumn, ColumnCount };

} // namespace

StudyBrowserPanel::StudyBrowserPanel(QWidget* parent)
    : QWidget(parent)
{
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter patients, studies, series…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName("browserFilter");

    m_matchCount = new QLabel(this);
    m_matchCount->setObjectName("browserMatchCount");
    // Its text grows while counting: it must not widen the dock.
    m_matchCount->setMinimumWidth(1);

    m_model = new StudyBrowserModel(this);

    m_tree = new QTreeView(this);
    m_tree->setObjectName("studyTree");
    m_tree->setModel(m_model);
    m_tree->setIconSize(QSize(48, 48));
    m_tree->setIndentation(14);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->setUniformRowHeights(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    for (int column = ModalityColumn; column < ColumnCount; ++column) {
        m_tree->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }

    m_emptyHint
        = new QLabel(tr("No images yet.\nUse File ▸ Import Folder… to add DICOM or NIfTI/NRRD/MHA files."), this);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    // The count under the filter box, on a line of its own that stays while typing (the tree does not move).
    layout->addWidget(m_matchCount);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_emptyHint, 1);

    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& filter) {
        m_model->setFilterText(filter);
        expandFetchedPatients(0, m_model->rowCount() - 1);
    });
    // Patient rows fetched as the tree scrolls: expanded too while the patients shown are few.
    connect(
        m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex& parentRow, int first, int last) {
            if (!parentRow.isValid()) {
                expandFetchedPatients(first, last);
            }
        });
    connect(m_model, &StudyBrowserModel::matchCountChanged, this, [this] {
        showMatchCount();
        if (m_model->isMatchCountComplete()) {
            expandFetchedPatients(0, m_model->rowCount() - 1);
        }
    });
    connect(m_model, &StudyBrowserModel::seriesFetched, this, &StudyBrowserPanel::thumbnailsWanted);
    // activated covers double-click and Enter.
    connect(m_tree, &QTreeView::activated, this, &StudyBrowserPanel::activate);
}

void StudyBrowserPanel::activate(const QModelIndex& proxyIndex)
{
    const QModelIndex nameIndex = proxyIndex.siblingAtColumn(NameColumn);
    const QString seriesUid = nameIndex.data(seriesUidRole).toString();
    if (!seriesUid.isEmpty()) {
        emit seriesActivated(seriesUid);
    }
}

void StudyBrowserPanel::showProject(const storage::ProjectStore* project)
{
    m_model->setProject(project);
    // The scroll bar covers the rows fetched so far: the placeholder says how many patients there are.
    const int patients = m_model->isFiltered() ? -1 : m_model->shownPatientCount();
    m_filter->setPlaceholderText(patients > StudyBrowserModel::patientsPerFetch
            ? tr("Filter %L1 patients, their studies, series…").arg(patients)
            : tr("Filter patients, studies, series…"));
    expandFetchedPatients(0, m_model->rowCount() - 1);
    fitColumnsToWidth();
    const bool empty = m_model->seriesTotal() == 0;
    m_tree->setVisible(!empty);
    m_matchCount->setVisible(!empty);
    m_emptyHint->setVisible(empty);
}

void StudyBrowserPanel::showMatchCount()
{
    const int total = m_model->patientTotal();
    const QString totalText = total == 1 ? tr("1 patient") : tr("%L1 patients").arg(total);
    if (!m_model->isFiltered()) {
        m_matchCount->setText(totalText);
        return;
    }
    const int matched = m_model->matchedPatientCount();
    m_matchCount->setText(m_model->isMatchCountComplete() ? tr("%L1 of %2").arg(matched).arg(totalText)
                                                          : tr("%L1+ of %2, counting…").arg(matched).arg(totalText));
}

void StudyBrowserPanel::expandFetchedPatients(int first, int last)
{
    if (!m_model->isMatchCountComplete() || m_model->shownPatientCount() > expandAllUpTo) {
        return;
    }
    for (int row = first; row <= last; ++row) {
        const QModelIndex patient = m_model->index(row, NameColumn);
        if (m_model->canFetchMore(patient)) {
            m_model->fetchMore(patient);
        }
        m_tree->expand(patient);
        for (int study = 0; study < m_model->rowCount(patient); ++study) {
            const QModelIndex studyIndex = m_model->index(study, NameColumn, patient);
            if (m_model->canFetchMore(studyIndex)) {
                m_model->fetchMore(studyIndex);
            }
            m_tree->expand(studyIndex);
        }
    }
}

bool StudyBrowserPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && key->modifiers() == Qt::NoModifier) {
            if (const QModelIndex series = m_model->firstSeriesIndex(); series.isValid()) {
                m_tree->expand(series.parent().parent());
                m_tree->expand(series.parent());
                m_tree->setCurrentIndex(series);
                activate(series);
            }
            return true;
        }
        if (key->key() == Qt::Key_Down && key->modifiers() == Qt::NoModifier) {
            const QModelIndex series = m_model->firstSeriesIndex();
            if (series.isValid()) {
                m_tree->expand(series.parent().parent());
                m_tree->expand(series.parent());
            }
            m_tree->setCurrentIndex(series.isValid() ? series : m_model->index(0, NameColumn));
            m_tree->setFocus(Qt::TabFocusReason);
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_filter->text().isEmpty()) {
            m_filter->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void StudyBrowserPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitColumnsToWidth();
}

void StudyBrowserPanel::fitColumnsToWidth()
{
    // A series row's name starts after two indentation steps, the expand arrow's room and the
    // thumbnail; it should keep about 20 characters before Date (then Images) take their share.
    const QFontMetrics metrics = m_tree->fontMetrics();
    const int nameRoom = 3 * m_tree->indentation() + m_tree->iconSize().width() + 12
        + metrics.horizontalAdvance(QStringLiteral("Axial 2.5mm soft tissu"));
    const int padding = 16;
    const int modality = std::max(metrics.horizontalAdvance(tr("Mod.")), metrics.horizontalAdvance("MR")) + padding;
    const int date = metrics.horizontalAdvance(QStringLiteral("2026-12-31")) + padding;
    const int images
        = std::max(metrics.horizontalAdvance(tr("Images")), metrics.horizontalAdvance("12 series")) + padding;
    const int available = m_tree->viewport()->width() > 0 ? m_tree->viewport()->width() : width();
    const bool showImages = available >= nameRoom + modality + images;
    const bool showDate = available >= nameRoom + modality + images + date;
    m_tree->setColumnHidden(ImagesColumn, !showImages);
    m_tree->setColumnHidden(DateColumn, !showDate);
}

void StudyBrowserPanel::setSeriesThumbnail(const QString& seriesUid, const QIcon& thumbnail)
{
    m_model->setSeriesThumbnail(seriesUid, thumbnail);
}

void StudyBrowserPanel::setFilterText(const QString& text)
{
    m_filter->setText(text);
}

void StudyBrowserPanel::setCurrentSeries(const QString& seriesUid)
{
    const QModelIndex index = m_model->seriesIndex(seriesUid);
    if (index.isValid()) {
        m_tree->expand(index.parent().parent());
        m_tree->expand(index.parent());
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
    }
}

int StudyBrowserPanel::seriesCount() const
{
    return static_cast<int>(m_model->seriesTotal());
}

} // namespace radmark::app
