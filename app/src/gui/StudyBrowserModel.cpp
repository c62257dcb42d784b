#include "gui/StudyBrowserModel.h"

#include "gui/PeopleText.h"
#include "gui/StudyBrowserLabels.h"
#include "radmark/storage/project/StudyBrowserIndex.h"

#include <QTimer>

#include <algorithm>
#include <array>
#include <chrono>

namespace radmark::app {

namespace {

QString text(const std::string& value)
{
    return QString::fromStdString(value);
}

constexpr int patientBlockRows = 64;

} // namespace

struct StudyBrowserModel::Node {
    enum class Kind { Root, Patient, Study, Series };
    Kind kind = Kind::Root;
    std::int64_t id = 0;
    Node* parent = nullptr;
    int row = 0;
    bool loaded = false; // cells and tooltip read (patients are read in blocks when shown)
    bool childrenFetched = false; // studies of a patient, series of a study
    bool mayHaveChildren = true;
    std::array<QString, ColumnCount> cells;
    QString toolTip;
    QString seriesUid;
    std::vector<std::unique_ptr<Node>> children;

    Node* addChild(Kind childKind, std::int64_t childId)
    {
        auto child = std::make_unique<Node>();
        child->kind = childKind;
        child->id = childId;
        child->parent = this;
        child->row = static_cast<int>(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
};

StudyBrowserModel::StudyBrowserModel(QObject* parent)
    : QAbstractItemModel(parent)
{
    m_root = std::make_unique<Node>();
    m_matchTimer = new QTimer(this);
    m_matchTimer->setSingleShot(true);
    m_matchTimer->setInterval(0);
    connect(m_matchTimer, &QTimer::timeout, this, &StudyBrowserModel::continueMatching);
}

StudyBrowserModel::~StudyBrowserModel() = default;

void StudyBrowserModel::setProject(const storage::ProjectStore* project)
{
    beginResetModel();
    if (project != m_project) {
        m_thumbnails.clear(); // kept when the same project is shown again (after an import)
    }
    m_project = project;
    m_index = project != nullptr ? std::make_unique<storage::StudyBrowserIndex>(*project) : nullptr;
    m_seriesTotal = m_index ? m_index->seriesTotal() : 0;
    reset();
    endResetModel();
    emit matchCountChanged();
}

void StudyBrowserModel::setFilterText(const QString& text)
{
    if (text == m_filter) {
        return;
    }
    beginResetModel();
    m_filter = text;
    reset();
    endResetModel();
    emit matchCountChanged();
}

void StudyBrowserModel::reset()
{
    m_matchTimer->stop(); // the previous filter's count is dropped, not queued
    m_countShown.start();
    m_root = std::make_unique<Node>();
    m_seriesNodes.clear();
    m_patientRowsRead = 0;
    if (m_index) {
        m_index->setFilter(m_filter.toStdString(), firstFilterPatients);
        if (!m_index->isComplete()) {
            m_matchTimer->start();
        }
        const int first = std::min(patientsPerFetch, shownPatientCount());
        for (int row = 0; row < first; ++row) {
            m_root->addChild(Node::Kind::Patient, m_index->patientIds()[static_cast<std::size_t>(row)]);
        }
    }
}

bool StudyBrowserModel::isFiltered() const
{
    return m_index && m_index->isFiltered();
}

bool StudyBrowserModel::isMatchCountComplete() const
{
    return !m_index || m_index->isComplete();
}

int StudyBrowserModel::patientTotal() const
{
    return m_index ? static_cast<int>(m_index->patientTotal()) : 0;
}

int StudyBrowserModel::matchedPatientCount() const
{
    return m_index ? static_cast<int>(m_index->knownPatientCount()) : 0;
}

int StudyBrowserModel::matchingSteps() const
{
    return m_index ? m_index->matchingSteps() : 0;
}

void StudyBrowserModel::continueMatching()
{
    if (!m_index || m_index->isComplete()) {
        return;
    }
    if (m_index->continueMatching(std::chrono::milliseconds(matchingStepMilliseconds))) {
        matchingFinished();
        return;
    }
    m_matchTimer->start();
    // The growing count at most every 100 ms: its label's relayout is not repeated at every step.
    if (!m_countShown.isValid() || m_countShown.elapsed() >= 100) {
        m_countShown.start();
        emit matchCountChanged();
    }
}

void StudyBrowserModel::matchingFinished()
{
    m_matchTimer->stop();
    const auto& ids = m_index->patientIds();
    bool prefix = m_root->children.size() <= ids.size();
    for (std::size_t row = 0; prefix && row < m_root->children.size(); ++row) {
        prefix = m_root->children[row]->id == ids[row];
    }
    if (!prefix) {
        // Not expected (the first patients are tested as the index matches), but the whole list decides.
        beginResetModel();
        m_root = std::make_unique<Node>();
        m_seriesNodes.clear();
        const int first = std::min(patientsPerFetch, shownPatientCount());
        for (int row = 0; row < first; ++row) {
            m_root->addChild(Node::Kind::Patient, ids[static_cast<std::size_t>(row)]);
        }
        endResetModel();
    }
    emit matchCountChanged();
}

int StudyBrowserModel::shownPatientCount() const
{
    return m_index ? static_cast<int>(m_index->patientIds().size()) : 0;
}

StudyBrowserModel::Node* StudyBrowserModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex StudyBrowserModel::indexOf(const Node* node, int column) const
{
    return node == nullptr || node == m_root.get() ? QModelIndex()
                                                   : createIndex(node->row, column, const_cast<Node*>(node));
}

QModelIndex StudyBrowserModel::index(int row, int column, const QModelIndex& parent) const
{
    const Node* node = nodeOf(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || row >= static_cast<int>(node->children.size())
        || (parent.isValid() && parent.column() != NameColumn)) {
        return {};
    }
    return createIndex(row, column, node->children[static_cast<std::size_t>(row)].get());
}

QModelIndex StudyBrowserModel::parent(const QModelIndex& child) const
{
    if (!child.isValid()) {
        return {};
    }
    return indexOf(nodeOf(child)->parent);
}

int StudyBrowserModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != NameColumn) {
        return 0;
    }
    return static_cast<int>(nodeOf(parent)->children.size());
}

int StudyBrowserModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

bool StudyBrowserModel::hasChildren(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != NameColumn) {
        return false;
    }
    const Node* node = nodeOf(parent);
    switch (node->kind) {
    case Node::Kind::Root:
        return shownPatientCount() > 0;
    case Node::Kind::Series:
        return false;
    default:
        return node->childrenFetched ? !node->children.empty() : node->mayHaveChildren;
    }
}

