// A saliency map drawn over the slice lands on the right voxels: a map with one hot voxel at a known
// patient (LPS) coordinate shows its colour at that coordinate in the rendered image, also when the map
// comes on another grid with an affine; colours, thresholds and opacity are exact.
#include "RenderedSliceImage.h"
#include "ShowWidget.h"
#include "TestPaths.h"
#include "TestVolumes.h"

#include "radmark/storage/saliency/SaliencyMapLoader.h"
#include "radmark/storage/saliency/SaliencyMapWriter.h"
#include "radmark/viewer/OffscreenRender.h"
#include "radmark/viewer/SaliencyOverlay.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QKeyEvent>

#include <cmath>
#include <cstring>
#include <limits>

using namespace radmark;
using namespace radmark::viewer;
using namespace radmark::viewer::testing;

namespace {

constexpr int kViewPx = 256;
// 0 HU in window 400 / level 0 as VTK's ramp rounds it.
constexpr int kSliceGrey = 127;

// 64 x 64 x 8 CT of 0 HU, 1 mm pixels, 2 mm slices, origin (-20, 10, 50): grey 128 at W 400 / L 0.
std::shared_ptr<annotation::ImageVolume> uniformVolume()
{
    return makeInt16Volume(
        64, 64, 8, 1.0, 1.0, [](int, int, int) { return 0; }, { -20.0, 10.0, 50.0 }, 2.0);
}

std::shared_ptr<annotation::ImageVolume> emptyMap(const annotation::ImageGeometry& grid)
{
    return std::make_shared<annotation::ImageVolume>(grid, annotation::VoxelType::Float32);
}

QImage render(const SliceRenderRequest& request, const std::string& name)
{
    return renderSliceImage(request, "viewer-saliency", name);
}

SliceRenderRequest overlayRequest(std::shared_ptr<const annotation::ImageVolume> volume,
    std::shared_ptr<const annotation::ImageVolume> map, int sliceIndex)
{
    SliceRenderRequest request;
    request.volume = std::move(volume);
    request.widthPx = kViewPx;
    request.heightPx = kViewPx;
    request.window = annotation::WindowLevel { 400.0, 0.0 };
    request.showOverlay = false;
    request.sliceIndex = sliceIndex;
    request.saliencyMap = std::move(map);
    request.saliencyOptions.colormap = SaliencyColormap::SingleColour;
    request.saliencyOptions.opacity = 1.0;
    request.saliencyOptions.showColourBar = false;
    return request;
}

// Where the renderer puts a patient point of the given slice (same viewport and fit as renderSliceToPng).
std::pair<int, int> displayPixelOf(
    const std::shared_ptr<const annotation::ImageVolume>& volume, int sliceIndex, const annotation::Vector3& pointLpsMm)
{
    SliceRenderer renderer;
    renderer.setViewportSize(kViewPx, kViewPx);
    renderer.setVolume(volume);
    renderer.setSliceIndex(sliceIndex);
    renderer.fitToViewport();
    const auto position = renderer.displayPositionOf(pointLpsMm);
    REQUIRE(position);
    return { static_cast<int>(std::floor(position->first)), static_cast<int>(std::floor(position->second)) };
}

void pressKey(QWidget& widget, int key)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier);
    QApplication::sendEvent(&widget, &press);
}

bool isOverlayRed(const QColor& colour)
{
    return colour.red() == 255 && colour.green() == 40 && colour.blue() == 30;
}

} // namespace

TEST_CASE("a hot voxel at a known LPS point is drawn there", "[viewer][saliency]")
{
    const auto volume = uniformVolume();
    const auto map = emptyMap(volume->geometry());
    // Voxel (40, 20, 5): LPS (-20 + 40, 10 + 20, 50 + 2 x 5) = (20, 30, 60).
    const annotation::Vector3 hotLps { 20.0, 30.0, 60.0 };
    static_cast<float*>(map->data())[(5 * 64 + 20) * 64 + 40] = 1.0f;
    const auto [x, y] = displayPixelOf(volume, 5, hotLps);
    CHECK(x == 162); // 4 display pixels per mm: voxel 40 spans x 160..163
    CHECK(y == 82);

    const QImage image = render(overlayRequest(volume, map, 5), "hot.png");
    CHECK(isOverlayRed(image.pixelColor(x, y)));
    CHECK(grayAt(image, x + 8, y) == kSliceGrey); // two voxels to the right: the slice itself
    CHECK(grayAt(image, x, y + 8) == kSliceGrey);

    SECTION("on another slice nothing is drawn")
    {
        const QImage other = render(overlayRequest(volume, map, 4), "other-slice.png");
        CHECK(grayAt(other, x, y) == kSliceGrey);
    }
    SECTION("half opacity blends the colour with the slice")
    {
        SliceRenderRequest request = overlayRequest(volume, map, 5);
        request.saliencyOptions.opacity = 0.5;
        const QColor blended = render(request, "half.png").pixelColor(x, y);
        CHECK(std::abs(blended.red() - 191) <= 2); // (255 + 127) / 2
        CHECK(std::abs(blended.green() - 84) <= 2); // (40 + 127) / 2
    }
    SECTION("a value threshold above the voxel hides it")
    {
        SliceRenderRequest request = overlayRequest(volume, map, 5);
        request.saliencyOptions.thresholdKind = SaliencyDisplayOptions::ThresholdKind::Value;
        request.saliencyOptions.threshold = 1.5;
        CHECK(grayAt(render(request, "hidden.png"), x, y) == kSliceGrey);
    }
}

