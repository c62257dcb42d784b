// The quantitative saliency checks on small synthetic images whose answers are exact binary fractions.
#include "radmark/annotation/saliency/SaliencyChecks.h"
#include "radmark/annotation/RecistMeasurement.h"

#include <catch2/catch.hpp>

using namespace radmark::annotation;

namespace {

// 10 x 10 x 1 CT (HU): a 6 x 6 body of soft tissue at columns/rows 2..7 in air, one bright burned-in
// text pixel at (5, 0) outside the body.
ImageVolume phantomSlice()
{
    ImageVolume image(ImageGeometry::regular(10, 10, 1, 1.0, 1.0, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }),
        VoxelType::Int16);
    image.setValueUnit("HU");
    auto* hu = static_cast<std::int16_t*>(image.data());
    for (int j = 0; j < 10; ++j) {
        for (int i = 0; i < 10; ++i) {
            hu[j * 10 + i] = (i >= 2 && i <= 7 && j >= 2 && j <= 7) ? 40 : -1000;
        }
    }
    hu[0 * 10 + 5] = 1000;
    return image;
}

ImageVolume emptyMapFor(const ImageVolume& image)
{
    return ImageVolume(image.geometry(), VoxelType::Float32);
}

void setMap(ImageVolume& map, int i, int j, float value)
{
    static_cast<float*>(map.data())[j * map.geometry().columns + i] = value;
}

LesionMark boxMark(const PixelBox& box)
{
    LesionMark mark;
    mark.slice.seriesUid = "1.2.3";
    mark.slice.sliceIndex = 0;
    mark.shape = Box2dMark { box };
    return mark;
}

} // namespace

TEST_CASE("saliency checks: exact fractions on a synthetic slice", "[saliency][checks]")
{
    const ImageVolume image = phantomSlice();
    ImageVolume map = emptyMapFor(image);
    setMap(map, 4, 4, 4.0f); // inside the body and inside the mark
    setMap(map, 5, 0, 2.0f); // on the burned-in text, outside the body
    setMap(map, 9, 9, 1.0f); // bottom-right corner, outside the body
    setMap(map, 0, 5, 8.0f); // air beside the body: outside, neither text nor corner; the peak
    setMap(map, 3, 3, -3.0f); // negative: inside the mark but no mass
    setMap(map, 6, 6, 1.0f); // inside the body, outside the mark

    const SaliencyChecks checks = computeSaliencyChecks(image, map, { boxMark({ 3, 3, 5, 5 }) });
    CHECK(checks.totalMass == 16.0);
    CHECK(checks.peakValue == 8.0);
    CHECK(checks.peakI == 0);
    CHECK(checks.peakJ == 5);
    CHECK(checks.peakK == 0);
    REQUIRE(checks.massInsideMarksFraction);
    CHECK(*checks.massInsideMarksFraction == 4.0 / 16.0);
    REQUIRE(checks.peakInsideMark);
    CHECK_FALSE(*checks.peakInsideMark);
    REQUIRE(checks.massOutsideBodyFraction);
    CHECK(*checks.massOutsideBodyFraction == 11.0 / 16.0);
    REQUIRE(checks.massOnTextOrCornersFraction);
    CHECK(*checks.massOnTextOrCornersFraction == 3.0 / 16.0);
    REQUIRE(saliencyConcern(checks));
    CHECK(*saliencyConcern(checks) == 0.75); // mass outside the marks

    SECTION("without marks the mark checks are absent, the others unchanged")
    {
        const SaliencyChecks unmarked = computeSaliencyChecks(image, map, {});
        CHECK_FALSE(unmarked.massInsideMarksFraction);
        CHECK_FALSE(unmarked.peakInsideMark);
        CHECK(*unmarked.massOutsideBodyFraction == 11.0 / 16.0);
        CHECK(*saliencyConcern(unmarked) == 11.0 / 16.0);
    }
    SECTION("pointing game hit when the peak is inside a mark")
    {
        setMap(map, 0, 5, 0.0f);
        const SaliencyChecks hit = computeSaliencyChecks(image, map, { boxMark({ 3, 3, 5, 5 }) });
        CHECK(hit.peakI == 4);
        CHECK(hit.peakJ == 4);
        CHECK(*hit.peakInsideMark);
        CHECK(*hit.massInsideMarksFraction == 0.5);
    }
}

