// Draws a RECIST mark in the real main window with synthetic mouse events, checks that it is on disk
// at once (what a reopen after kill -9 sees), undoes/redoes it, and finds it again in a new window.
#include "MainWindowTestInput.h"
#include "RadmarkProcess.h"
#include "TestPaths.h"
#include "gui/AnnotationSession.h"
#include "gui/MainWindow.h"
#include "gui/MarksPanel.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>

#include <filesystem>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
namespace annotation = radmark::annotation;
using radmark::app::AnnotationSession;
using radmark::app::MainWindow;
using radmark::testing::displayOf;
using radmark::testing::sendMouse;

namespace {

constexpr double spacingMm = 0.7;

void drag(
    radmark::viewer::SliceViewWidget& view, const annotation::PixelPoint& fromPx, const annotation::PixelPoint& toPx)
{
    sendMouse(view, QEvent::MouseButtonPress, displayOf(view, fromPx), Qt::LeftButton, Qt::LeftButton);
    for (int step = 1; step <= 4; ++step) {
        const double t = step / 4.0;
        const annotation::PixelPoint between { fromPx.column + (toPx.column - fromPx.column) * t,
            fromPx.row + (toPx.row - fromPx.row) * t };
        sendMouse(view, QEvent::MouseMove, displayOf(view, between), Qt::NoButton, Qt::LeftButton);
    }
    sendMouse(view, QEvent::MouseButtonRelease, displayOf(view, toPx), Qt::LeftButton, Qt::NoButton);
}

void openAndShow(MainWindow& window, const fs::path& project, const std::string& seriesUid)
{
    window.setInteractiveDialogs(false);
    window.resize(1400, 1000);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.openProject(QString::fromStdString(project.string())));
    QSignalSpy opened(&window, &MainWindow::seriesOpened);
    window.openSeries(QString::fromStdString(seriesUid));
    REQUIRE(opened.wait(60000));
}

} // namespace

TEST_CASE("a RECIST mark drawn with the mouse is saved at once and found after reopening", "[gui][marks]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-gui-marks");
    storage::SyntheticSeriesSpec spec;
    spec.columns = 256;
    spec.rows = 256;
    spec.slices = 8;
    spec.columnSpacingMm = spacingMm;
    spec.rowSpacingMm = spacingMm;
    const auto written = storage::writeSyntheticSeries(spec, (folder / "dicom").string());
    const fs::path project = folder / "marks.radmark";
    REQUIRE(
        radmark::testing::runRadmark({ "import", project.string(), (folder / "dicom").string(), "--quiet" }).exitCode
        == 0);

    {
        MainWindow window;
        openAndShow(window, project, written.seriesInstanceUid);
        auto& view = *window.sliceView();
        view.setSliceIndex(3);

        // The RECIST tool from the toolbar's action group, as a user would pick it.
        QAction* recistAction = nullptr;
        for (QAction* action : window.annotations()->toolActions()->actions()) {
            if (action->text() == "RECIST") {
                recistAction = action;
            }
        }
        REQUIRE(recistAction != nullptr);
        CHECK(recistAction->shortcut() == QKeySequence("R"));
        recistAction->trigger();
        REQUIRE(window.annotations()->activeToolKind() == AnnotationSession::ToolKind::Recist);

        // Long axis 100 px along the row (70 mm), then a 40 px drag sets the short axis (28 mm).
        drag(view, { 60.0, 120.0 }, { 160.0, 120.0 });
        drag(view, { 200.0, 200.0 }, { 200.0, 240.0 });
        REQUIRE(window.annotations()->document().marks().size() == 1);
        const annotation::LesionMark mark = window.annotations()->document().marks().front();
        const auto& recist = std::get<annotation::RecistMark>(mark.shape);
        CHECK(annotation::lengthMm(recist.longAxisPx, mark.plane.spacing) == Approx(70.0).epsilon(1e-9));
        CHECK(annotation::lengthMm(recist.shortAxisPx, mark.plane.spacing) == Approx(28.0).epsilon(1e-9));
        CHECK(mark.slice.sliceIndex == 3);
        CHECK(mark.slice.sopInstanceUid == written.sopInstanceUids[3]);
        CHECK(window.marksPanel()->rowCount() == 1);

        // Another process reads the project file while this window still has it open and has not
        // closed anything: the mark is already committed, as after a kill -9.
        const auto listed = radmark::testing::runRadmark({ "annotations", project.string(), "--json" });
        INFO(listed.standardError);
        REQUIRE(listed.exitCode == 0);
        const QJsonArray marks = QJsonDocument::fromJson(QByteArray::fromStdString(listed.standardOutput)).array();
        REQUIRE(marks.size() == 1);
        CHECK(marks[0].toObject()["id"].toString().toStdString() == mark.id);
        CHECK(marks[0].toObject()["long_axis_mm"].toDouble() == Approx(70.0).epsilon(1e-9));

        // With the mark selected, choosing a lesion type in the toolbar sets it on the mark (saved at once).
        view.setSelectedMarkId(QString::fromStdString(mark.id));
        QComboBox* types = window.annotations()->lesionTypeCombo();
        types->setCurrentIndex(types->findText("liver"));
        CHECK(window.annotations()->document().marks().front().lesionType == 4);
        const auto typed = radmark::testing::runRadmark({ "annotations", project.string(), "--json" });
        CHECK(QJsonDocument::fromJson(QByteArray::fromStdString(typed.standardOutput))
                  .array()[0]
                  .toObject()["type_code"]
                  .toInt()
            == 4);
        window.annotations()->undoAction()->trigger(); // back to the unknown type
        CHECK(window.annotations()->document().marks().front().lesionType == annotation::kUnknownLesionType);

        // Undo removes it from the project too; redo brings it back.
        window.annotations()->undoAction()->trigger();
        CHECK(window.annotations()->document().marks().empty());
        CHECK(QJsonDocument::fromJson(
            QByteArray::fromStdString(
                radmark::testing::runRadmark({ "annotations", project.string(), "--json" }).standardOutput))
                  .array()
                  .isEmpty());
        window.annotations()->redoAction()->trigger();
        CHECK(window.annotations()->document().marks().size() == 1);
    }

    MainWindow reopened;
    openAndShow(reopened, project, written.seriesInstanceUid);
    REQUIRE(reopened.annotations()->document().marks().size() == 1);
    const annotation::LesionMark& found = reopened.annotations()->document().marks().front();
    CHECK(found.slice.sliceIndex == 3);
    CHECK(reopened.marksPanel()->rowCount() == 1);
}