TEST_CASE("a map on another grid with an affine is drawn at its patient coordinate", "[viewer][saliency]")
{
    const auto volume = uniformVolume();
    // The map: 2 mm pixels, columns running to the patient's right (-x), 4 mm slices, origin (40, 10, 50).
    // Its voxel (10, 10, 2) sits at LPS (40 - 20, 10 + 20, 50 + 8) = (20, 30, 58): series voxel (40, 20, 4).
    const annotation::ImageGeometry mapGrid = annotation::ImageGeometry::regular(
        30, 30, 4, 2.0, 2.0, { 40.0, 10.0, 50.0 }, { -1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 0.0, 4.0 });
    const auto map = emptyMap(mapGrid);
    static_cast<float*>(map->data())[(2 * 30 + 10) * 30 + 10] = 1.0f;
    const std::string file = radmark::testing::makeTemporaryFolder("viewer-saliency") + "/affine.mha";
    storage::writeSaliencyMetaImage(*map, file);
    const storage::LoadedSaliencyMap loaded = storage::loadSaliencyMap(file, volume->geometry());
    REQUIRE_FALSE(loaded.sameGrid);

    const annotation::Vector3 hotLps { 20.0, 30.0, 58.0 };
    const auto [x, y] = displayPixelOf(volume, 4, hotLps);
    SliceRenderRequest request = overlayRequest(volume, loaded.values, 4);
    // Only the exact voxel reaches the maximum; its resampled neighbours have half.
    request.saliencyOptions.thresholdKind = SaliencyDisplayOptions::ThresholdKind::PercentOfMaximum;
    request.saliencyOptions.threshold = 60.0;
    const QImage image = render(request, "affine.png");
    CHECK(isOverlayRed(image.pixelColor(x, y)));
    CHECK(grayAt(image, x + 4, y) == kSliceGrey);
    CHECK(grayAt(image, x - 4, y) == kSliceGrey);
    CHECK(grayAt(image, x, y + 4) == kSliceGrey);
}

TEST_CASE("saliency colours: colour maps, signed maps around zero, thresholds", "[viewer][saliency]")
{
    CHECK(saliencyColour(SaliencyColormap::Jet, 0.0) == std::array<unsigned char, 3> { 0, 0, 128 });
    CHECK(saliencyColour(SaliencyColormap::Jet, 0.5) == std::array<unsigned char, 3> { 128, 255, 128 });
    CHECK(saliencyColour(SaliencyColormap::Jet, 1.0) == std::array<unsigned char, 3> { 128, 0, 0 });
    CHECK(saliencyColour(SaliencyColormap::Hot, 1.0) == std::array<unsigned char, 3> { 255, 255, 255 });
    CHECK(saliencyColour(SaliencyColormap::Hot, 1.0 / 3.0) == std::array<unsigned char, 3> { 255, 0, 0 });
    CHECK(saliencyColour(SaliencyColormap::Diverging, 0.5) == std::array<unsigned char, 3> { 221, 221, 221 });
    CHECK(parseSaliencyColormap("viridis") == SaliencyColormap::Viridis);
    CHECK_FALSE(parseSaliencyColormap("rainbow"));

    const float values[5] = { -2.0f, -0.5f, 0.0f, 1.0f, 2.0f };
    SaliencyColourScale scale;
    scale.colormap = SaliencyColormap::Diverging;
    scale.signedMap = true;
    scale.lower = 0.75; // magnitudes below are not drawn
    scale.upper = 2.0;
    scale.alpha = 200;
    std::uint8_t rgba[20];
    colourSaliencySlice(values, 5, scale, rgba);
    CHECK(rgba[0] == 59); // -2: the blue end (0.230 x 255)
    CHECK(rgba[2] == 192);
    CHECK(rgba[3] == 200);
    CHECK(rgba[7] == 0); // -0.5: below the threshold
    CHECK(rgba[11] == 0); // 0: never drawn
    CHECK(rgba[15] == 200); // 1: drawn, between grey and red
    CHECK(rgba[16] == 180); // 2: the red end (0.706 x 255)
    CHECK(rgba[17] == 4);

    // NaN and infinities (a slice shown before the rest of its map was checked) are transparent, like 0.
    const float unusable[3] = { std::nanf(""), std::numeric_limits<float>::infinity(), 2.0f };
    std::uint8_t unusableRgba[12];
    std::memset(unusableRgba, 7, sizeof(unusableRgba));
    colourSaliencySlice(unusable, 3, scale, unusableRgba);
    CHECK(unusableRgba[0] == 0);
    CHECK(unusableRgba[3] == 0);
    CHECK(unusableRgba[4] == 0);
    CHECK(unusableRgba[7] == 0);
    CHECK(unusableRgba[8] == 180); // 2: still the red end
    CHECK(unusableRgba[11] == 200);
}

