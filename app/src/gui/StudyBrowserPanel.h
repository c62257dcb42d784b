#pragma once

#include <QHash>
#include <QIcon>
#include <QWidget>

class QLineEdit;
class QLabel;
class QStandardItem;
class QStandardItemModel;
class QSortFilterProxyModel;
class QTreeView;
class QModelIndex;
class QResizeEvent;

namespace radmark::storage {
class ProjectStore;
}

namespace radmark::app {

// Patients -> studies -> series of the open project, with modality, date, description, image
// count and a thumbnail per series; a filter box matches any column at any level.
// Double-click (or Enter) on a series emits seriesActivated; so does Enter in the filter box, for the
// first series it shows. In a narrow dock the series name has
// priority: the Date and then the Images column give way (their values stay in each row's tooltip).
class StudyBrowserPanel : public QWidget {
    Q_OBJECT
public:
    explicit StudyBrowserPanel(QWidget* parent = nullptr);

    // Rebuilds the tree from the project; `project` may be null (empty tree).
    void showProject(const storage::ProjectStore* project);
    void setSeriesThumbnail(const QString& seriesUid, const QIcon& thumbnail);
    void setFilterText(const QString& text);
    // Highlights the series shown in the viewer (without emitting seriesActivated).
    void setCurrentSeries(const QString& seriesUid);
    QTreeView* treeView() const { return m_tree; }
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
    // The first series row the tree shows (in display order), invalid when none.
    QModelIndex firstShownSeries() const;

    QLineEdit* m_filter = nullptr;
    QTreeView* m_tree = nullptr;
    QLabel* m_emptyHint = nullptr;
    QStandardItemModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QHash<QString, QStandardItem*> m_seriesItems;
};

} // namespace radmark::app
