// The main window's layouts: open the orientation phantom, switch to 2x2 with the View menu's action
// (Ctrl+3), check the crosshair starts on the shown slice and the marks reach the MPR views.
#include "TestPaths.h"
#include "gui/AnnotationSession.h"
#include "gui/MainWindow.h"
#include "radmark/storage/synthetic/OrientationPhantom.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"
#include "radmark/viewer/MprPlaneRenderer.h"
#include "radmark/viewer/MprViewWidget.h"
#include "radmark/viewer/SliceViewWidget.h"
#include "radmark/viewer/ViewerLayoutWidget.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QSignalSpy>
#include <QTest>

#include <filesystem>

namespace fs = std::filesystem;
using radmark::app::MainWindow;
using radmark::viewer::ViewerLayout;

TEST_CASE("the main window switches to three planes and 3D and back, keeping the slice and window", "[gui][mpr]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-gui-layout");
    const auto written = radmark::storage::writeSyntheticSeries(
        radmark::storage::orientation_phantom::seriesSpec(), (folder / "dicom").string());
    MainWindow window;
    window.setInteractiveDialogs(false);
    window.resize(1400, 1000);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.openProject(QString::fromStdString((folder / "layout.radmark").string()), true));
    QSignalSpy imported(&window, &MainWindow::importFinished);
    REQUIRE(window.importPaths({ QString::fromStdString((folder / "dicom").string()) }));
    REQUIRE(imported.wait(60000));
    QSignalSpy opened(&window, &MainWindow::seriesOpened);
    window.openSeries(QString::fromStdString(written.seriesInstanceUid));
    REQUIRE(opened.wait(60000));

    radmark::viewer::ViewerLayoutWidget* layout = window.viewerLayout();
    REQUIRE(layout != nullptr);
    CHECK(layout->mprUnavailableReason().isEmpty());
    window.sliceView()->setSliceIndex(30); // z = -90 + 4 * 30 = 30 mm
    window.sliceView()->setWindowLevel({ 350.0, 50.0 });

    QAction* twoByTwo = layout->layoutActions()[2];
    CHECK(twoByTwo->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_3));
    twoByTwo->trigger();
    CHECK(layout->viewerLayout() == ViewerLayout::PlanesAnd3d);
    CHECK(layout->crosshair().z == Approx(30.0));
    auto* coronal = layout->mprView(radmark::annotation::MprOrientation::Coronal);
    CHECK(coronal->isVisible());
    CHECK(layout->volumeView() != nullptr);
    CHECK(coronal->planeRenderer().windowLevel().width == 350.0);

    // Scrolling the axial plane down by 5 steps of 4 mm, then back to 1x1: the slice view follows.
    layout->setCrosshair({ 0.0, 0.0, 10.0 });
    layout->layoutActions()[0]->trigger();
    CHECK(layout->viewerLayout() == ViewerLayout::Single);
    CHECK(window.sliceView()->sliceIndex() == 25);
    CHECK(window.sliceView()->isVisible());
}
