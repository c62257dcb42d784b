// Drives the real main window: import a synthetic series, open it, scroll, and check grabbed pixels.
#include "gui/MainWindow.h"
#include "TestPaths.h"
#include "gui/StudyBrowserPanel.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <cmath>
#include <filesystem>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
using radmark::app::MainWindow;

namespace {

// Each slice's left half (patient's left, x >= 0) holds 20 HU per slice index; the right half is air.
double sliceTestHu(const radmark::annotation::Vector3& positionLpsMm)
{
    return positionLpsMm.x < 0 ? -1000.0 : 20.0 * std::round(positionLpsMm.z / 2.0);
}

int expectedGrey(double hu, double width, double level)
{
    const double grey = (hu - (level - width / 2.0)) / width * 255.0;
    return static_cast<int>(std::lround(std::clamp(grey, 0.0, 255.0)));
}

} // namespace

TEST_CASE("the main window imports, opens a series, scrolls and shows the right pixels", "[gui]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-gui");
    storage::SyntheticSeriesSpec spec;
    spec.columns = 128;
    spec.rows = 128;
    spec.slices = 12;
    spec.columnSpacingMm = 1.0;
    spec.rowSpacingMm = 1.0;
    spec.firstSlicePositionLpsMm = { -63.5, -63.5, 0.0 };
    spec.sliceStepLpsMm = { 0.0, 0.0, 2.0 };
    spec.huAt = sliceTestHu;
    const auto written = storage::writeSyntheticSeries(spec, (folder / "dicom").string());

    MainWindow window;
    window.setInteractiveDialogs(false);
    window.resize(1400, 1000);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.openProject(QString::fromStdString((folder / "gui.radmark").string()), true));

    QSignalSpy imported(&window, &MainWindow::importFinished);
    REQUIRE(window.importPaths({ QString::fromStdString((folder / "dicom").string()) }));
    REQUIRE(imported.wait(60000));
    CHECK(imported.front().at(0).toInt() == 12);
    CHECK(imported.front().at(1).toInt() == 0);
    CHECK(window.browser()->seriesCount() == 1);

    QSignalSpy opened(&window, &MainWindow::seriesOpened);
    window.openSeries(QString::fromStdString(written.seriesInstanceUid));
    REQUIRE(opened.wait(60000));
    CHECK(window.openSeriesUid() == QString::fromStdString(written.seriesInstanceUid));

    auto* view = window.sliceView();
    view->setWindowLevel({ 400.0, 100.0 });
    view->setSliceIndex(3);
    const QImage first = view->grabFramebuffer();
    REQUIRE(!first.isNull());
    const QPoint leftOfScreen(first.width() / 4, first.height() / 2);
    const QPoint rightOfScreen(first.width() * 3 / 4, first.height() / 2);
    // Patient's right (air) on the screen's left; slice 3 holds 60 HU on the patient's left.
    CHECK(qGray(first.pixel(leftOfScreen)) <= 2);
    CHECK(std::abs(qGray(first.pixel(rightOfScreen)) - expectedGrey(60.0, 400.0, 100.0)) <= 2);

    // Scrolling with keys: Up/Down move by one slice, Page Down by ten (clamped).
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Down);
    const int afterDown = view->sliceIndex();
    CHECK(std::abs(afterDown - 3) == 1);
    const QImage second = view->grabFramebuffer();
    CHECK(std::abs(qGray(second.pixel(rightOfScreen)) - expectedGrey(20.0 * afterDown, 400.0, 100.0)) <= 2);

    QTest::keyClick(view, Qt::Key_End);
    CHECK(view->sliceIndex() == 11);
    QTest::keyClick(view, Qt::Key_Home);
    CHECK(view->sliceIndex() == 0);

    // The bone preset (key 7: W 1800 L 400) changes the grey of the same voxel.
    view->setSliceIndex(11);
    QTest::keyClick(view, Qt::Key_7);
    const QImage bone = view->grabFramebuffer();
    CHECK(std::abs(qGray(bone.pixel(rightOfScreen)) - expectedGrey(220.0, 1800.0, 400.0)) <= 2);
}
