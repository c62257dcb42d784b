#include "RadmarkProcess.h"
#include "TestPaths.h"

#include "radmark/storage/synthetic/OrientationPhantom.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <QImage>

#include <catch2/catch.hpp>

#include <filesystem>

using radmark::testing::runRadmark;
namespace fs = std::filesystem;
namespace phantom = radmark::storage::orientation_phantom;

TEST_CASE("render --view draws the MPR planes and the 3D view of a series", "[cli][render][mpr]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-cli-render-view");
    const auto written = radmark::storage::writeSyntheticSeries(phantom::seriesSpec(), (folder / "series").string());
    const std::string project = (folder / "views.radmark").string();
    REQUIRE(runRadmark({ "import", project, (folder / "series").string(), "--quiet" }).exitCode == 0);
    const std::string uid = written.seriesInstanceUid;

    // Coronal middle plane, 256 x 256, window 2000 / 0. The volume is 192 mm wide and 184 mm high, so
    // 256 / 192 px per mm; x = +60 mm (the left marker, 1000 HU) is right of the centre.
    const std::string coronal = (folder / "coronal.png").string();
    auto run = runRadmark({ "render", project, "--series", uid, "--view", "coronal", "--window", "2000", "--level", "0",
        "--size", "256x256", "--no-overlay", "--out", coronal });
    INFO(run.standardError);
    REQUIRE(run.exitCode == 0);
    QImage image(QString::fromStdString(coronal));
    REQUIRE(image.width() == 256);
    const double pxPerMm = 256.0 / 192.0;
    const int leftX = static_cast<int>(128 + 60.0 * pxPerMm);
    const int rightX = static_cast<int>(128 - 60.0 * pxPerMm);
    CHECK(qGray(image.pixel(leftX, 128)) >= 250);
    CHECK(std::abs(qGray(image.pixel(rightX, 128)) - 133) <= 3);

    // The sagittal plane 1 is at the patient's right end: outside the body, all air.
    const std::string sagittal = (folder / "sagittal.png").string();
    run = runRadmark({ "render", project, "--series", uid, "--view", "sagittal", "--slice", "1", "--window", "2000",
        "--level", "0", "--size", "64x64", "--no-overlay", "--out", sagittal });
    REQUIRE(run.exitCode == 0);
    CHECK(qGray(QImage(QString::fromStdString(sagittal)).pixel(32, 32)) <= 2);

    const std::string volume = (folder / "3d.png").string();
    run = runRadmark({ "render", project, "--series", uid, "--view", "3d", "--preset", "bone", "--size", "128x128",
        "--out", volume });
    INFO(run.standardError);
    REQUIRE(run.exitCode == 0);
    CHECK(QImage(QString::fromStdString(volume)).width() == 128);

    CHECK(runRadmark({ "render", project, "--series", uid, "--view", "oblique", "--out", volume }).exitCode == 2);
    CHECK(
        runRadmark({ "render", project, "--series", uid, "--view", "axial", "--mip", "--out", volume }).exitCode == 2);
    CHECK(runRadmark({ "render", project, "--series", uid, "--view", "3d", "--slice", "2", "--out", volume }).exitCode
        == 2);
    CHECK(
        runRadmark({ "render", project, "--series", uid, "--view", "axial", "--slice", "47", "--out", volume }).exitCode
        == 2);
}
