#include "RenderedSliceImage.h"
#include "TestPaths.h"
#include "TestVolumes.h"

#include "radmark/viewer/OffscreenRender.h"
#include "radmark/viewer/SliceRenderer.h"

#include <catch2/catch.hpp>

#include <QImage>
#include <QString>

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <string>

using namespace radmark;
using namespace radmark::viewer;
using namespace radmark::viewer::testing;

namespace {

QImage renderToImage(const SliceRenderRequest& request, const std::string& name)
{
    return renderSliceImage(request, "viewer-offscreen", name);
}

SliceRenderRequest plainRequest(std::shared_ptr<const annotation::ImageVolume> volume, int sizePx)
{
    SliceRenderRequest request;
    request.volume = std::move(volume);
    request.widthPx = sizePx;
    request.heightPx = sizePx;
    request.window = annotation::WindowLevel { 400.0, 0.0 };
    request.showOverlay = false;
    return request;
}

} // namespace

TEST_CASE("renderSliceToPng shows air black on the left and bone white on the right", "[viewer][offscreen]")
{
    auto volume = makeInt16Volume(64, 64, 3, 1.0, 1.0, [](int i, int, int) { return i < 32 ? -1000 : 1000; });
    const QImage image = renderToImage(plainRequest(volume, 256), "halves.png");
    REQUIRE(image.width() == 256);
    REQUIRE(image.height() == 256);
    for (int yPx : { 10, 128, 245 }) {
        CHECK(grayAt(image, 20, yPx) <= 2);
        CHECK(grayAt(image, 100, yPx) <= 2);
        CHECK(grayAt(image, 156, yPx) >= 253);
        CHECK(grayAt(image, 240, yPx) >= 253);
    }
}

TEST_CASE("a bright voxel block appears where displayPositionOf says, row j downwards", "[viewer][offscreen]")
{
    // 4x4 voxels at i 40..43, j 10..13: centre (41.5, 11.5), near the top right.
    auto volume = makeInt16Volume(
        64, 64, 1, 1.0, 1.0, [](int i, int j, int) { return (i >= 40 && i < 44 && j >= 10 && j < 14) ? 1000 : 0; });
    const QImage image = renderToImage(plainRequest(volume, 256), "block.png");
    // 4 px per mm; image centre (31.5, 31.5) at display (128, 128).
    CHECK(grayAt(image, 168, 48) >= 250);
    CHECK(std::abs(grayAt(image, 168, 208) - 128) <= 2); // the mirror position (row j up) is background
    CHECK(std::abs(grayAt(image, 88, 48) - 128) <= 2); // the mirror position (column i left) is background

    SliceRenderer renderer;
    renderer.setViewportSize(256, 256);
    renderer.setVolume(volume);
    const auto position = renderer.displayPositionOf(volume->geometry().voxelToPatient({ 41.5, 11.5, 0.0 }));
    REQUIRE(position.has_value());
    CHECK(position->first == Approx(168.0));
    CHECK(position->second == Approx(48.0));
}

TEST_CASE("the slice index selects which slice is rendered", "[viewer][offscreen]")
{
    const int sliceValues[] = { -150, 0, 150 };
    auto volume = makeInt16Volume(32, 32, 3, 1.0, 1.0, [&](int, int, int k) { return sliceValues[k]; });
    for (int k = 0; k < 3; ++k) {
        SliceRenderRequest request = plainRequest(volume, 128);
        request.sliceIndex = k;
        const QImage image = renderToImage(request, "slice" + std::to_string(k) + ".png");
        INFO("slice " << k);
        CHECK(std::abs(grayAt(image, 64, 64) - expectedGray(sliceValues[k], 400.0, 0.0)) <= 2.0);
        CHECK(std::abs(grayAt(image, 10, 120) - expectedGray(sliceValues[k], 400.0, 0.0)) <= 2.0);
    }
}

TEST_CASE("non-square pixels: a square region in mm stays square on screen", "[viewer][offscreen]")
{
    // 0.5 mm columns, 1.0 mm rows: 128 x 64 voxels cover 64 x 64 mm; the bright square is 20 x 20 mm.
    auto volume = makeInt16Volume(128, 64, 1, 0.5, 1.0,
        [](int i, int j, int) { return (i >= 40 && i < 80 && j >= 20 && j < 40) ? 1000 : -1000; });
    const QImage image = renderToImage(plainRequest(volume, 256), "square.png");
    int brightColumns = 0;
    int brightRows = 0;
    for (int xPx = 0; xPx < 256; ++xPx) {
        brightColumns += grayAt(image, xPx, 120) > 128 ? 1 : 0;
    }
    for (int yPx = 0; yPx < 256; ++yPx) {
        brightRows += grayAt(image, 120, yPx) > 128 ? 1 : 0;
    }
    CHECK(brightColumns == Approx(80).margin(2)); // 20 mm at 4 px per mm
    CHECK(brightRows == Approx(80).margin(2));
}

