#include "gui/MainWindow.h"
#include "BuildVersion.h"
#include "gui/SrMarksImportReport.h"

#include "gui/AnnotationSession.h"
#include "gui/ExportDialog.h"
#include "gui/ImportController.h"
#include "gui/KeyboardHelp.h"
#include "gui/LabelReviewSession.h"
#include "gui/LabellingWorkflow.h"
#include "gui/MarksPanel.h"
#include "gui/PeopleText.h"
#include "gui/ShortcutConflicts.h"
#include "gui/SkippedFilesDialog.h"
#include "gui/SmallScreenLayout.h"
#include "gui/StudyBrowserPanel.h"
#include "gui/ThumbnailLoader.h"
#include "gui/TypingFocusGuard.h"
#include "gui/WorkListPanel.h"
#include "gui/pacs/PacsQueryLauncher.h"
#include "gui/saliency/SaliencyDock.h"
#include "gui/saliency/SaliencyReviewPanel.h"
#include "gui/team/TeamReviewWorkflow.h"
#include "radmark/annotation/WindowPresets.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"
#include "radmark/viewer/MprViewWidget.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"
#include "radmark/viewer/ViewerLayoutWidget.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace radmark::app {

namespace {

const char* projectFileFilter = "RadMark projects (*.radmark);;All files (*)";

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setObjectName("mainWindow");
    resize(1400, 900);

