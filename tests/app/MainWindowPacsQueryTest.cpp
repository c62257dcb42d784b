// File > Query PACS… in the real main window against a real Orthanc (DICOMweb): keys fill the criteria,
// Enter queries, More pages, Enter in the table retrieves the study into the study browser; closing the
// window during a retrieval stops it within a second.
#include "OrthancServer.h"
#include "TestPaths.h"
#include "gui/MainWindow.h"
#include "gui/StudyBrowserPanel.h"
#include "gui/pacs/PacsConnectionDialog.h"
#include "gui/pacs/PacsQueryDialog.h"

#include "radmark/storage/pacs/PacsCache.h"
#include "radmark/storage/pacs/PacsConnection.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <filesystem>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
using radmark::app::MainWindow;
using radmark::app::PacsQueryDialog;
using radmark::testing::OrthancServer;

namespace {

storage::WrittenSeries uploadStudy(
    const OrthancServer& orthanc, const std::string& folder, const std::string& patient, int slices)
{
    storage::SyntheticSeriesSpec spec;
    spec.columns = 64;
    spec.rows = 64;
    spec.slices = slices;
    spec.patientId = patient;
    spec.patientName = "QUERY^" + patient;
    spec.accessionNumber = "A-" + patient;
    const storage::WrittenSeries written = storage::writeSyntheticSeries(spec, folder + "/" + patient);
    for (const std::string& file : written.filePaths) {
        orthanc.uploadFile(file);
    }
    return written;
}

// A project with one DICOMweb connection to `orthanc`, opened in `window`; the query dialog opened from the menu.
PacsQueryDialog* openQueryDialog(MainWindow& window, const OrthancServer& orthanc, const std::string& projectPath)
{
    {
        auto store = storage::ProjectStore::open(projectPath, storage::ProjectStore::OpenMode::CreateIfMissing);
        storage::MarkStore marks(*store);
        storage::PacsConnection connection;
        connection.name = "hospital-web";
        connection.kind = storage::PacsConnection::Kind::DicomWeb;
        connection.baseUrl = orthanc.dicomWebUrl();
        storage::addPacsConnection(marks, connection);
    }
    window.setInteractiveDialogs(false);
    window.resize(1280, 720);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.openProject(QString::fromStdString(projectPath)));
    auto* action = window.findChild<QAction*>("queryPacsAction");
    REQUIRE(action != nullptr);
    REQUIRE(action->isEnabled());
    action->trigger();
    auto* dialog = window.findChild<PacsQueryDialog*>();
    REQUIRE(dialog != nullptr);
    REQUIRE(QTest::qWaitForWindowExposed(dialog));
    return dialog;
}

} // namespace

TEST_CASE("the query dialog queries by keys, pages with More and retrieves a study into the browser", "[gui][pacs]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-gui-pacs");
    std::vector<storage::WrittenSeries> studies;
    for (const char* patient : { "P1", "P2", "P3" }) {
        studies.push_back(uploadStudy(orthanc, folder, patient, 3));
    }
    MainWindow window;
    PacsQueryDialog* dialog = openQueryDialog(window, orthanc, folder + "/gui.radmark");
    CHECK(dialog->connectionBox()->currentText() == "hospital-web (DICOMweb)");
    CHECK(dialog->connectionBox()->toolTip().toStdString() == orthanc.dicomWebUrl());
    dialog->activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(dialog));
    CHECK(QApplication::focusWidget() == dialog->patientIdEdit());
    dialog->setPageSize(2);

    // Patient name with a wildcard, Enter: the first page of two, More for the third.
    QSignalSpy queried(dialog, &PacsQueryDialog::queryFinished);
    QTest::keyClick(dialog->patientIdEdit(), Qt::Key_Tab);
    QTest::keyClicks(QApplication::focusWidget(), "QUERY^*");
    CHECK(dialog->patientNameEdit()->text() == "QUERY^*");
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    REQUIRE(queried.wait(20000));
    CHECK(queried.front().at(0).toInt() == 2);
    CHECK(queried.front().at(1).toBool());
    CHECK(dialog->studyCount() == 2);
    CHECK(dialog->moreButton()->isEnabled());
    CHECK(dialog->statusText() == "2 studies, 2 series, 6 images shown; more match: press More.");
    CHECK(QApplication::focusWidget() == dialog->resultsView());
    QTest::mouseClick(dialog->moreButton(), Qt::LeftButton);
    REQUIRE(queried.wait(20000));
    CHECK(dialog->studyCount() == 3);
    CHECK_FALSE(dialog->moreButton()->isEnabled());
    CHECK(dialog->statusText() == "3 studies, 3 series, 9 images (all matches).");

    // A narrower query replaces the rows; Enter in the table retrieves the selected study.
    dialog->patientNameEdit()->clear();
    dialog->accessionEdit()->setFocus();
    QTest::keyClicks(dialog->accessionEdit(), "A-P2");
    QTest::keyClick(dialog->accessionEdit(), Qt::Key_Return);
    REQUIRE(queried.wait(20000));
    REQUIRE(dialog->studyCount() == 1);
    REQUIRE(QApplication::focusWidget() == dialog->resultsView());
    QSignalSpy imported(dialog, &PacsQueryDialog::studiesImported);
    QSignalSpy retrieved(dialog, &PacsQueryDialog::retrieveFinished);
    QTest::keyClick(dialog->resultsView(), Qt::Key_Return);
    REQUIRE(retrieved.wait(60000));
    CHECK_FALSE(retrieved.front().at(0).toBool());
    const QString studyUid = QString::fromStdString(studies[1].studyInstanceUid);
    CHECK(dialog->retrieveState(studyUid) == "done: 3 images");
    CHECK(imported.count() >= 1);
    CHECK(window.browser()->seriesCount() == 1);
    CHECK(window.project()->counts().instances == 3);

    // Again: nothing is fetched twice.
    QTest::mouseClick(dialog->retrieveButton(), Qt::LeftButton);
    REQUIRE(retrieved.wait(60000));
    CHECK(dialog->retrieveState(studyUid) == "done: all 3 images were already here");
    CHECK(window.project()->counts().instances == 3);
}

