#include "gui/StudyBrowserPanel.h"
#include "gui/StudyBrowserLabels.h"

#include "radmark/storage/ProjectStore.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

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
    for (const QString& value : {name, modality, date, images}) {
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
    QStandardItem* modalityItem = patientItem != nullptr ? patientItem->child(studyItem->row(), ModalityColumn) : nullptr;
    if (modalityItem == nullptr || modality.isEmpty()) {
        return;
    }
    QStringList modalities = modalityItem->text().split('/', Qt::SkipEmptyParts);
    if (!modalities.contains(modality)) {
        modalities.append(modality);
        modalityItem->setText(modalities.join('/'));
    }
}

}  // namespace

StudyBrowserPanel::StudyBrowserPanel(QWidget* parent) : QWidget(parent)
{
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter patients, studies, series…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName("browserFilter");

    m_model = new QStandardItemModel(this);
    m_model->setHorizontalHeaderLabels({tr("Patient / study / series"), tr("Mod."), tr("Date"), tr("Images")});
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
    m_tree->setUniformRowHeights(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    for (int column = ModalityColumn; column < ColumnCount; ++column) {
        m_tree->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }

    m_emptyHint = new QLabel(tr("No images yet.\nUse File ▸ Import Folder… to add DICOM or NIfTI/NRRD/MHA files."), this);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_emptyHint, 1);

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
            auto row = makeRow(label, QString(), displayDicomDate(study.studyDate),
                               tr("%n series", nullptr, study.seriesCount));
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
            auto row = makeRow(label, text(series.modality), displayDicomDate(series.seriesDate),
                               QString::number(series.frames));
            const QString uid = text(series.seriesUid);
            QString tooltip = tr("Series UID %1\n%2 × %3, %4 file(s), %5 image(s)")
                                  .arg(uid)
                                  .arg(series.columns)
                                  .arg(series.rows)
                                  .arg(series.instances)
                                  .arg(series.frames);
            if (series.distinctSizes > 1) {
                tooltip += tr("\nImages of %1 different sizes").arg(series.distinctSizes);
            }
            if (series.flaggedInstances > 0) {
                tooltip += tr("\n%1 flagged instance(s) (e.g. missing or shared UIDs)").arg(series.flaggedInstances);
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
    const bool empty = m_seriesItems.isEmpty();
    m_tree->setVisible(!empty);
    m_emptyHint->setVisible(empty);
    if (!seriesUids.isEmpty()) {
        emit thumbnailsWanted(seriesUids);
    }
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

}  // namespace radmark::app