TEST_CASE("saliency checks: an all-zero map has no mass and no fractions", "[saliency][checks]")
{
    const ImageVolume image = phantomSlice();
    const SaliencyChecks checks = computeSaliencyChecks(image, emptyMapFor(image), { boxMark({ 3, 3, 5, 5 }) });
    CHECK(checks.totalMass == 0.0);
    CHECK_FALSE(checks.massInsideMarksFraction);
    CHECK_FALSE(checks.massOutsideBodyFraction);
    CHECK_FALSE(checks.massOnTextOrCornersFraction);
    CHECK_FALSE(saliencyConcern(checks));
}

TEST_CASE("body mask fills holes such as lungs but not bright objects outside", "[saliency][checks]")
{
    ImageVolume image = phantomSlice();
    auto* hu = static_cast<std::int16_t*>(image.data());
    hu[4 * 10 + 4] = -850; // lung inside the body
    const std::vector<std::uint8_t> mask = bodyMaskOfSlice(image, 0, defaultBodyThreshold(image));
    CHECK(defaultBodyThreshold(image) == -500.0);
    CHECK(mask[4 * 10 + 4] == 1); // the hole is body
    CHECK(mask[2 * 10 + 2] == 1);
    CHECK(mask[0 * 10 + 5] == 0); // the text pixel is not
    CHECK(mask[1 * 10 + 1] == 0);
    int bodyPixels = 0;
    for (std::uint8_t value : mask) {
        bodyPixels += value;
    }
    CHECK(bodyPixels == 36);
}

TEST_CASE("mark regions: RECIST uses the DeepLesion box, 3D boxes their slice range", "[saliency][checks]")
{
    LesionMark recist;
    recist.slice.sliceIndex = 7;
    RecistMark shape;
    shape.longAxisPx = { { 10, 20 }, { 30, 20 } };
    shape.shortAxisPx = { { 20, 15 }, { 20, 25 } };
    recist.shape = shape;
    const MarkRegion recistRegion = markRegion(recist);
    CHECK(recistRegion.boxPx == deepLesionBox(shape));
    CHECK(recistRegion.boxPx == PixelBox { 5, 10, 35, 30 });
    CHECK(recistRegion.firstSliceIndex == 7);
    CHECK(recistRegion.lastSliceIndex == 7);

    LesionMark box3d;
    box3d.slice.sliceIndex = 4;
    box3d.shape = Box3dMark { { 1, 2, 3, 4 }, 2, 6 };
    const MarkRegion region = markRegion(box3d);
    CHECK(region.boxPx == PixelBox { 1, 2, 3, 4 });
    CHECK(region.firstSliceIndex == 2);
    CHECK(region.lastSliceIndex == 6);
}

TEST_CASE("mass inside marks counts the slices that carry a mark", "[saliency][checks]")
{
    // Two slices of the phantom; the mark is on slice 1 only. Slice 0 holds mass 8, slice 1 holds 4 inside
    // the mark and 4 outside it: 4 of the 8 on the marked slice are inside.
    ImageVolume image(ImageGeometry::regular(10, 10, 2, 1.0, 1.0, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }),
        VoxelType::Int16);
    image.setValueUnit("HU");
    ImageVolume map(image.geometry(), VoxelType::Float32);
    auto* values = static_cast<float*>(map.data());
    values[0 * 100 + 4 * 10 + 4] = 8.0f;
    values[1 * 100 + 4 * 10 + 4] = 4.0f;
    values[1 * 100 + 8 * 10 + 8] = 4.0f;
    LesionMark mark = boxMark({ 3, 3, 5, 5 });
    mark.slice.sliceIndex = 1;
    const SaliencyChecks checks = computeSaliencyChecks(image, map, { mark });
    CHECK(checks.totalMass == 16.0);
    CHECK(*checks.massInsideMarksFraction == 0.5);
    CHECK_FALSE(*checks.peakInsideMark); // the peak (8) is on slice 0
}
