#include "gui/StudyBrowserPanel.h"
#include "gui/PeopleText.h"
#include "gui/StudyBrowserLabels.h"

#include "radmark/storage/project/ProjectStore.h"

#include <QFontMetrics>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QResizeEvent>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace radmark::app {

namespace {

constexpr int seriesUidRole = Qt::UserRole + 1;
enum Column { NameColumn, ModalityColumn, DateColumn, ImagesColumn, ColumnCount };

QString text(const std::string& value)
{
    return QString::fromStdString(value);
}

QList<QStandardItem*> makeRow(const QString& name, const QString& modality, const QString& date, const QString& images)
{
    QList<QStandardItem*> row;
    for (const QString& value : { name, modality, date, images }) {
        auto* item = new QStandardItem(value);
        item->setEditable(false);
        row.append(item);
    }
    return row;
}

// A study row's Mod. lists the modalities of its series ("CT/SEG"), as PACS study lists do.
void addStudyModality(QStandardItem* studyItem, const QString& modality)
{
    QStandardItem* patientItem = studyItem->parent();
    QStandardItem* modalityItem
        = patientItem != nullptr ? patientItem->child(studyItem->row(), ModalityColumn) : nullptr;
    if (modalityItem == nullptr || modality.isEmpty()) {
        return;
    }
    QStringList modalities = modalityItem->text().split('/', Qt::SkipEmptyParts);
    if (!modalities.contains(modality)) {
        modalities.append(modality);
        modalityItem->setText(modalities.join('/'));
    }
}

} // namespace

StudyBrowserPanel::StudyBrowserPanel(QWidget* parent)
    : QWidget(parent)
{
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter patients, studies, series…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName("browserFilter");

    m_model = new QStandardItemModel(this);
    m_model->setHorizontalHeaderLabels({ tr("Patient / study / series"), tr("Mod."), tr("Date"), tr("Images") });
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    // A match on a patient or study shows its studies and series too (openable), not a bare row.
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);

    m_tree = new QTreeView(this);
    m_tree->setObjectName("studyTree");
    m_tree->setModel(m_proxy);
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
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_emptyHint, 1);

    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& filter) {
        m_proxy->setFilterFixedString(filter);
        m_tree->expandAll();
    });
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
    m_model->removeRows(0, m_model->rowCount());
    m_seriesItems.clear();
    QStringList seriesUids;
    if (project != nullptr) {
        QMap<QString, QStandardItem*> patientItems;
        QMap<QString, QStandardItem*> studyItems;
        for (const auto& patient : project->patients()) {
            // Sex and birth date belong to the patient's label, not under the series columns Mod. and Date.
            auto row = makeRow(patientLabel(patient), QString(), QString(), QString());
            const QString tooltip = patientToolTip(patient);
            for (QStandardItem* item : row) {
                item->setToolTip(tooltip);
            }
            m_model->appendRow(row);
            patientItems.insert(text(patient.patientId), row.front());
        }
        for (const auto& study : project->studies()) {
            QStandardItem* parent = patientItems.value(text(study.patientId));
            if (parent == nullptr) {
                continue;
            }
            QString label = text(study.studyDescription).trimmed();
            if (label.isEmpty()) {
                label = tr("Study");
            }
            if (!study.accessionNumber.empty()) {
                label += "  [" + text(study.accessionNumber) + "]";
            }
            auto row = makeRow(
                label, QString(), displayDicomDate(study.studyDate), tr("%n series", nullptr, study.seriesCount));
            QStringList studyTip { label };
            if (!study.studyDate.empty()) {
                studyTip << displayDicomDate(study.studyDate);
            }
            studyTip << countText(study.seriesCount, tr("series"), tr("series"));
            for (QStandardItem* item : row) {
                item->setToolTip(studyTip.join("\n"));
            }
            parent->appendRow(row);
            studyItems.insert(text(study.studyUid), row.front());
        }
        for (const auto& series : project->series()) {
            QStandardItem* parent = studyItems.value(text(series.studyUid));
            if (parent == nullptr) {
                continue;
            }
            QString label = text(series.description).trimmed();
            if (label.isEmpty()) {
                label = tr("Series %1").arg(series.seriesNumber);
            }
            if (series.distinctSizes > 1 || series.flaggedInstances > 0) {
                label += QString::fromUtf8("  ⚠");
            }
            auto row = makeRow(
                label, text(series.modality), displayDicomDate(series.seriesDate), QString::number(series.frames));
            const QString uid = text(series.seriesUid);
            QStringList heading { label };
            if (!series.modality.empty()) {
                heading << text(series.modality);
            }
            if (!series.seriesDate.empty()) {
                heading << displayDicomDate(series.seriesDate);
            }
            QString tooltip = tr("%1\nSeries UID %2\n%3 × %4, %5, %6")
                                  .arg(heading.join(QString::fromUtf8(" · ")))
                                  .arg(uid)
                                  .arg(series.columns)
                                  .arg(series.rows)
                                  .arg(countText(series.instances, tr("file"), tr("files")))
                                  .arg(countText(series.frames, tr("image"), tr("images")));
            if (series.distinctSizes > 1) {
                tooltip += tr("\nImages of %1 different sizes").arg(series.distinctSizes);
            }
            if (series.flaggedInstances > 0) {
                tooltip
                    += tr("\n%1 (e.g. missing or shared UIDs)")
                           .arg(countText(series.flaggedInstances, tr("flagged instance"), tr("flagged instances")));
            }
            for (QStandardItem* item : row) {
                item->setData(uid, seriesUidRole);
                item->setToolTip(tooltip);
            }
            parent->appendRow(row);
            m_seriesItems.insert(uid, row.front());
            addStudyModality(parent, text(series.modality));
            seriesUids.append(uid);
        }
    }
    m_tree->expandAll();
    fitColumnsToWidth();
    const bool empty = m_seriesItems.isEmpty();
    m_tree->setVisible(!empty);
    m_emptyHint->setVisible(empty);
    if (!seriesUids.isEmpty()) {
        emit thumbnailsWanted(seriesUids);
    }
}