TEST_CASE(
    "a failed query says why in the dialog, and closing the window stops a retrieval within a second", "[gui][pacs]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-gui-pacs-close");
    const storage::WrittenSeries big = uploadStudy(orthanc, folder, "BIG", 120);
    auto window = std::make_unique<MainWindow>();
    const std::string projectPath = folder + "/close.radmark";
    PacsQueryDialog* dialog = openQueryDialog(*window, orthanc, projectPath);

    QSignalSpy queried(dialog, &PacsQueryDialog::queryFinished);
    dialog->dateFromEdit()->setText("2024-13-45");
    QTest::mouseClick(dialog->searchButton(), Qt::LeftButton);
    CHECK(dialog->statusText() == "Study date from \"2024-13-45\" is not a date (YYYYMMDD or YYYY-MM-DD).");
    dialog->dateFromEdit()->clear();

    REQUIRE(dialog->startQuery());
    REQUIRE(queried.wait(20000));
    REQUIRE(dialog->studyCount() == 1);
    dialog->resultsView()->selectRow(0);
    REQUIRE(dialog->retrieveSelected());
    QTest::qWait(50);
    QElapsedTimer clock;
    clock.start();
    window->close();
    CHECK_FALSE(dialog->isRetrieving());
    CHECK(clock.elapsed() < 1000);
    window.reset();
    // Whatever arrived is whole: no partial file in the cache, and a new retrieve would resume.
    const std::string cache = storage::pacsCacheFolder(projectPath);
    if (fs::exists(cache)) {
        for (const auto& entry : fs::recursive_directory_iterator(cache)) {
            CHECK(entry.path().extension() != ".part");
        }
    }

    orthanc.stop();
    MainWindow second;
    PacsQueryDialog* again = openQueryDialog(second, orthanc, folder + "/down.radmark");
    QSignalSpy failed(again, &PacsQueryDialog::queryFinished);
    REQUIRE(again->startQuery());
    REQUIRE(failed.wait(20000));
    CHECK_THAT(again->statusText().toStdString(), Catch::StartsWith("The query failed: PACS hospital-web: "));
    CHECK_THAT(again->statusText().toStdString(), Catch::Contains("connection refused"));
}

TEST_CASE(
    "Add… in the query dialog saves a DICOMweb connection after saying what is wrong with the first try", "[gui][pacs]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-gui-pacs-add");
    const std::string projectPath = folder + "/add.radmark";
    storage::ProjectStore::open(projectPath, storage::ProjectStore::OpenMode::CreateIfMissing).reset();
    MainWindow window;
    window.setInteractiveDialogs(false);
    window.resize(1280, 720);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.openProject(QString::fromStdString(projectPath)));
    window.findChild<QAction*>("queryPacsAction")->trigger();
    auto* dialog = window.findChild<PacsQueryDialog*>();
    REQUIRE(dialog != nullptr);
    CHECK(dialog->connectionBox()->count() == 0);
    CHECK_FALSE(dialog->searchButton()->isEnabled());
    CHECK(dialog->statusText().startsWith("This project has no PACS connection yet: press Add…"));

    bool sawError = false;
    QTimer::singleShot(0, [&] {
        auto* editor = qobject_cast<radmark::app::PacsConnectionDialog*>(QApplication::activeModalWidget());
        REQUIRE(editor != nullptr);
        QTest::keyClicks(editor->nameEdit(), "hospital-web");
        QTest::keyClicks(editor->urlEdit(), "ftp://nowhere");
        QTest::keyClick(editor->urlEdit(), Qt::Key_Return); // refused: stays open with the reason
        sawError = editor->isVisible() && editor->errorLabel()->isVisible() && !editor->errorLabel()->text().isEmpty();
        editor->urlEdit()->clear();
        QTest::keyClicks(editor->urlEdit(), "http://127.0.0.1:8042/dicom-web");
        QTest::keyClick(editor->urlEdit(), Qt::Key_Return);
    });
    QTest::mouseClick(dialog->addConnectionButton(), Qt::LeftButton);
    CHECK(sawError);
    CHECK(dialog->connectionBox()->count() == 1);
    CHECK(dialog->connectionBox()->currentText() == "hospital-web (DICOMweb)");
    CHECK(dialog->searchButton()->isEnabled());
    storage::MarkStore marks(*const_cast<storage::ProjectStore*>(window.project()));
    const auto saved = storage::findPacsConnection(marks, "hospital-web");
    REQUIRE(saved);
    CHECK(saved->baseUrl == "http://127.0.0.1:8042/dicom-web");
    CHECK(saved->kind == storage::PacsConnection::Kind::DicomWeb);
}
