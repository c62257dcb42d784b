#include "radmark/annotation/MarkMeasurements.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace radmark::annotation;

namespace {

// Anisotropic pixels, so that a mix-up of columns and rows shows: 0.5 mm between columns, 0.8 mm between rows.
LesionMark markWith(MarkShape shape)
{
    LesionMark mark;
    mark.plane.spacing = PixelSpacing { 0.5, 0.8 };
    mark.shape = std::move(shape);
    return mark;
}

} // namespace

TEST_CASE("measurementsOf a RECIST mark gives both axes in px and mm, the angle and the DeepLesion box", "[marks]")
{
    RecistMark recist;
    recist.longAxisPx = { { 100, 100 }, { 160, 150 } }; // 60 x 0.5 = 30 mm, 50 x 0.8 = 40 mm: 50 mm
    recist.shortAxisPx = { { 110, 120 }, { 86, 131.25 } }; // -12 mm, 9 mm: 15 mm, perpendicular in mm
    const MarkMeasurements measured = measurementsOf(markWith(recist));
    CHECK(measured.longMm == 50.0);
    REQUIRE(measured.shortMm);
    CHECK(*measured.shortMm == 15.0);
    CHECK(*measured.longPx == std::sqrt(6100.0));
    CHECK(*measured.shortPx == std::sqrt(24.0 * 24.0 + 11.25 * 11.25));
    CHECK(*measured.angleDegrees == Approx(90.0).margin(1e-12));
    CHECK(*measured.boxPx == PixelBox { 81, 95, 165, 155 }); // endpoints' extent +- 5 px
    CHECK(measured.pointsPx == std::vector<double> { 100, 100, 160, 150, 110, 120, 86, 131.25 });
    CHECK_FALSE(measured.widthMm);
    CHECK_FALSE(measured.firstSliceIndex);
}

TEST_CASE("measurementsOf a line gives its length and no short size", "[marks]")
{
    const MarkMeasurements measured = measurementsOf(markWith(LineMark { { { 10, 10 }, { 16, 15 } } }));
    CHECK(measured.longMm == 5.0); // 3 mm across, 4 mm down
    CHECK(*measured.longPx == std::sqrt(61.0));
    CHECK_FALSE(measured.shortMm);
    CHECK_FALSE(measured.shortPx);
    CHECK_FALSE(measured.boxPx);
    CHECK(measured.pointsPx == std::vector<double> { 10, 10, 16, 15 });
}

TEST_CASE("measurementsOf a 2D box gives its sides, the longer one first", "[marks]")
{
    const MarkMeasurements measured = measurementsOf(markWith(Box2dMark { { 10, 20, 50, 70 } }));
    CHECK(*measured.boxPx == PixelBox { 10, 20, 50, 70 });
    CHECK(*measured.widthPx == 40.0);
    CHECK(*measured.heightPx == 50.0);
    CHECK(*measured.widthMm == 20.0);
    CHECK(*measured.heightMm == 40.0);
    CHECK(measured.longMm == 40.0);
    CHECK(*measured.shortMm == 20.0);
    CHECK_FALSE(measured.longPx);
    CHECK(measured.pointsPx.empty());
    CHECK_FALSE(measured.firstSliceIndex);
}

TEST_CASE("measurementsOf a 3D box gives its sides and its slice range", "[marks]")
{
    const MarkMeasurements measured = measurementsOf(markWith(Box3dMark { { 0, 0, 10, 10 }, 3, 7 }));
    CHECK(*measured.widthMm == 5.0);
    CHECK(*measured.heightMm == 8.0);
    CHECK(measured.longMm == 8.0);
    CHECK(*measured.shortMm == 5.0);
    CHECK(*measured.firstSliceIndex == 3);
    CHECK(*measured.lastSliceIndex == 7);
}
