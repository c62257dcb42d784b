#include "radmark/annotation/MarkEditing.h"
#include "radmark/annotation/RecistMeasurement.h"

#include <catch2/catch.hpp>

using namespace radmark::annotation;

namespace {

RecistMark recistOf(const MarkShape& shape)
{
    REQUIRE(std::holds_alternative<RecistMark>(shape));
    return std::get<RecistMark>(shape);
}

// Signed position of the short axis along the long one (fraction) and its endpoints' offsets, in mm.
struct Placement {
    double fraction;
    double startOffsetMm;
    double endOffsetMm;
};

Placement placementOf(const RecistMark& recist, const PixelSpacing& spacing)
{
    const PlanePointMm a = toPlaneMm(recist.longAxisPx.start, spacing);
    const PlanePointMm b = toPlaneMm(recist.longAxisPx.end, spacing);
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    const double ux = (b.x - a.x) / length;
    const double uy = (b.y - a.y) / length;
    const PlanePointMm s1 = toPlaneMm(recist.shortAxisPx.start, spacing);
    const PlanePointMm s2 = toPlaneMm(recist.shortAxisPx.end, spacing);
    const double along = ((s1.x - a.x) * ux + (s1.y - a.y) * uy + (s2.x - a.x) * ux + (s2.y - a.y) * uy) / 2.0;
    return { along / length, (s1.x - a.x) * -uy + (s1.y - a.y) * ux, (s2.x - a.x) * -uy + (s2.y - a.y) * ux };
}

} // namespace

TEST_CASE("dragging a long-axis endpoint carries the short axis perpendicular", "[recist]")
{
    for (const PixelSpacing spacing : { PixelSpacing { 0.7, 0.7 }, PixelSpacing { 0.5, 1.0 } }) {
        // A perpendicular mark built in mm, short axis at 30% of the long axis, unequal halves.
        const RecistMark start = *makeRecist({ { 100, 100 }, { 160, 100 } },
            { { 118, 100 - 6 / spacing.rowMm }, { 118, 100 + 9 / spacing.rowMm } },
            SlicePlane { {}, { 1, 0, 0 }, { 0, 1, 0 }, spacing })
                                      .mark;
        const Placement before = placementOf(start, spacing);
        CHECK(before.fraction == Approx(0.3));

        MarkShape shape = start;
        int handle = static_cast<int>(RecistHandle::LongEnd);
        for (int step = 1; step <= 20; ++step) {
            const auto moved = moveHandle(shape, handle, { 160.0 + step, 100.0 + 3.0 * step }, spacing);
            REQUIRE(moved);
            shape = moved->shape;
            handle = moved->handleIndex;
            const RecistMark recist = recistOf(shape);
            CHECK(angleBetweenDegrees(recist.longAxisPx, recist.shortAxisPx, spacing) == Approx(90.0));
            const Placement after = placementOf(recist, spacing);
            CHECK(after.fraction == Approx(before.fraction));
            CHECK(after.startOffsetMm == Approx(before.startOffsetMm));
            CHECK(after.endOffsetMm == Approx(before.endOffsetMm));
        }
        const RecistMark last = recistOf(shape);
        CHECK(last.longAxisPx.start == PixelPoint { 100, 100 });
        CHECK(last.longAxisPx.end == PixelPoint { 180, 160 });
        CHECK(handle == static_cast<int>(RecistHandle::LongEnd));
    }
}

TEST_CASE("dragging a short-axis endpoint moves it along the perpendicular only", "[recist]")
{
    const PixelSpacing spacing { 0.5, 1.0 };
    const RecistMark start = *makeRecist({ { 100, 100 }, { 160, 100 } }, { { 130, 95 }, { 130, 105 } },
        SlicePlane { {}, { 1, 0, 0 }, { 0, 1, 0 }, spacing })
                                  .mark;
    // The pointer is off the perpendicular: only its distance from the long axis counts.
    const auto moved = moveHandle(start, static_cast<int>(RecistHandle::ShortEnd), { 150, 112 }, spacing);
    REQUIRE(moved);
    const RecistMark recist = recistOf(moved->shape);
    CHECK(recist.shortAxisPx.start == PixelPoint { 130, 95 });
    CHECK(recist.shortAxisPx.end.column == Approx(130.0));
    CHECK(recist.shortAxisPx.end.row == Approx(112.0));
    CHECK(recist.longAxisPx == start.longAxisPx);

    // Dragged across the long axis, the endpoint stops on it.
    const auto crossed = moveHandle(start, static_cast<int>(RecistHandle::ShortEnd), { 130, 90 }, spacing);
    REQUIRE(crossed);
    CHECK(recistOf(crossed->shape).shortAxisPx.end.row == Approx(100.0));
}

