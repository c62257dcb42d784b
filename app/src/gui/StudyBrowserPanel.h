#pragma once

#include <QIcon>
#include <QWidget>

class QLineEdit;
class QLabel;
class QTreeView;
class QModelIndex;
class QResizeEvent;

namespace radmark::storage {
class ProjectStore;
}

namespace radmark::app {

class StudyBrowserModel;

// Patients -> studies -> series of the open project, with modality, date, description, image
// count and a thumbnail per series, as a lazy model over the project (StudyBrowserModel): rows are read as
// they scroll into view and when expanded. The filter box searches patient names and IDs, accession numbers,
// study descriptions and dates, series descriptions and modalities (StudyBrowserIndex). When few patients
// are shown (a small project, a narrow filter) every row starts expanded; at scale they start collapsed.
// Double-click (or Enter) on a series emits seriesActivated; so does Enter in the filter box, for the
// first series it shows. Under the filter box, how many patients match ("8,750 of 70,000 patients"); a broad
// filter shows its first rows at once and says "256+ of 70,000 patients, counting…" until the count is complete. In a
// narrow dock the series name has priority: the Date and then the Images column give way (their values stay in each
// row's tooltip).
class StudyBrowserPanel : public QWidget {
    Q_OBJECT
public:
    explicit StudyBrowserPanel(QWidget* parent = nullptr);

    // Patients shown expanded when at most this many pass the filter.
    static constexpr int expandAllUpTo = 200;

    // Rebuilds the tree from the project; `project` may be null (empty tree).
    void showProject(const storage::ProjectStore* project);
    void setSeriesThumbnail(const QString& seriesUid, const QIcon& thumbnail);
    void setFilterText(const QString& text);
    // Highlights the series shown in the viewer (without emitting seriesActivated).
    void setCurrentSeries(const QString& seriesUid);
    QTreeView* treeView() const { return m_tree; }
    StudyBrowserModel* model() const { return m_model; }
    // "N of M patients" under the filter box ("M patients" without a filter; hidden in an empty project).
    QLabel* matchCountLabel() const { return m_matchCount; }
    // Series of the whole project (shown or not).
    int seriesCount() const;

signals:
    void seriesActivated(const QString& seriesUid);
    // Series whose thumbnails are wanted (those now in the tree, in display order).
    void thumbnailsWanted(const QStringList& seriesUids);

protected:
    void resizeEvent(QResizeEvent* event) override;
    // In the filter box: Enter opens the first series shown, Down goes to it in the tree, Escape
    // clears the filter.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void activate(const QModelIndex& proxyIndex);
    // Shows the Date / Images columns only where the series name keeps its room.
    void fitColumnsToWidth();
    // Expands patient rows first..last (and their studies) when the patients shown are few.
    void expandFetchedPatients(int first, int last);
    void showMatchCount();

    QLineEdit* m_filter = nullptr;
    QLabel* m_matchCount = nullptr;
    QTreeView* m_tree = nullptr;
    QLabel* m_emptyHint = nullptr;
    StudyBrowserModel* m_model = nullptr;
};

} // namespace radmark::app
