#pragma once

#include <QAbstractItemModel>
#include <QElapsedTimer>
#include <QHash>
#include <QIcon>
#include <QStringList>

class QTimer;

#include <cstdint>
#include <memory>
#include <vector>

namespace radmark::storage {
class ProjectStore;
class StudyBrowserIndex;
} // namespace radmark::storage

namespace radmark::app {

// Patients -> studies -> series of a project as a lazy model over its SQL index (storage::StudyBrowserIndex):
// the top level grows by fetchMore as the view scrolls (ids only; a patient's row is read with its block of 64
// when first shown), a patient's studies and a study's series are read when it is expanded. The filter resets the
// model with its first patients in display order; a broad filter's rest (the match list and so the count) is found
// in steps of a few milliseconds on the event loop, dropped when the text changes (see StudyBrowserIndex).
// Columns: name, Mod., Date, Images.
class StudyBrowserModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ModalityColumn, DateColumn, ImagesColumn, ColumnCount };
    static constexpr int seriesUidRole = Qt::UserRole + 1;
    static constexpr int patientsPerFetch = 128;
    // Patients a filter shows at once (more than the panel's expandAllUpTo: a filter that needs counting starts
    // collapsed, like any other filter of that many patients).
    static constexpr int firstFilterPatients = 256;
    // Time the count of a broad filter takes per event-loop turn.
    static constexpr int matchingStepMilliseconds = 12;

    explicit StudyBrowserModel(QObject* parent = nullptr);
    ~StudyBrowserModel() override;

    // Shows `project` (nullptr: nothing) with the current filter; the first patients are fetched.
    void setProject(const storage::ProjectStore* project);
    void setFilterText(const QString& text);
    bool isFiltered() const;
    // Patients passing the filter known so far (fetched or not): all of them once the count is complete.
    int shownPatientCount() const;
    // Patients of the whole project.
    int patientTotal() const;
    // Patients known to pass the filter: shownPatientCount() once complete, a lower bound before (the count).
    int matchedPatientCount() const;
    // Every patient passing the filter is known (matchCountChanged tells when).
    bool isMatchCountComplete() const;
    // Background steps of the count run since the project was shown (typing does not queue them).
    int matchingSteps() const;
    // Series of the whole project.
    qint64 seriesTotal() const { return m_seriesTotal; }
    // Patient rows read from the project so far (they are read in blocks as they are shown).
    int patientRowsRead() const { return m_patientRowsRead; }

    // The series' row, fetching its patient, study and series rows as needed; invalid when the filter hides it.
    QModelIndex seriesIndex(const QString& seriesUid);
    // The first series row in display order (fetching what it needs); invalid when none is shown.
    QModelIndex firstSeriesIndex();
    void setSeriesThumbnail(const QString& seriesUid, const QIcon& thumbnail);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
    // The filter's patient count grew or became complete.
    void matchCountChanged();
    // Series rows just read (for their thumbnails), in display order.
    void seriesFetched(const QStringList& seriesUids);

private:
    struct Node;

    void reset();
    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(const Node* node, int column = NameColumn) const;
    // Adds id-only patient rows up to `count` rows in all.
    void fetchPatients(int count);
    void fetchChildren(Node* node);
    void loadPatientBlock(int row) const;
    void continueMatching();
    // The count became complete: the rows shown are the first of the whole list (else they are rebuilt).
    void matchingFinished();

    const storage::ProjectStore* m_project = nullptr;
    std::unique_ptr<storage::StudyBrowserIndex> m_index;
    std::unique_ptr<Node> m_root;
    QString m_filter;
    qint64 m_seriesTotal = 0;
    mutable int m_patientRowsRead = 0;
    QHash<QString, Node*> m_seriesNodes;
    QHash<QString, QIcon> m_thumbnails;
    QTimer* m_matchTimer = nullptr;
    QElapsedTimer m_countShown; // since matchCountChanged was last emitted while counting
};

} // namespace radmark::app