TEST_CASE("a short axis dragged longer than the long axis swaps roles", "[recist]")
{
    const PixelSpacing spacing { 1.0, 1.0 };
    const RecistMark start = *makeRecist({ { 100, 100 }, { 120, 100 } }, { { 110, 95 }, { 110, 105 } },
        SlicePlane { {}, { 1, 0, 0 }, { 0, 1, 0 }, spacing })
                                  .mark;
    const auto moved = moveHandle(start, static_cast<int>(RecistHandle::ShortEnd), { 110, 130 }, spacing);
    REQUIRE(moved);
    const RecistMark recist = recistOf(moved->shape);
    CHECK(recist.longAxisPx.start == PixelPoint { 110, 95 });
    CHECK(recist.longAxisPx.end.row == Approx(130.0));
    CHECK(recist.shortAxisPx == start.longAxisPx);
    CHECK(moved->handleIndex == static_cast<int>(RecistHandle::LongEnd));
    CHECK(lengthMm(recist.longAxisPx, spacing) == Approx(35.0));
    CHECK(lengthMm(recist.shortAxisPx, spacing) == Approx(20.0));

    // Dragging on with the new handle index keeps moving the same point.
    const auto further = moveHandle(moved->shape, moved->handleIndex, { 110, 140 }, spacing);
    REQUIRE(further);
    CHECK(recistOf(further->shape).longAxisPx.end.row == Approx(140.0));
}

TEST_CASE("degenerate handle moves are refused", "[recist]")
{
    const PixelSpacing spacing { 1.0, 1.0 };
    const RecistMark start
        = *makeRecist({ { 100, 100 }, { 120, 100 } }, { { 110, 95 }, { 110, 105 } }, SlicePlane {}).mark;
    CHECK_FALSE(moveHandle(start, static_cast<int>(RecistHandle::LongEnd), { 100, 100 }, spacing));
    CHECK_FALSE(moveHandle(start, 7, { 0, 0 }, spacing));
    CHECK_FALSE(moveHandle(LineMark { { { 0, 0 }, { 5, 5 } } }, 1, { 0, 0 }, spacing));
    CHECK_FALSE(moveHandle(Box2dMark { { 0, 0, 10, 10 } }, 2, { 10, 0 }, spacing));
}

TEST_CASE("translation moves every point, boxes keep normalised corners", "[recist]")
{
    const RecistMark start
        = *makeRecist({ { 100, 100 }, { 120, 100 } }, { { 110, 95 }, { 110, 105 } }, SlicePlane {}).mark;
    const RecistMark moved = recistOf(translateShape(start, { 2.5, -4.0 }));
    CHECK(moved.longAxisPx == PixelSegment { { 102.5, 96 }, { 122.5, 96 } });
    CHECK(moved.shortAxisPx == PixelSegment { { 112.5, 91 }, { 112.5, 101 } });

    const Box3dMark box = std::get<Box3dMark>(translateShape(Box3dMark { { 0, 0, 10, 10 }, 2, 6 }, { 1, 1 }));
    CHECK(box.boxPx == PixelBox { 1, 1, 11, 11 });
    CHECK(box.firstSliceIndex == 2);
    CHECK(box.lastSliceIndex == 6);

    // Corner (x2, y2) dragged past (x1, y1) becomes corner (x1, y1).
    const auto flipped = moveHandle(Box2dMark { { 10, 10, 20, 20 } }, 2, { 5, 4 }, { 1, 1 });
    REQUIRE(flipped);
    CHECK(std::get<Box2dMark>(flipped->shape).boxPx == PixelBox { 5, 4, 10, 10 });
    CHECK(flipped->handleIndex == 0);
}