TEST_CASE("an Rgb8 volume is shown in colour", "[viewer][offscreen]")
{
    const annotation::ImageGeometry geometry = annotation::ImageGeometry::regular(
        16, 16, 1, 1.0, 1.0, {}, { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 0.0, 1.0 });
    auto volume = std::make_shared<annotation::ImageVolume>(geometry, annotation::VoxelType::Rgb8);
    auto* bytes = static_cast<unsigned char*>(volume->data());
    for (std::size_t index = 0; index < volume->voxelCount(); ++index) {
        bytes[3 * index] = 220;
        bytes[3 * index + 1] = 30;
        bytes[3 * index + 2] = 40;
    }
    SliceRenderRequest request = plainRequest(volume, 64);
    request.window.reset();
    const QImage image = renderToImage(request, "rgb.png");
    const QColor colour = image.pixelColor(32, 32);
    CHECK(std::abs(colour.red() - 220) <= 3);
    CHECK(std::abs(colour.green() - 30) <= 3);
    CHECK(std::abs(colour.blue() - 40) <= 3);
}

TEST_CASE("renderSliceToPng explains failures", "[viewer][offscreen]")
{
    auto volume = makeInt16Volume(8, 8, 1, 1.0, 1.0, [](int, int, int) { return 0; });
    std::string error;
    CHECK_FALSE(renderSliceToPng(plainRequest(volume, 64), "/nonexistent-folder-radmark/out.png", &error));
    CHECK(error.find("output folder does not exist") != std::string::npos);

    error.clear();
    CHECK_FALSE(renderSliceToPng(plainRequest(nullptr, 64), "/tmp/out.png", &error));
    CHECK(error.find("empty") != std::string::npos);

    error.clear();
    const auto emptyVolume = std::make_shared<annotation::ImageVolume>();
    CHECK_FALSE(renderSliceToPng(plainRequest(emptyVolume, 64), "/tmp/out.png", &error));
    CHECK(error.find("empty") != std::string::npos);

    if (::getuid() != 0) {
        error.clear();
        CHECK_FALSE(renderSliceToPng(plainRequest(volume, 64), "/proc/out.png", &error));
        CHECK(error.find("not writable") != std::string::npos);
    }

    const QByteArray display = qgetenv("DISPLAY");
    qputenv("DISPLAY", ":987654");
    error.clear();
    const std::string folder = radmark::testing::makeTemporaryFolder("viewer-nodisplay");
    CHECK_FALSE(renderSliceToPng(plainRequest(volume, 64), folder + "/out.png", &error));
    CHECK(error == "no X display: run under xvfb-run -a");
    qputenv("DISPLAY", display);
}

TEST_CASE("the overlay draws corner text, edge letters and a scale bar", "[viewer][offscreen][overlay]")
{
    auto volume = makeInt16Volume(128, 128, 20, 0.8, 0.8, [](int i, int j, int) {
        const double r = std::hypot(i - 64.0, j - 64.0);
        return r < 50.0 ? (r < 20.0 ? 300 : 40) : -1000;
    });
    SliceRenderRequest request = plainRequest(volume, 512);
    request.window = annotation::WindowLevel { 400.0, 40.0 };
    request.showOverlay = true;
    request.overlayText.patientAge = "045Y";
    request.overlayText.patientSex = "F";
    request.overlayText.institutionName = "General Hospital";
    request.overlayText.modality = "CT";
    request.overlayText.seriesDescription = "Abdomen";
    const QImage withOverlay = renderToImage(request, "overlay.png");
    request.showOverlay = false;
    const QImage without = renderToImage(request, "no-overlay.png");
    if (const char* keep = std::getenv("RADMARK_KEEP_PNG")) {
        withOverlay.save(QString::fromLocal8Bit(keep));
    }
    // Counts pixels that differ between the two renderings inside a rectangle.
    auto changedPixels = [&](int x0, int y0, int x1, int y1) {
        int changed = 0;
        for (int yPx = y0; yPx < y1; ++yPx) {
            for (int xPx = x0; xPx < x1; ++xPx) {
                changed += withOverlay.pixel(xPx, yPx) != without.pixel(xPx, yPx) ? 1 : 0;
            }
        }
        return changed;
    };
    CHECK(changedPixels(0, 0, 150, 80) > 50); // top-left text
    CHECK(changedPixels(0, 440, 150, 512) > 50); // bottom-left slice and position
    CHECK(changedPixels(380, 480, 512, 512) > 50); // bottom-right W / L
    CHECK(changedPixels(0, 236, 30, 276) > 10); // left letter
    CHECK(changedPixels(482, 236, 512, 276) > 10); // right letter
    CHECK(changedPixels(236, 0, 276, 30) > 10); // top letter
    CHECK(changedPixels(236, 482, 276, 512) > 10); // bottom letter
    CHECK(changedPixels(400, 420, 512, 480) > 20); // scale bar and its label
    CHECK(changedPixels(150, 150, 350, 350) == 0); // the image centre stays clean
}

TEST_CASE("linear interpolation blends across an edge, nearest keeps it sharp", "[viewer][offscreen]")
{
    auto volume = makeInt16Volume(16, 16, 1, 1.0, 1.0, [](int i, int, int) { return i < 8 ? -1000 : 1000; });
    SliceRenderRequest request = plainRequest(volume, 256); // 16 px per voxel; the edge is at x = 128
    auto intermediatePixels = [](const QImage& image) {
        int count = 0;
        for (int xPx = 96; xPx < 160; ++xPx) {
            const int gray = grayAt(image, xPx, 128);
            count += (gray > 5 && gray < 250) ? 1 : 0;
        }
        return count;
    };
    request.interpolation = SliceInterpolation::Nearest;
    CHECK(intermediatePixels(renderToImage(request, "nearest.png")) <= 1);
    request.interpolation = SliceInterpolation::Linear;
    CHECK(intermediatePixels(renderToImage(request, "linear.png")) >= 4);
}
