// `radmark render` draws the acquired slice in the radiological orientation, as the 1x1 view does, for a
// RAS-stored NIfTI volume and a DICOM series with mirrored rows and columns.
#include "OrientationPhantomFiles.h"
#include "RadmarkProcess.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectStore.h"

#include <QImage>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

using radmark::testing::runRadmark;
namespace fs = std::filesystem;
namespace files = radmark::testing::orientation_files;

namespace {

// Middle slice, 256 x 256, window 2000 / 0: the 192 mm wide volume at 256 / 192 px per mm about (128, 128).
void checkRenderedSlice(const std::string& project, const std::string& seriesUid, const fs::path& png)
{
    INFO(seriesUid);
    const auto run = runRadmark({ "render", project, "--series", seriesUid, "--window", "2000", "--level", "0",
        "--size", "256x256", "--no-overlay", "--out", png.string() });
    INFO(run.standardError);
    REQUIRE(run.exitCode == 0);
    const QImage image(QString::fromStdString(png.string()));
    REQUIRE(image.width() == 256);
    const double pxPerMm = 256.0 / 192.0;
    auto grey = [&](double xMm, double yMm) {
        return qGray(image.pixel(
            static_cast<int>(std::lround(128 + xMm * pxPerMm)), static_cast<int>(std::lround(128 + yMm * pxPerMm))));
    };
    CHECK(grey(60.0, 0.0) >= 250); // the left marker (1000 HU) on the screen's right
    CHECK(std::abs(grey(-60.0, 0.0) - 133) <= 3); // body on the screen's left
    CHECK(std::abs(grey(0.0, -45.0) - 204) <= 3); // the anterior marker (600 HU) at the top
    CHECK(std::abs(grey(0.0, 45.0) - 133) <= 3); // body at the bottom
}

} // namespace

TEST_CASE("render draws RAS-stored volumes and flipped DICOM series with anterior up and the patient's right on "
          "the left",
    "[cli][render][orientation]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-cli-render-orientation");
    fs::create_directories(folder / "input");
    files::writePhantomNifti((folder / "input" / "ras.nii").string(), +1, +1);
    const auto flipped
        = radmark::storage::writeSyntheticSeries(files::flippedSeriesSpec(), (folder / "input" / "flipped").string());
    const std::string project = (folder / "orientation.radmark").string();
    const auto imported = runRadmark({ "import", project, (folder / "input").string(), "--quiet" });
    INFO(imported.standardError);
    REQUIRE(imported.exitCode == 0);

    std::string niftiUid;
    {
        const auto store
            = radmark::storage::ProjectStore::open(project, radmark::storage::ProjectStore::OpenMode::ReadOnly);
        for (const auto& series : store->series()) {
            if (series.fromVolumeFile) {
                niftiUid = series.seriesUid;
            }
        }
    }
    REQUIRE_FALSE(niftiUid.empty());
    checkRenderedSlice(project, niftiUid, folder / "ras.png");
    checkRenderedSlice(project, flipped.seriesInstanceUid, folder / "flipped.png");
}
