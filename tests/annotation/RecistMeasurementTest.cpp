#include "radmark/annotation/RecistMeasurement.h"

#include "MarkFixtures.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace radmark::annotation;

TEST_CASE("segment lengths in pixels and in millimetres", "[recist]")
{
    const PixelSegment segment { { 10.0, 20.0 }, { 40.0, 60.0 } }; // 30 x 40 px
    CHECK(lengthPx(segment) == Approx(50.0).margin(1e-12));
    CHECK(lengthMm(segment, { 0.7, 0.7 }) == Approx(35.0).margin(1e-12));
    // Anisotropic: sqrt((30 * 0.5)^2 + (40 * 1.0)^2) = sqrt(225 + 1600).
    CHECK(lengthMm(segment, { 0.5, 1.0 }) == Approx(std::sqrt(1825.0)).margin(1e-12));
    CHECK(lengthMm({ { 0, 0 }, { 10, 0 } }, { 0.5, 1.0 }) == Approx(5.0).margin(1e-12));
    CHECK(lengthMm({ { 0, 0 }, { 0, 10 } }, { 0.5, 1.0 }) == Approx(10.0).margin(1e-12));
}

TEST_CASE("makeRecist keeps well-ordered axes and reports exact lengths", "[recist]")
{
    const SlicePlane plane = fixtures::axialSlice(3).plane;
    const RecistCheck check = makeRecist({ { 100, 100 }, { 140, 100 } }, { { 120, 90 }, { 120, 110 } }, plane);
    REQUIRE(check.mark);
    CHECK_FALSE(check.axesSwapped);
    CHECK(check.perpendicular);
    CHECK(check.axesCross);
    CHECK(check.angleDegrees == Approx(90.0));
    const RecistLengthsMm lengths = recistLengthsMm(*check.mark, plane.spacing);
    CHECK(lengths.longAxisMm == Approx(28.0).margin(1e-12));
    CHECK(lengths.shortAxisMm == Approx(14.0).margin(1e-12));
    // LPS endpoints follow the slice plane: origin (-180, -200, 10 + 3 * 5), 0.7 mm pixels.
    CHECK(check.mark->longAxisLpsMm.startLpsMm.x == Approx(-180.0 + 100 * 0.7));
    CHECK(check.mark->longAxisLpsMm.startLpsMm.y == Approx(-200.0 + 100 * 0.7));
    CHECK(check.mark->longAxisLpsMm.startLpsMm.z == Approx(25.0));
    CHECK(length(check.mark->longAxisLpsMm.endLpsMm - check.mark->longAxisLpsMm.startLpsMm) == Approx(28.0));
}

TEST_CASE("makeRecist swaps when the short axis is the longer one in mm", "[recist]")
{
    SlicePlane plane;
    plane.spacing = { 0.5, 1.0 };
    // 40 px along columns = 20 mm; 30 px along rows = 30 mm: longer in mm although shorter in px.
    const PixelSegment first { { 100, 100 }, { 140, 100 } };
    const PixelSegment second { { 120, 85 }, { 120, 115 } };
    const RecistCheck check = makeRecist(first, second, plane);
    REQUIRE(check.mark);
    CHECK(check.axesSwapped);
    CHECK(check.mark->longAxisPx == second);
    CHECK(check.mark->shortAxisPx == first);
    CHECK(recistLengthsMm(*check.mark, plane.spacing).longAxisMm == Approx(30.0));
    CHECK(recistLengthsMm(*check.mark, plane.spacing).shortAxisMm == Approx(20.0));
}

TEST_CASE("makeRecist rejects zero-length axes and reports skew and disjoint axes", "[recist]")
{
    const SlicePlane plane;
    const RecistCheck zeroLong = makeRecist({ { 5, 5 }, { 5, 5 } }, { { 0, 0 }, { 3, 0 } }, plane);
    CHECK_FALSE(zeroLong.mark);
    CHECK(zeroLong.error.find("long axis") != std::string::npos);
    const RecistCheck zeroShort = makeRecist({ { 0, 0 }, { 10, 0 } }, { { 4, 4 }, { 4, 4 } }, plane);
    CHECK_FALSE(zeroShort.mark);
    CHECK(zeroShort.error.find("short axis") != std::string::npos);

    // 10 degrees off perpendicular, and not crossing.
    const double angle = 80.0 * std::acos(-1.0) / 180.0;
    const RecistCheck skewed
        = makeRecist({ { 0, 0 }, { 20, 0 } }, { { 30, 0 }, { 30 + 5 * std::cos(angle), 5 * std::sin(angle) } }, plane);
    REQUIRE(skewed.mark);
    CHECK(skewed.angleDegrees == Approx(80.0));
    CHECK_FALSE(skewed.perpendicular);
    CHECK_FALSE(skewed.axesCross);
    CHECK(makeRecist(
        { { 0, 0 }, { 20, 0 } }, { { 30, 0 }, { 30 + 5 * std::cos(angle), 5 * std::sin(angle) } }, plane, 10.5)
              .perpendicular);
}

TEST_CASE("perpendicularity is judged in mm on anisotropic pixels", "[recist]")
{
    SlicePlane plane;
    plane.spacing = { 0.5, 1.0 };
    // In pixels these look perpendicular (45 and -45 degrees), in mm they are not.
    const RecistCheck check = makeRecist({ { 0, 0 }, { 20, 20 } }, { { 15, 5 }, { 5, 15 } }, plane);
    REQUIRE(check.mark);
    CHECK_FALSE(check.perpendicular);
    // Perpendicular in mm: long (10 mm, 20 mm) per 20 px each way; short must be (20, -10) mm = (40, -10) px.
    const RecistCheck physical = makeRecist({ { 0, 0 }, { 20, 20 } }, { { -10, 15 }, { 30, 5 } }, plane);
    REQUIRE(physical.mark);
    CHECK(physical.angleDegrees == Approx(90.0));
}

TEST_CASE("DeepLesion box: min/max of the endpoints padded by 5 px", "[recist][deeplesion]")
{
    const PixelBox box
        = deepLesionBox({ { 154.273, 176.808 }, { 143.903, 209.029 } }, { { 160.939, 200.511 }, { 137.977, 191.252 } });
    CHECK(box.x1 == Approx(132.977));
    CHECK(box.y1 == Approx(171.808));
    CHECK(box.x2 == Approx(165.939));
    CHECK(box.y2 == Approx(214.029));
}

TEST_CASE("inside the image uses the continuous pixel convention", "[recist]")
{
    CHECK(isInsideImage({ 0, 0 }, 512, 512));
    CHECK(isInsideImage({ -0.5, -0.5 }, 512, 512));
    CHECK(isInsideImage({ 511.5, 511.5 }, 512, 512));
    CHECK_FALSE(isInsideImage({ -0.51, 10 }, 512, 512));
    CHECK_FALSE(isInsideImage({ 10, 511.6 }, 512, 512));
    CHECK_FALSE(isInsideImage({ 600, 10 }, 512, 400));
    CHECK(clampToImage({ -3, 700 }, 512, 400) == PixelPoint { -0.5, 399.5 });
}
