#pragma once

#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/importing/Importer.h"

#include <QFutureWatcher>
#include <QMainWindow>
#include <QSet>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QToolBar;
class QStackedWidget;

namespace radmark::storage {
class ProjectStore;
}
namespace radmark::viewer {
class SliceViewWidget;
class ViewerLayoutWidget;
} // namespace radmark::viewer

namespace radmark::app {

class AnnotationSession;
class ImportController;
class LabellingWorkflow;
class MarksPanel;
class PacsQueryLauncher;
class SaliencyReviewPanel;
class StudyBrowserPanel;
class WorkListPanel;
class TeamReviewWorkflow;

// A series loaded on a worker thread, or why it could not be.
struct SeriesLoadResult {
    storage::LoadedSeries series;
    QString error;
};
class ThumbnailLoader;

// The application window: study browser on the left, slice view in the centre, status bar with
// the hover readout. Owns the open project's connection (GUI thread only); imports and series
// loading run on worker threads.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens (or with `create`, creates) a project; shows a message and returns false on failure.
    bool openProject(const QString& path, bool create = false);
    // Starts importing into the open project; importFinished follows.
    bool importPaths(const QStringList& paths);
    // Starts loading a series; seriesOpened or seriesFailed follows.
    void openSeries(const QString& seriesUid);

    const storage::ProjectStore* project() const { return m_project.get(); }
    viewer::SliceViewWidget* sliceView() const { return m_sliceView; }
    viewer::ViewerLayoutWidget* viewerLayout() const { return m_viewerLayout; }
    StudyBrowserPanel* browser() const { return m_browser; }
    AnnotationSession* annotations() const { return m_annotations; }
    MarksPanel* marksPanel() const { return m_marksPanel; }
    SaliencyReviewPanel* saliencyPanel() const { return m_saliencyPanel; }
    LabellingWorkflow* labelling() const { return m_labelling; }
    WorkListPanel* workList() const { return m_workList; }
    TeamReviewWorkflow* teamReview() const { return m_teamReview; }
    QString openSeriesUid() const { return m_openSeriesUid; }
    // Set to false in tests so that results are not shown in modal dialogs.
    void setInteractiveDialogs(bool enabled) { m_interactiveDialogs = enabled; }

signals:
    void importFinished(int filesImported, int filesSkipped, bool cancelled);
    void seriesOpened(const QString& seriesUid);
    void seriesFailed(const QString& seriesUid, const QString& reason);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createLabellingActions(QMenu* editMenu, QToolBar* toolbar);
    QSet<QString> seriesOfSameStudy(const QString& seriesUid) const;
    void newProject();
    void chooseProjectToOpen();
    void chooseFolderToImport();
    void chooseFilesToImport();
    void showSkippedFiles();
    void showExportDialog();
    void showShortcuts();
    void showAbout();
    void onImportFinished(const storage::ImportSummary& summary, const QString& errorMessage);
    void onSeriesLoaded();
    void refreshBrowser();
    void updateTitle();
    void updateActions();
    void showError(const QString& title, const QString& message);

    std::unique_ptr<storage::ProjectStore> m_project;
    StudyBrowserPanel* m_browser = nullptr;
    viewer::SliceViewWidget* m_sliceView = nullptr;
    viewer::ViewerLayoutWidget* m_viewerLayout = nullptr;
    QStackedWidget* m_centralStack = nullptr;
    QLabel* m_placeholder = nullptr;
    QLabel* m_warningBanner = nullptr;
    QLabel* m_readoutLabel = nullptr;
    QLabel* m_sliceLabel = nullptr;
    QLabel* m_windowLabel = nullptr;
    ImportController* m_importController = nullptr;
    PacsQueryLauncher* m_pacs = nullptr;
    ThumbnailLoader* m_thumbnails = nullptr;
    AnnotationSession* m_annotations = nullptr;
    MarksPanel* m_marksPanel = nullptr;
    SaliencyReviewPanel* m_saliencyPanel = nullptr;
    LabellingWorkflow* m_labelling = nullptr;
    WorkListPanel* m_workList = nullptr;
    TeamReviewWorkflow* m_teamReview = nullptr;
    QString m_markToRevealAfterLoad;
    QFutureWatcher<SeriesLoadResult> m_seriesLoad;
    QString m_loadingSeriesUid;
    QString m_openSeriesUid;
    bool m_interactiveDialogs = true;

    QAction* m_importFolderAction = nullptr;
    QAction* m_importFilesAction = nullptr;
    QAction* m_skippedAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_identifyingTextAction = nullptr;
};

} // namespace radmark::app