    m_browser = new StudyBrowserPanel(this);
    auto* browserDock = new QDockWidget(tr("Studies"), this);
    browserDock->setObjectName("studiesDock");
    browserDock->setWidget(m_browser);
    browserDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, browserDock);
    resizeDocks({ browserDock }, { 420 }, Qt::Horizontal);

    m_sliceView = new viewer::SliceViewWidget(this);
    m_sliceView->setObjectName("sliceView");
    m_warningBanner = new QLabel(this);
    m_warningBanner->setObjectName("seriesWarnings");
    m_warningBanner->setWordWrap(true);
    m_warningBanner->setStyleSheet("QLabel { background: #5c4a12; color: #ffe9a8; padding: 4px 8px; }");
    m_warningBanner->hide();
    auto* viewerPage = new QWidget(this);
    auto* viewerLayout = new QVBoxLayout(viewerPage);
    viewerLayout->setContentsMargins(0, 0, 0, 0);
    viewerLayout->setSpacing(0);
    viewerLayout->addWidget(m_warningBanner);
    m_viewerLayout = new viewer::ViewerLayoutWidget(m_sliceView, this);
    viewerLayout->addWidget(m_viewerLayout, 1);

    m_placeholder = new QLabel(tr("Open a project (File ▸ Open Project…), import images (File ▸ Import Folder…),\n"
                                  "then double-click a series in the Studies panel."),
        this);
    m_placeholder->setObjectName("viewerPlaceholder");
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_centralStack = new QStackedWidget(this);
    m_centralStack->addWidget(m_placeholder);
    m_centralStack->addWidget(viewerPage);
    setCentralWidget(m_centralStack);

    m_readoutLabel = new QLabel(this);
    m_readoutLabel->setObjectName("hoverReadout");
    m_sliceLabel = new QLabel(this);
    m_windowLabel = new QLabel(this);
    statusBar()->addWidget(m_readoutLabel, 1);
    statusBar()->addPermanentWidget(m_sliceLabel);
    statusBar()->addPermanentWidget(m_windowLabel);

    m_importController = new ImportController(this);
    m_thumbnails = new ThumbnailLoader(this);

    m_marksPanel = new MarksPanel(this);
    auto* marksDock = new QDockWidget(tr("Marks"), this);
    marksDock->setObjectName("marksDock");
    marksDock->setWidget(m_marksPanel);
    marksDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, marksDock);
    m_annotations = new AnnotationSession(this);
    m_annotations->attach(m_sliceView, m_marksPanel);
    connect(m_annotations, &AnnotationSession::saveFailed, this,
        [this](const QString& message) { showError(tr("Could not save the edit"), message); });
    connect(
        m_annotations, &AnnotationSession::seriesWanted, this, [this](const QString& seriesUid, const QString& markId) {
            m_markToRevealAfterLoad = markId;
            openSeries(seriesUid);
        });

    m_saliencyPanel = addSaliencyReviewDock(this, m_sliceView, m_annotations);
    connect(m_saliencyPanel, &SaliencyReviewPanel::seriesWanted, this, &MainWindow::openSeries);
    connect(m_saliencyPanel, &SaliencyReviewPanel::message, this,
        [this](const QString& text) { statusBar()->showMessage(text, 10000); });

    connect(m_browser, &StudyBrowserPanel::seriesActivated, this, &MainWindow::openSeries);
    connect(m_browser, &StudyBrowserPanel::thumbnailsWanted, this, [this](const QStringList& uids) {
        if (m_project) {
            m_thumbnails->request(*m_project, uids);
        }
    });
    connect(m_thumbnails, &ThumbnailLoader::thumbnailReady, m_browser, &StudyBrowserPanel::setSeriesThumbnail);
    connect(m_importController, &ImportController::finished, this, &MainWindow::onImportFinished);
    connect(&m_seriesLoad, &QFutureWatcher<SeriesLoadResult>::finished, this, &MainWindow::onSeriesLoaded);
    connect(m_sliceView, &viewer::SliceViewWidget::hoverReadoutChanged, m_readoutLabel, &QLabel::setText);
    connect(m_viewerLayout, &viewer::ViewerLayoutWidget::hoverReadoutChanged, m_readoutLabel, &QLabel::setText);
    connect(m_annotations, &AnnotationSession::documentChanged, m_viewerLayout,
        &viewer::ViewerLayoutWidget::markOverlayChanged);
    // The keyboard follows a layout switch: the slice view in 1x1, the axial plane in 1x3 and 2x2.
    connect(
        m_viewerLayout, &viewer::ViewerLayoutWidget::viewerLayoutChanged, this, [this](viewer::ViewerLayout layout) {
            QWidget* view = layout == viewer::ViewerLayout::Single
                ? static_cast<QWidget*>(m_sliceView)
                : m_viewerLayout->mprView(annotation::MprOrientation::Axial);
            if (view != nullptr && view->isVisible()) {
                view->setFocus(Qt::OtherFocusReason);
            }
        });
    connect(m_sliceView, &viewer::SliceViewWidget::sliceChanged, this, [this](int slice, int count) {
        m_sliceLabel->setText(count > 0 ? tr("Slice %1 / %2").arg(slice + 1).arg(count) : QString());
    });
    connect(m_sliceView, &viewer::SliceViewWidget::windowLevelChanged, this, [this](double width, double level) {
        const bool seriesShown = m_centralStack->currentIndex() == 1;
        m_windowLabel->setText(seriesShown ? tr("W %1  L %2").arg(width, 0, 'f', 0).arg(level, 0, 'f', 0) : QString());
    });

    createActions();
    m_labelling = new LabellingWorkflow(this);
    m_workList = addWorkListDock(this);
    m_teamReview = new TeamReviewWorkflow(this);
    // Report and saliency review share one column as tabs, so the images keep their width; the report leads.
    auto* reportDock = findChild<QDockWidget*>("reportDock");
    tabifyDockWidget(reportDock, findChild<QDockWidget*>("saliencyDock"));
    reportDock->raise();
    // Keyboard and screen size: letters typed in lists go to them; docks fit a laptop screen; no key twice.
    new TypingFocusGuard(this);
    fitMainWindowToSmallScreens(this, findChild<QMenu*>("viewMenu"));
    warnAboutShortcutConflicts(this);
    updateTitle();
    updateActions();
}

MainWindow::~MainWindow()
{
    m_seriesLoad.waitForFinished();
}

