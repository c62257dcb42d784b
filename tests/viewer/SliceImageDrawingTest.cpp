// The slice view's fast image path (one texture quad with a minimal shader, SliceImageDrawing::TextureQuad)
// against VTK's general path (vtkImageSlice, the reference): the same pixels in the real widget, at a fit,
// a zoom and pan, nearest and linear interpolation, narrow and wide windows, mirrored and transposed
// display orientations, odd image sizes and float voxels.
#include "ShowWidget.h"
#include "TestVolumes.h"

#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QImage>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>

using namespace radmark;
using namespace radmark::viewer;
using namespace radmark::viewer::testing;

namespace {

using radmark::testing::showAndWait;

// A pattern with edges in every direction and a smooth ramp, so that interpolation, window and geometry
// all change many pixels: value in -1000 .. 1500.
int patternValue(int i, int j, int k)
{
    const bool block = ((i / 7) + (j / 5) + k) % 2 == 0;
    return (block ? 900 : -600) + 3 * i - 2 * j + 40 * k;
}

std::shared_ptr<annotation::ImageVolume> makeOrientedVolume(
    int columns, int rows, const annotation::Vector3& rowDirection, const annotation::Vector3& columnDirection)
{
    const annotation::Vector3 normal { rowDirection.y * columnDirection.z - rowDirection.z * columnDirection.y,
        rowDirection.z * columnDirection.x - rowDirection.x * columnDirection.z,
        rowDirection.x * columnDirection.y - rowDirection.y * columnDirection.x };
    const annotation::ImageGeometry geometry = annotation::ImageGeometry::regular(
        columns, rows, 3, 0.7, 1.3, { -40.0, -30.0, 10.0 }, rowDirection, columnDirection, normal);
    auto volume = std::make_shared<annotation::ImageVolume>(geometry, annotation::VoxelType::Int16);
    auto* voxels = static_cast<std::int16_t*>(volume->data());
    std::size_t index = 0;
    for (int k = 0; k < 3; ++k) {
        for (int j = 0; j < rows; ++j) {
            for (int i = 0; i < columns; ++i) {
                voxels[index++] = static_cast<std::int16_t>(patternValue(i, j, k));
            }
        }
    }
    volume->setValueUnit("HU");
    return volume;
}

struct FrameDifference {
    int differingPixels = 0;
    int largestDifference = 0;
    std::string firstDifference;
};

FrameDifference compareFrames(const QImage& a, const QImage& b)
{
    FrameDifference result;
    REQUIRE(a.size() == b.size());
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QRgb pa = a.pixel(x, y);
            const QRgb pb = b.pixel(x, y);
            if (pa == pb) {
                continue;
            }
            const int difference = std::max(
                { std::abs(qRed(pa) - qRed(pb)), std::abs(qGreen(pa) - qGreen(pb)), std::abs(qBlue(pa) - qBlue(pb)) });
            if (result.differingPixels == 0) {
                std::ostringstream text;
                text << "(" << x << ", " << y << "): quad " << qGray(pa) << ", vtkImageSlice " << qGray(pb);
                result.firstDifference = text.str();
            }
            ++result.differingPixels;
            result.largestDifference = std::max(result.largestDifference, difference);
        }
    }
    return result;
}

// The widget's frame drawn both ways; the view state is whatever the caller set.
void requireSameFrameBothWays(SliceViewWidget& widget, const std::string& what)
{
    SliceRenderer& slice = widget.sliceRenderer();
    slice.setImageDrawing(SliceImageDrawing::VtkImageSlice);
    const QImage reference = widget.grabFramebuffer();
    slice.setImageDrawing(SliceImageDrawing::TextureQuad);
    const QImage quad = widget.grabFramebuffer();
    const FrameDifference difference = compareFrames(quad, reference);
    INFO(what << ": " << difference.differingPixels << " pixels differ, by up to " << difference.largestDifference
              << " grey levels; first at " << difference.firstDifference);
    CHECK(difference.differingPixels == 0);
}

} // namespace

