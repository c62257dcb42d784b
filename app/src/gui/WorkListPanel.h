#pragma once

#include "radmark/storage/team/TeamStore.h"

#include <QWidget>

#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace radmark::storage {
class ProjectStore;
}

namespace radmark::app {

class MainWindow;
class WorkListPanel;
WorkListPanel* addWorkListDock(MainWindow* window);

// The annotator's work list (team labelling): the studies of an annotator file in the order assigned, each done
// (every label of the schema decided) or to do, with the progress on top. Enter on a row opens that study; Next
// to Do (Ctrl+J, anywhere in the window) opens the first study still to do after the one shown. A dock of the
// main window, shown when the open project is an annotator file and hidden otherwise.
class WorkListPanel : public QWidget {
    Q_OBJECT
public:
    explicit WorkListPanel(MainWindow* window);

    // Called by the window when it opens a project (nullptr: none). In an annotator file the file's author preset
    // (the annotator, as split wrote it) becomes the current author; another project restores the user's own.
    void openProject(storage::ProjectStore* project);
    // Re-reads the list (labels or marks changed).
    void refresh();
    // Opens the first study to do after the current row (wrapping); false when none is left.
    bool openNextToDo();

    QDockWidget* dock() const { return m_dock; }
    QTreeWidget* list() const { return m_list; }
    QAction* nextToDoAction() const { return m_nextAction; }
    const std::vector<storage::WorkItem>& items() const { return m_items; }
    QString progressText() const;

private:
    friend WorkListPanel* addWorkListDock(MainWindow* window);
    void openRow(int row);
    void fill();

    MainWindow* m_window = nullptr;
    const storage::ProjectStore* m_project = nullptr;
    std::string m_annotator;
    bool m_authorFromFile = false;
    std::vector<storage::WorkItem> m_items;
    QDockWidget* m_dock = nullptr;
    QLabel* m_summary = nullptr;
    QProgressBar* m_progress = nullptr;
    QTreeWidget* m_list = nullptr;
    QPushButton* m_nextButton = nullptr;
    QAction* m_nextAction = nullptr;
};

// Creates the panel in its dock (left, tabbed with the study browser) and wires it to the window.
WorkListPanel* addWorkListDock(MainWindow* window);

} // namespace radmark::app