bool StudyBrowserModel::canFetchMore(const QModelIndex& parent) const
{
    const Node* node = nodeOf(parent);
    switch (node->kind) {
    case Node::Kind::Root:
        return static_cast<int>(node->children.size()) < shownPatientCount() || !isMatchCountComplete();
    case Node::Kind::Series:
        return false;
    default:
        return !node->childrenFetched;
    }
}

void StudyBrowserModel::fetchMore(const QModelIndex& parent)
{
    Node* node = nodeOf(parent);
    if (node->kind == Node::Kind::Root) {
        const int wanted = static_cast<int>(node->children.size()) + patientsPerFetch;
        if (m_index && !m_index->isComplete()) {
            // Scrolled past the patients known: the walk goes on (or the count is completed here).
            m_index->extendPatients(static_cast<std::size_t>(wanted));
            if (m_index->isComplete()) {
                fetchPatients(wanted);
                matchingFinished();
                return;
            }
            emit matchCountChanged();
        }
        fetchPatients(wanted);
    } else {
        fetchChildren(node);
    }
}

void StudyBrowserModel::fetchPatients(int count)
{
    const int have = static_cast<int>(m_root->children.size());
    const int wanted = std::min(count, shownPatientCount());
    if (wanted <= have) {
        return;
    }
    beginInsertRows({}, have, wanted - 1);
    for (int row = have; row < wanted; ++row) {
        m_root->addChild(Node::Kind::Patient, m_index->patientIds()[static_cast<std::size_t>(row)]);
    }
    endInsertRows();
}