QModelIndex StudyBrowserPanel::firstShownSeries() const
{
    QList<QModelIndex> pending { QModelIndex() };
    while (!pending.isEmpty()) {
        const QModelIndex parent = pending.takeFirst();
        QList<QModelIndex> children;
        for (int row = 0; row < m_proxy->rowCount(parent); ++row) {
            const QModelIndex child = m_proxy->index(row, NameColumn, parent);
            if (!child.data(seriesUidRole).toString().isEmpty()) {
                return child;
            }
            children << child;
        }
        pending = children + pending; // depth first, in display order
    }
    return {};
}

bool StudyBrowserPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && key->modifiers() == Qt::NoModifier) {
            if (const QModelIndex series = firstShownSeries(); series.isValid()) {
                m_tree->setCurrentIndex(series);
                activate(series);
            }
            return true;
        }
        if (key->key() == Qt::Key_Down && key->modifiers() == Qt::NoModifier) {
            const QModelIndex series = firstShownSeries();
            m_tree->setCurrentIndex(series.isValid() ? series : m_proxy->index(0, NameColumn));
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
    if (QStandardItem* item = m_seriesItems.value(seriesUid)) {
        item->setIcon(thumbnail);
    }
}

void StudyBrowserPanel::setFilterText(const QString& text)
{
    m_filter->setText(text);
}

void StudyBrowserPanel::setCurrentSeries(const QString& seriesUid)
{
    if (QStandardItem* item = m_seriesItems.value(seriesUid)) {
        const QModelIndex index = m_proxy->mapFromSource(item->index());
        if (index.isValid()) {
            m_tree->setCurrentIndex(index);
            m_tree->scrollTo(index);
        }
    }
}

int StudyBrowserPanel::seriesCount() const
{
    return m_seriesItems.size();
}

} // namespace radmark::app