TEST_CASE("the texture-quad slice shows the same pixels as vtkImageSlice", "[viewer][widget][drawing]")
{
    SliceViewWidget widget;
    showAndWait(widget);
    CHECK(widget.sliceRenderer().imageDrawing() == SliceImageDrawing::TextureQuad);

    struct Orientation {
        const char* name;
        annotation::Vector3 row;
        annotation::Vector3 column;
    };
    const Orientation orientations[] = {
        { "axial", { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 } },
        { "axial mirrored (rows run to the patient's right)", { -1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 } },
        { "axial transposed (rows run posterior)", { 0.0, 1.0, 0.0 }, { 1.0, 0.0, 0.0 } },
        { "coronal", { 1.0, 0.0, 0.0 }, { 0.0, 0.0, -1.0 } },
        { "sagittal", { 0.0, 1.0, 0.0 }, { 0.0, 0.0, -1.0 } },
    };
    for (const Orientation& orientation : orientations) {
        // Odd sizes: rows of the 8-bit texture are not 4-byte aligned.
        widget.setVolume(makeOrientedVolume(131, 97, orientation.row, orientation.column), SliceOverlayText {});
        const std::string name = orientation.name;
        widget.setWindowLevel({ 2000.0, 200.0 });
        requireSameFrameBothWays(widget, name + ", fitted, linear");
        widget.sliceRenderer().setInterpolation(SliceInterpolation::Nearest);
        requireSameFrameBothWays(widget, name + ", fitted, nearest");
        widget.sliceRenderer().setInterpolation(SliceInterpolation::Linear);

        // Zoomed in about an off-centre point and panned: the image overflows the view on some sides.
        widget.sliceRenderer().zoomBy(3.7, 300.0, 650.0);
        widget.sliceRenderer().panBy(-83.0, 41.0);
        widget.setWindowLevel({ 37.0, 12.0 }); // narrow: most pixels clamp, the rest step steeply
        requireSameFrameBothWays(widget, name + ", zoomed and panned, narrow window");
        widget.setSliceIndex(0);
        requireSameFrameBothWays(widget, name + ", zoomed and panned, slice 0");

        // Zoomed out: the image is a small rectangle on black.
        widget.fitToWindow();
        widget.sliceRenderer().zoomBy(0.31, 512.0, 512.0);
        widget.sliceRenderer().setInterpolation(SliceInterpolation::Nearest);
        requireSameFrameBothWays(widget, name + ", zoomed out, nearest");
        widget.sliceRenderer().setInterpolation(SliceInterpolation::Linear);
        widget.fitToWindow();
    }

    // A value exactly half-way between two grey levels (0 HU in 400 / 0 is grey 127.5).
    widget.setVolume(
        makeInt16Volume(40, 40, 1, 1.0, 1.0, [](int i, int, int) { return i < 20 ? 0 : 1; }), SliceOverlayText {});
    widget.setWindowLevel({ 400.0, 0.0 });
    requireSameFrameBothWays(widget, "a value half-way between two grey levels");

    // Float voxels (e.g. a NIfTI map) through the same window mapping.
    const annotation::ImageGeometry geometry = annotation::ImageGeometry::regular(
        64, 48, 2, 1.0, 1.0, {}, { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 0.0, 1.0 });
    auto floats = std::make_shared<annotation::ImageVolume>(geometry, annotation::VoxelType::Float32);
    auto* values = static_cast<float*>(floats->data());
    for (std::size_t index = 0; index < floats->voxelCount(); ++index) {
        values[index] = static_cast<float>(std::sin(0.37 * static_cast<double>(index)) * 2.5);
    }
    widget.setVolume(floats, SliceOverlayText {});
    widget.setWindowLevel({ 3.1, -0.4 });
    requireSameFrameBothWays(widget, "float voxels");
}