void MainWindow::createActions()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* newAction = fileMenu->addAction(tr("&New Project…"), this, &MainWindow::newProject);
    newAction->setShortcut(QKeySequence::New);
    QAction* openAction = fileMenu->addAction(tr("&Open Project…"), this, &MainWindow::chooseProjectToOpen);
    openAction->setShortcut(QKeySequence::Open);
    fileMenu->addSeparator();
    m_importFolderAction = fileMenu->addAction(tr("&Import Folder…"), this, &MainWindow::chooseFolderToImport);
    m_importFolderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_importFilesAction = fileMenu->addAction(tr("Import &Files…"), this, &MainWindow::chooseFilesToImport);
    m_skippedAction = fileMenu->addAction(tr("&Skipped Files…"), this, &MainWindow::showSkippedFiles);
    m_pacs = new PacsQueryLauncher(this);
    connect(m_pacs, &PacsQueryLauncher::studiesImported, this, [this] {
        refreshBrowser();
        updateActions();
    });
    fileMenu->addAction(m_pacs->action());
    fileMenu->addSeparator();
    m_exportAction = fileMenu->addAction(tr("&Export…"), this, &MainWindow::showExportDialog);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->setObjectName("viewMenu");
    QMenu* windowMenu = viewMenu->addMenu(tr("&Window Presets"));
    windowMenu->addAction(tr("Header window\t0"), this, [this] { m_sliceView->applyPresetKey('0'); });
    for (const auto& preset : annotation::ctWindowPresets()) {
        const char key = preset.shortcutKey;
        windowMenu->addAction(tr("%1 (W %2 / L %3)\t%4")
                                  .arg(QString::fromStdString(preset.name))
                                  .arg(preset.window.width)
                                  .arg(preset.window.level)
                                  .arg(QChar(key)),
            this, [this, key] { m_sliceView->applyPresetKey(key); });
    }
    viewMenu->addAction(tr("&Fit to Window\tF"), this, [this] { m_sliceView->fitToWindow(); });
    m_identifyingTextAction = viewMenu->addAction(tr("Show &Identifying Text\tI"));
    m_identifyingTextAction->setCheckable(true);
    m_identifyingTextAction->setChecked(true);
    connect(
        m_identifyingTextAction, &QAction::toggled, m_sliceView, &viewer::SliceViewWidget::setIdentifyingTextVisible);
    connect(m_identifyingTextAction, &QAction::toggled, m_viewerLayout,
        &viewer::ViewerLayoutWidget::setIdentifyingTextVisible);
    viewMenu->addMenu(tr("&Layout"))->addActions(m_viewerLayout->layoutActions());
    viewMenu->addAction(m_saliencyPanel->overlayAction());

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName("mainToolbar");
    toolbar->setMovable(false);
    toolbar->addAction(openAction);
    toolbar->addAction(m_importFolderAction);
    toolbar->addSeparator();
    createLabellingActions(editMenu, toolbar);
    toolbar->addSeparator();
    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&Keyboard and Mouse…"), this, &MainWindow::showShortcuts);
    helpMenu->addAction(tr("&About RadMark"), this, &MainWindow::showAbout);

    for (const auto& preset : annotation::ctWindowPresets()) {
        const char key = preset.shortcutKey;
        QAction* action = toolbar->addAction(
            QString::fromStdString(preset.name), this, [this, key] { m_sliceView->applyPresetKey(key); });
        action->setToolTip(tr("%1 window: W %2 / L %3 (key %4)")
                               .arg(QString::fromStdString(preset.name))
                               .arg(preset.window.width)
                               .arg(preset.window.level)
                               .arg(QChar(key)));
    }
}

void MainWindow::createLabellingActions(QMenu* editMenu, QToolBar* toolbar)
{
    editMenu->addAction(m_annotations->undoAction());
    editMenu->addAction(m_annotations->redoAction());
    editMenu->addSeparator();
    QAction* deleteAction = editMenu->addAction(
        tr("&Delete Selected Mark"), this, [this] { m_annotations->deleteMark(m_sliceView->selectedMarkId()); });
    deleteAction->setShortcut(QKeySequence::Delete);
    editMenu->addAction(tr("Derive DeepLesion &Box from RECIST"), this, [this] {
        const std::string id = m_sliceView->selectedMarkId().toStdString();
        const auto result = m_annotations->document().deriveBoxFromRecist(id);
        if (!result.applied && !id.empty()) {
            statusBar()->showMessage(QString::fromStdString(result.error), 8000);
        }
    });
    for (const int direction : { -1, 1 }) {
        editMenu->addAction(direction < 0 ? tr("Copy Mark to &Previous Slice") : tr("Copy Mark to &Next Slice"), this,
            [this, direction] {
                annotation::SliceContext target = m_sliceView->sliceContext();
                const int slice = target.reference.sliceIndex + direction;
                if (slice < 0 || slice >= target.sliceCount) {
                    return;
                }
                m_sliceView->setSliceIndex(slice);
                target = m_sliceView->sliceContext();
                const auto result = m_annotations->document().copyToAdjacentSlice(
                    m_sliceView->selectedMarkId().toStdString(), target);
                if (!result.applied) {
                    statusBar()->showMessage(QString::fromStdString(result.error), 8000);
                }
            });
    }
    editMenu->addAction(tr("Edit &Note of Selected Mark…"), this, [this] {
        const QString id = m_sliceView->selectedMarkId();
        const annotation::LesionMark* mark = m_annotations->document().find(id.toStdString());
        if (mark == nullptr) {
            statusBar()->showMessage(tr("Select a mark first (Select tool, S)"), 5000);
            return;
        }
        bool accepted = false;
        const QString note = QInputDialog::getMultiLineText(
            this, tr("Note"), tr("Note for this mark:"), QString::fromStdString(mark->note), &accepted);
        if (accepted) {
            m_annotations->document().setNote(id.toStdString(), note.toStdString());
        }
    });
    editMenu->addSeparator();
    editMenu->addAction(m_annotations->lesionTypesAction());
    editMenu->addAction(m_annotations->authorAction());

    QMenu* toolsMenu = menuBar()->addMenu(tr("&Tools"));
    toolsMenu->addActions(m_annotations->toolActions()->actions());
    toolbar->addActions(m_annotations->toolActions()->actions());
    toolbar->addWidget(m_annotations->lesionTypeCombo());
}