void StudyBrowserModel::fetchChildren(Node* node)
{
    if (node->childrenFetched || !m_index || node->kind == Node::Kind::Root || node->kind == Node::Kind::Series) {
        return;
    }
    node->childrenFetched = true;
    std::vector<std::unique_ptr<Node>> rows;
    QStringList fetchedSeries;
    const auto makeNode = [&](Node::Kind kind, std::int64_t id) {
        auto child = std::make_unique<Node>();
        child->kind = kind;
        child->id = id;
        child->parent = node;
        child->row = static_cast<int>(rows.size());
        child->loaded = true;
        rows.push_back(std::move(child));
        return rows.back().get();
    };
    if (node->kind == Node::Kind::Patient) {
        for (const auto& row : m_index->studies(node->id)) {
            Node* study = makeNode(Node::Kind::Study, row.id);
            const auto& summary = row.study;
            QString label = text(summary.studyDescription).trimmed();
            if (label.isEmpty()) {
                label = tr("Study");
            }
            if (!summary.accessionNumber.empty()) {
                label += "  [" + text(summary.accessionNumber) + "]";
            }
            study->cells = { label, text(row.modalities), displayDicomDate(summary.studyDate),
                tr("%n series", nullptr, summary.seriesCount) };
            QStringList tip { label };
            if (!summary.studyDate.empty()) {
                tip << displayDicomDate(summary.studyDate);
            }
            tip << countText(summary.seriesCount, tr("series"), tr("series"));
            study->toolTip = tip.join("\n");
            study->mayHaveChildren = summary.seriesCount > 0;
        }
    } else {
        for (const auto& row : m_index->series(node->id)) {
            Node* seriesNode = makeNode(Node::Kind::Series, row.id);
            const auto& series = row.series;
            QString label = text(series.description).trimmed();
            if (label.isEmpty()) {
                label = tr("Series %1").arg(series.seriesNumber);
            }
            if (series.distinctSizes > 1 || series.flaggedInstances > 0) {
                label += QString::fromUtf8("  ⚠");
            }
            const QString uid = text(series.seriesUid);
            seriesNode->cells
                = { label, text(series.modality), displayDicomDate(series.seriesDate), QString::number(series.frames) };
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
            seriesNode->toolTip = tooltip;
            seriesNode->seriesUid = uid;
            seriesNode->mayHaveChildren = false;
            fetchedSeries << uid;
        }
    }
    if (rows.empty()) {
        node->mayHaveChildren = false;
        return;
    }
    beginInsertRows(indexOf(node), 0, static_cast<int>(rows.size()) - 1);
    node->children = std::move(rows);
    for (const auto& child : node->children) {
        if (child->kind == Node::Kind::Series) {
            m_seriesNodes.insert(child->seriesUid, child.get());
        }
    }
    endInsertRows();
    if (!fetchedSeries.isEmpty()) {
        emit seriesFetched(fetchedSeries);
    }
}