TEST_CASE(
    "the texture-quad slice: image rectangle, black around it, uploads only on change", "[viewer][widget][drawing]")
{
    SliceViewWidget widget;
    showAndWait(widget);
    // 200 x 100 pixels of 1 mm, slice k = 100 k HU everywhere, except a 10 x 10 block of 1000 HU at i, j 20..29.
    widget.setVolume(makeInt16Volume(200, 100, 3, 1.0, 1.0,
                         [](int i, int j, int k) { return (i >= 20 && i < 30 && j >= 20 && j < 30) ? 1000 : 100 * k; }),
        SliceOverlayText {});
    widget.setWindowLevel({ 400.0, 100.0 }); // -100 .. 300 HU
    widget.setOverlayVisible(false);
    SliceRenderer& slice = widget.sliceRenderer();
    REQUIRE(slice.sliceIndex() == 1);
    // Fitted: 1024 / 200 = 5.12 px per mm; the image spans x 0..1024 and y 256..768.
    REQUIRE(slice.pixelsPerMm() == Approx(5.12));
    QImage frame = widget.grabFramebuffer();
    const int sliceOneGrey = static_cast<int>(std::lround(expectedGray(100.0, 400.0, 100.0))); // 127.5
    CHECK(std::abs(grayAt(frame, 512, 260) - sliceOneGrey) <= 1);
    CHECK(std::abs(grayAt(frame, 512, 764) - sliceOneGrey) <= 1);
    CHECK(grayAt(frame, 512, 250) == 0); // above the image: the background
    CHECK(grayAt(frame, 512, 773) == 0); // below it
    // The block (i 20..29, j 20..29) spans x 102.4..153.6 and y 358.4..409.6.
    CHECK(grayAt(frame, 128, 384) == 255);
    CHECK(std::abs(grayAt(frame, 90, 384) - sliceOneGrey) <= 1);

    // Zoom 2x about the view centre, then pan 100 px right and 50 px down: the block moves to
    // x (102.4 - 512) * 2 + 512 + 100 .. = -206.8 .. -104.4 (out of view); the image's top edge, at y
    // (256 - 512) * 2 + 512 + 50 = 50, is in view; left of x (0 - 512) * 2 + 612 = -412 nothing shows.
    slice.zoomBy(2.0, 512.0, 512.0);
    slice.panBy(100.0, 50.0);
    widget.update();
    frame = widget.grabFramebuffer();
    CHECK(grayAt(frame, 500, 45) == 0);
    CHECK(std::abs(grayAt(frame, 500, 55) - sliceOneGrey) <= 1);
    // Back to the fitted view: the block's corner pixel (24.5, 24.5) is where the frame showed the block.
    slice.panBy(-100.0, -50.0);
    slice.zoomBy(0.5, 512.0, 512.0);
    const auto [blockX, blockY] = slice.displayPositionOfPixel({ 24.5, 24.5 });
    CHECK(blockX == Approx(128.0));
    CHECK(blockY == Approx(384.0));

    // A re-render uploads nothing; a slice change and a window change upload one texture each.
    widget.grabFramebuffer();
    const int uploads = slice.sliceTextureUploadCount();
    widget.grabFramebuffer();
    CHECK(slice.sliceTextureUploadCount() == uploads);
    widget.setSliceIndex(2);
    frame = widget.grabFramebuffer();
    CHECK(slice.sliceTextureUploadCount() == uploads + 1);
    CHECK(std::abs(grayAt(frame, 512, 600) - static_cast<int>(std::lround(expectedGray(200.0, 400.0, 100.0)))) <= 1);
    widget.setWindowLevel({ 800.0, 100.0 });
    frame = widget.grabFramebuffer();
    CHECK(slice.sliceTextureUploadCount() == uploads + 2);
    CHECK(std::abs(grayAt(frame, 512, 600) - static_cast<int>(std::lround(expectedGray(200.0, 800.0, 100.0)))) <= 1);

    // Colour (RGB) slices stay on VTK's general path: no texture of the quad is uploaded for them.
    const annotation::ImageGeometry geometry = annotation::ImageGeometry::regular(
        16, 16, 1, 1.0, 1.0, {}, { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 0.0, 1.0 });
    auto rgb = std::make_shared<annotation::ImageVolume>(geometry, annotation::VoxelType::Rgb8);
    std::memset(rgb->data(), 200, rgb->voxelCount() * 3);
    widget.setVolume(rgb, SliceOverlayText {});
    const int uploadsBeforeRgb = slice.sliceTextureUploadCount();
    frame = widget.grabFramebuffer();
    CHECK(slice.sliceTextureUploadCount() == uploadsBeforeRgb);
    CHECK(qRed(frame.pixel(512, 512)) > 0);
}