TEST_CASE("H hides and shows the saliency layer of the slice view", "[viewer][saliency]")
{
    SliceViewWidget widget;
    radmark::testing::showAndWait(widget);
    const auto volume = uniformVolume();
    widget.setVolume(volume, SliceOverlayText {});
    widget.setOverlayVisible(false);
    widget.setWindowLevel({ 400.0, 0.0 });
    const auto map = emptyMap(volume->geometry());
    auto* values = static_cast<float*>(map->data());
    for (std::size_t n = 0; n < map->voxelCount(); ++n) {
        values[n] = 1.0f; // the whole volume
    }
    SaliencyDisplayOptions options;
    options.colormap = SaliencyColormap::SingleColour;
    options.opacity = 1.0;
    options.showColourBar = false;
    widget.sliceRenderer().saliencyOverlay().setOptions(options);
    widget.sliceRenderer().saliencyOverlay().setMap(map, "test");
    widget.renderNow();
    const QPoint centre(widget.width() / 2, widget.height() / 2);
    QImage frame = widget.grabFramebuffer();
    CHECK(isOverlayRed(frame.pixelColor(centre * widget.devicePixelRatioF())));
    pressKey(widget, Qt::Key_H);
    CHECK_FALSE(widget.sliceRenderer().saliencyOverlay().visible());
    frame = widget.grabFramebuffer();
    CHECK(grayAt(frame, static_cast<int>(centre.x() * widget.devicePixelRatioF()),
              static_cast<int>(centre.y() * widget.devicePixelRatioF()))
        == kSliceGrey);
    pressKey(widget, Qt::Key_H);
    CHECK(widget.sliceRenderer().saliencyOverlay().visible());
}

TEST_CASE("the colour bar's map name and values have a dark backdrop over a bright image", "[viewer][saliency]")
{
    // A white slice (1000 HU at W 400 / L 0) with the map's name over it, as over a bright body edge or bone.
    constexpr int kSidePx = 512;
    const auto volume = makeInt16Volume(
        64, 64, 8, 1.0, 1.0, [](int, int, int) { return 1000; }, { -20.0, 10.0, 50.0 }, 2.0);
    const auto map = emptyMap(volume->geometry());
    auto* values = static_cast<float*>(map->data());
    values[(5 * 64 + 20) * 64 + 10] = 1.0f; // one voxel far from the bar
    SliceRenderRequest request = overlayRequest(volume, map, 5);
    request.widthPx = kSidePx;
    request.heightPx = kSidePx;
    request.saliencyOptions.showColourBar = true;
    request.saliencyTitle = "lesion-net\nliver lesion";
    const QImage image = render(request, "colour-bar-backdrop.png");
    // The bar's rectangle: x 0.86-0.98 and y 0.13-0.47 of the view (from the bottom).
    const int left = static_cast<int>(std::ceil(0.86 * kSidePx)) + 1;
    const int right = static_cast<int>(std::floor(0.98 * kSidePx)) - 1;
    const int top = kSidePx - static_cast<int>(std::floor(0.47 * kSidePx)) + 1;
    const int bottom = kSidePx - static_cast<int>(std::ceil(0.13 * kSidePx)) - 1;
    // Outside it the slice is white; inside, its corners show the backdrop: black at 60 % over white.
    CHECK(grayAt(image, left - 4, bottom) == 255);
    CHECK(grayAt(image, right + 4, top) == 255);
    for (const auto& [x, y] : { std::pair { left, bottom }, std::pair { left, top }, std::pair { right, top } }) {
        INFO(x << ", " << y);
        CHECK(std::abs(grayAt(image, x, y) - 102) <= 3); // 255 x 0.4
    }
    // Hardly any white of the slice is left in the title's band at the top: the letters stand on the backdrop.
    int white = 0;
    int count = 0;
    for (int y = top; y < top + 24; ++y) {
        for (int x = left; x <= right; ++x) {
            white += grayAt(image, x, y) >= 250 ? 1 : 0;
            ++count;
        }
    }
    CHECK(white < count / 5);
    CHECK(white > 0); // the title itself, drawn in white
}