QSet<QString> MainWindow::seriesOfSameStudy(const QString& seriesUid) const
{
    QSet<QString> uids { seriesUid };
    if (!m_project) {
        return uids;
    }
    // One indexed query for the study's series: listing every series of a 100,000-study project took seconds.
    const auto shown = m_project->seriesByUid(seriesUid.toStdString());
    storage::ReportStore studies(*m_project);
    const auto studyId = shown ? studies.findStudy(shown->studyUid) : std::nullopt;
    for (const std::string& uid : studyId ? studies.studySeriesUids(*studyId) : std::vector<std::string> {}) {
        uids.insert(QString::fromStdString(uid));
    }
    return uids;
}

bool MainWindow::openProject(const QString& path, bool create)
{
    try {
        auto project = storage::ProjectStore::open(path.toStdString(),
            create ? storage::ProjectStore::OpenMode::CreateIfMissing : storage::ProjectStore::OpenMode::ReadWrite);
        m_seriesLoad.waitForFinished();
        m_thumbnails->reset();
        m_project = std::move(project);
    } catch (const std::exception& error) {
        showError(tr("Cannot open project"), QString::fromStdString(error.what()));
        return false;
    }
    m_sliceView->clearVolume();
    m_viewerLayout->clearVolume();
    m_openSeriesUid.clear();
    m_warningBanner->hide();
    m_centralStack->setCurrentWidget(m_placeholder);
    try {
        m_annotations->openProject(m_project.get());
    } catch (const std::exception& error) {
        showError(tr("Cannot read the project's marks"), QString::fromStdString(error.what()));
    }
    m_saliencyPanel->openProject(m_project.get());
    try {
        m_labelling->openProject(m_project.get());
    } catch (const std::exception& error) {
        showError(tr("Cannot read the project's labels"), QString::fromStdString(error.what()));
    }
    m_workList->openProject(m_project.get());
    m_teamReview->openProject(m_project.get());
    refreshBrowser();
    updateTitle();
    updateActions();
    if (m_project->isReadOnly()) {
        statusBar()->showMessage(
            tr("Opened read-only: %1").arg(QString::fromStdString(m_project->readOnlyReason())), 15000);
    }
    return true;
}

void MainWindow::newProject()
{
    QString path = QFileDialog::getSaveFileName(this, tr("New Project"), QString(), tr(projectFileFilter));
    if (path.isEmpty()) {
        return;
    }
    if (!path.endsWith(".radmark")) {
        path += ".radmark";
    }
    openProject(path, true);
}

void MainWindow::chooseProjectToOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(), tr(projectFileFilter));
    if (!path.isEmpty()) {
        openProject(path);
    }
}

void MainWindow::chooseFolderToImport()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Import Folder"));
    if (!folder.isEmpty()) {
        importPaths({ folder });
    }
}

void MainWindow::chooseFilesToImport()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import Files"), QString(),
        tr("Images (*.dcm *.DCM *.ima *.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd DICOMDIR);;All files (*)"));
    if (!files.isEmpty()) {
        importPaths(files);
    }
}

bool MainWindow::importPaths(const QStringList& paths)
{
    if (!m_project) {
        showError(tr("No project"), tr("Create or open a project before importing."));
        return false;
    }
    if (m_project->isReadOnly()) {
        showError(tr("Read-only project"),
            tr("%1 is read-only; nothing can be imported into it.").arg(QString::fromStdString(m_project->path())));
        return false;
    }
    return m_importController->start(QString::fromStdString(m_project->path()), paths);
}