void StudyBrowserModel::loadPatientBlock(int row) const
{
    const int first = row - row % patientBlockRows;
    const int last = std::min(first + patientBlockRows, static_cast<int>(m_root->children.size()));
    std::vector<std::int64_t> ids;
    for (int at = first; at < last; ++at) {
        if (!m_root->children[static_cast<std::size_t>(at)]->loaded) {
            ids.push_back(m_root->children[static_cast<std::size_t>(at)]->id);
        }
    }
    const auto rows = m_index->patientRows(ids);
    m_patientRowsRead += static_cast<int>(rows.size());
    std::size_t next = 0;
    for (int at = first; at < last; ++at) {
        Node& node = *m_root->children[static_cast<std::size_t>(at)];
        if (node.loaded) {
            continue;
        }
        node.loaded = true;
        if (next < rows.size() && rows[next].id == node.id) {
            const auto& patient = rows[next++].patient;
            // Sex and birth date belong to the patient's label, not under the series columns Mod. and Date.
            node.cells = { patientLabel(patient), QString(), QString(), QString() };
            node.toolTip = patientToolTip(patient);
            node.mayHaveChildren = patient.studyCount > 0;
        } else {
            node.cells = { tr("(removed from the project)"), QString(), QString(), QString() };
            node.mayHaveChildren = false;
        }
    }
}

QVariant StudyBrowserModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    Node* node = nodeOf(index);
    if (!node->loaded) {
        loadPatientBlock(node->row);
    }
    switch (role) {
    case Qt::DisplayRole:
        return node->cells[static_cast<std::size_t>(index.column())];
    case Qt::ToolTipRole:
        return node->toolTip;
    case seriesUidRole:
        return node->seriesUid.isEmpty() ? QVariant() : QVariant(node->seriesUid);
    case Qt::DecorationRole:
        if (index.column() == NameColumn && !node->seriesUid.isEmpty()) {
            const auto found = m_thumbnails.constFind(node->seriesUid);
            if (found != m_thumbnails.constEnd()) {
                return *found;
            }
        }
        return {};
    default:
        return {};
    }
}

QVariant StudyBrowserModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Patient / study / series");
    case ModalityColumn:
        return tr("Mod.");
    case DateColumn:
        return tr("Date");
    case ImagesColumn:
        return tr("Images");
    default:
        return {};
    }
}

Qt::ItemFlags StudyBrowserModel::flags(const QModelIndex& index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

QModelIndex StudyBrowserModel::seriesIndex(const QString& seriesUid)
{
    if (Node* known = m_seriesNodes.value(seriesUid)) {
        return indexOf(known);
    }
    if (!m_index) {
        return {};
    }
    const auto place = m_index->placeOfSeries(seriesUid.toStdString());
    if (!place) {
        return {};
    }
    if (!m_index->isComplete()) {
        // The series' patient may be beyond the patients known so far.
        m_index->completeMatching();
        matchingFinished();
    }
    const auto& ids = m_index->patientIds();
    const auto found = std::find(ids.begin(), ids.end(), place->patientId);
    if (found == ids.end()) {
        return {};
    }
    const int patientRow = static_cast<int>(found - ids.begin());
    fetchPatients(patientRow + 1);
    Node* patient = m_root->children[static_cast<std::size_t>(patientRow)].get();
    fetchChildren(patient);
    for (const auto& study : patient->children) {
        if (study->id == place->studyId) {
            fetchChildren(study.get());
            break;
        }
    }
    Node* series = m_seriesNodes.value(seriesUid);
    return series != nullptr ? indexOf(series) : QModelIndex();
}

QModelIndex StudyBrowserModel::firstSeriesIndex()
{
    for (int row = 0; row < shownPatientCount(); ++row) {
        fetchPatients(row + 1);
        Node* patient = m_root->children[static_cast<std::size_t>(row)].get();
        fetchChildren(patient);
        for (const auto& study : patient->children) {
            fetchChildren(study.get());
            if (!study->children.empty()) {
                return indexOf(study->children.front().get());
            }
        }
    }
    return {};
}

void StudyBrowserModel::setSeriesThumbnail(const QString& seriesUid, const QIcon& thumbnail)
{
    m_thumbnails.insert(seriesUid, thumbnail);
    if (Node* node = m_seriesNodes.value(seriesUid)) {
        const QModelIndex index = indexOf(node);
        emit dataChanged(index, index, { Qt::DecorationRole });
    }
}

} // namespace radmark::app