void MainWindow::onImportFinished(const storage::ImportSummary& summary, const QString& errorMessage)
{
    refreshBrowser();
    updateActions();
    const auto& progress = summary.progress;
    if (!errorMessage.isEmpty()) {
        showError(tr("Import failed"), errorMessage);
    } else {
        const QString message
            = tr("%1%2 read in %3 s (%4 files/s): %5 new or changed, %6 unchanged, %7 skipped.")
                  .arg(summary.cancelled ? tr("Import cancelled. ") : QString())
                  .arg(countText(static_cast<long long>(progress.filesProcessed), tr("file"), tr("files")))
                  .arg(progress.elapsedSeconds, 0, 'f', 1)
                  .arg(static_cast<qlonglong>(progress.filesPerSecond))
                  .arg(progress.filesImported)
                  .arg(progress.filesUnchanged)
                  .arg(progress.filesSkipped);
        const QString fullMessage
            = summary.reportsImported + summary.reportsAttached == 0 && summary.reportsUnmatched == 0 ? message
                                                                                                      : message
                + tr(" Reports: %1 stored, %2 matching no study.")
                      .arg(summary.reportsImported)
                      .arg(summary.reportsUnmatched);
        statusBar()->showMessage(fullMessage + srMarksSummary(summary), 15000);
        if (summary.cancelled) {
            statusBar()->showMessage(ImportController::cancelledMessage(summary), 30000);
            if (m_interactiveDialogs && summary.skippedThisRun.empty()) {
                QMessageBox::information(this, tr("Import cancelled"), ImportController::cancelledMessage(summary));
            }
        }
        if (m_interactiveDialogs) {
            showSrMarksNotMapped(summary, this);
        }
        if (m_interactiveDialogs && !summary.skippedThisRun.empty()) {
            SkippedFilesDialog dialog(summary.skippedThisRun,
                summary.cancelled ? ImportController::cancelledMessage(summary) : fullMessage, this);
            dialog.exec();
        }
    }
    emit importFinished(
        static_cast<int>(progress.filesImported), static_cast<int>(progress.filesSkipped), summary.cancelled);
}

void MainWindow::openSeries(const QString& seriesUid)
{
    if (!m_project) {
        return;
    }
    std::vector<std::string> files;
    try {
        for (const auto& file : m_project->seriesFiles(seriesUid.toStdString())) {
            files.push_back(file.filePath);
        }
    } catch (const std::exception& error) {
        showError(tr("Cannot open series"), QString::fromStdString(error.what()));
        return;
    }
    if (files.empty()) {
        emit seriesFailed(seriesUid, tr("the series has no files"));
        return;
    }
    m_seriesLoad.waitForFinished();
    m_loadingSeriesUid = seriesUid;
    statusBar()->showMessage(
        tr("Loading series (%1)…").arg(countText(static_cast<long long>(files.size()), tr("file"), tr("files"))));
    QApplication::setOverrideCursor(Qt::BusyCursor);
    m_seriesLoad.setFuture(QtConcurrent::run([files] {
        SeriesLoadResult result;
        try {
            result.series = storage::loadSeriesFiles(files);
        } catch (const std::exception& error) {
            result.error = QString::fromStdString(error.what());
        }
        return result;
    }));
}

void MainWindow::onSeriesLoaded()
{
    QApplication::restoreOverrideCursor();
    const SeriesLoadResult result = m_seriesLoad.result();
    const QString uid = m_loadingSeriesUid;
    if (!result.error.isEmpty() || !result.series.volume) {
        statusBar()->clearMessage();
        showError(tr("Cannot open series"), result.error);
        emit seriesFailed(uid, result.error);
        return;
    }
    viewer::SliceOverlayText text;
    text.patientAge = result.series.patientAge;
    text.patientSex = result.series.patientSex;
    text.modality = result.series.modality;
    if (const auto summary = m_project ? m_project->seriesByUid(uid.toStdString()) : std::nullopt) {
        text.seriesDescription = summary->description;
    }
    text.showIdentifyingText = m_identifyingTextAction->isChecked();
    m_centralStack->setCurrentIndex(1);
    m_sliceView->setVolume(result.series.volume, text);
    m_annotations->showSeries(uid, result.series, seriesOfSameStudy(uid));
    m_viewerLayout->setVolume(result.series.volume, text);
    m_viewerLayout->setAnnotationDocument(&m_annotations->document(), uid.toStdString());
    m_saliencyPanel->showSeries(uid, result.series);
    m_browser->setCurrentSeries(uid);
    m_sliceView->setFocus();
    QStringList warnings;
    for (const auto& warning : result.series.warnings) {
        warnings.append(QString::fromStdString(warning));
    }
    m_warningBanner->setText(QString::fromUtf8("⚠ ") + warnings.join(QString::fromUtf8("  •  ")));
    m_warningBanner->setVisible(!warnings.isEmpty());
    m_openSeriesUid = uid;
    const auto& geometry = result.series.volume->geometry();
    statusBar()->showMessage(tr("%1 × %2 × %3, %4 × %5 mm pixels, %6 mm between slices")
                                 .arg(geometry.columns)
                                 .arg(geometry.rows)
                                 .arg(geometry.slices)
                                 .arg(geometry.columnSpacingMm, 0, 'g', 4)
                                 .arg(geometry.rowSpacingMm, 0, 'g', 4)
                                 .arg(geometry.sliceSpacingMm, 0, 'g', 4),
        8000);
    if (!m_markToRevealAfterLoad.isEmpty()) {
        m_annotations->revealMark(m_markToRevealAfterLoad);
        m_markToRevealAfterLoad.clear();
    }
    emit seriesOpened(uid);
}

void MainWindow::refreshBrowser()
{
    try {
        m_browser->showProject(m_project.get());
    } catch (const std::exception& error) {
        showError(tr("Cannot read project"), QString::fromStdString(error.what()));
    }
}

void MainWindow::showSkippedFiles()
{
    if (!m_project) {
        return;
    }
    const auto skipped = m_project->skippedFiles();
    SkippedFilesDialog dialog(skipped,
        tr("%1 of this project could not be imported.")
            .arg(countText(static_cast<long long>(skipped.size()), tr("file"), tr("files"))),
        this);
    dialog.exec();
}

void MainWindow::showExportDialog()
{
    if (!m_project) {
        return;
    }
    ExportDialog dialog(QString::fromStdString(m_project->path()), this);
    dialog.exec();
}

void MainWindow::showShortcuts()
{
    showKeyboardHelp(this, m_labelling->session()->schema());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About RadMark"),
        tr("<b>RadMark %1</b><p>Label CT and MRI studies for machine learning: view, measure, "
           "label from reports, review saliency, export datasets.</p><p>%2</p>"
           "<p>Licensed under the Apache License 2.0.</p>")
            .arg(RADMARK_VERSION, QStringLiteral(RADMARK_VERSION_LINE)));
}

void MainWindow::updateTitle()
{
    if (!m_project) {
        setWindowTitle(tr("RadMark"));
        return;
    }
    QString title = QFileInfo(QString::fromStdString(m_project->path())).fileName() + " — RadMark";
    if (m_project->isReadOnly()) {
        title += tr(" [read-only]");
    }
    setWindowTitle(title);
}

void MainWindow::updateActions()
{
    const bool writable = m_project && !m_project->isReadOnly();
    m_importFolderAction->setEnabled(writable);
    m_importFilesAction->setEnabled(writable);
    m_skippedAction->setEnabled(m_project != nullptr);
    m_exportAction->setEnabled(m_project != nullptr);
    m_pacs->setProject(m_project.get());
    // The empty view says the next step from where the user is.
    if (!m_project) {
        m_placeholder->setText(tr("Open a project (File ▸ Open Project…), import images (File ▸ Import Folder…),\n"
                                  "then double-click a series in the Studies panel."));
    } else if (m_browser->seriesCount() == 0) {
        m_placeholder->setText(tr("No images in this project yet: File ▸ Import Folder… or Import Files…"));
    } else {
        m_placeholder->setText(tr("Double-click a series in the Studies panel (or select it and press Enter) to "
                                  "open it."));
    }
}

void MainWindow::showError(const QString& title, const QString& message)
{
    statusBar()->showMessage(title + ": " + message, 15000);
    if (m_interactiveDialogs) {
        QMessageBox::warning(this, title, message);
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // Asks before stopping a running import, then stops it: no process stays behind holding the project.
    if (!m_importController->stopBeforeClose(m_interactiveDialogs)) {
        event->ignore();
        return;
    }
    m_pacs->stop(); // a PACS retrieval stops within a second; what arrived stays and resumes later
    event->accept();
}

} // namespace radmark::app
