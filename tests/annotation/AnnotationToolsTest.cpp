// Scripted pointer sequences: each tool is fed press/move/release and the resulting mark values
// are compared with what the gesture defines.
#include "radmark/annotation/Box2dTool.h"
#include "radmark/annotation/Box3dTool.h"
#include "radmark/annotation/EditTool.h"
#include "radmark/annotation/LineTool.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/annotation/RecistTool.h"

#include "MarkFixtures.h"

#include <catch2/catch.hpp>

using namespace radmark::annotation;

namespace {

void drag(AnnotationTool& tool, PixelPoint from, PixelPoint to, int steps = 10)
{
    tool.press(from);
    for (int step = 1; step <= steps; ++step) {
        const double t = static_cast<double>(step) / steps;
        tool.move({ from.column + (to.column - from.column) * t, from.row + (to.row - from.row) * t });
    }
    tool.release(to);
}

} // namespace

TEST_CASE("RecistTool: long-axis drag, then a short-axis drag, commits one mark", "[tools]")
{
    auto document = fixtures::makeDocument();
    RecistTool tool(*document);
    tool.setSlice(fixtures::axialSlice(12, { 0.5, 1.0 }));
    tool.setLesionType(4);

    tool.press({ 100, 100 });
    tool.move({ 120, 100 });
    CHECK(tool.phase() == RecistTool::Phase::DrawingLongAxis);
    CHECK(tool.draft().segmentsPx == std::vector<PixelSegment> { { { 100, 100 }, { 120, 100 } } });
    tool.release({ 140, 100 });
    CHECK(tool.phase() == RecistTool::Phase::AwaitingShortAxis);
    CHECK(document->marks().empty());

    // Second drag anywhere: 12 px along rows = 12 mm of short axis, centred on the long axis.
    tool.press({ 300, 300 });
    tool.move({ 300, 306 });
    CHECK(tool.draft().segmentsPx.size() == 2);
    CHECK(document->marks().empty());
    tool.release({ 300, 312 });
    CHECK(tool.isIdle());
    CHECK(tool.draft().empty());

    REQUIRE(document->marks().size() == 1);
    CHECK(document->undoCount() == 1);
    const LesionMark& mark = document->marks().front();
    CHECK(mark.lesionType == 4);
    CHECK(mark.slice.sliceIndex == 12);
    const RecistMark& recist = std::get<RecistMark>(mark.shape);
    CHECK(recist.longAxisPx == PixelSegment { { 100, 100 }, { 140, 100 } });
    // Normal of +x is +y: start above the centre (120, 100), end below.
    CHECK(recist.shortAxisPx.start.column == Approx(120.0));
    CHECK(recist.shortAxisPx.start.row == Approx(94.0));
    CHECK(recist.shortAxisPx.end.column == Approx(120.0));
    CHECK(recist.shortAxisPx.end.row == Approx(106.0));
    CHECK(recistLengthsMm(recist, { 0.5, 1.0 }).longAxisMm == Approx(20.0));
    CHECK(recistLengthsMm(recist, { 0.5, 1.0 }).shortAxisMm == Approx(12.0));
}

TEST_CASE("RecistTool: the short axis is perpendicular in mm and capped at the long axis", "[tools]")
{
    auto document = fixtures::makeDocument();
    RecistTool tool(*document);
    const PixelSpacing spacing { 0.5, 1.0 };
    tool.setSlice(fixtures::axialSlice(3, spacing));
    drag(tool, { 100, 100 }, { 140, 120 }); // 20 mm x 20 mm: a 45 degree diagonal in mm
    drag(tool, { 0, 0 }, { 400, 0 }); // far longer than the long axis
    REQUIRE(document->marks().size() == 1);
    const RecistMark& recist = std::get<RecistMark>(document->marks().front().shape);
    CHECK(angleBetweenDegrees(recist.longAxisPx, recist.shortAxisPx, spacing) == Approx(90.0));
    CHECK(lengthMm(recist.shortAxisPx, spacing) == Approx(lengthMm(recist.longAxisPx, spacing)));
}

TEST_CASE("RecistTool: clicks without a drag, presses off the image and cancel commit nothing", "[tools]")
{
    auto document = fixtures::makeDocument();
    RecistTool tool(*document);
    tool.setSlice(fixtures::axialSlice(3));
    tool.press({ 50, 50 });
    tool.release({ 50, 50 });
    CHECK(tool.isIdle());
    tool.press({ -3, 50 });
    CHECK(tool.isIdle());
    drag(tool, { 50, 50 }, { 80, 50 });
    tool.press({ 10, 10 });
    tool.release({ 10, 10 });
    CHECK(tool.phase() == RecistTool::Phase::AwaitingShortAxis);
    tool.cancel();
    CHECK(tool.isIdle());
    drag(tool, { 50, 50 }, { 80, 50 });
    tool.setSlice(fixtures::axialSlice(4)); // changing slice abandons the draft
    CHECK(tool.isIdle());
    CHECK(document->marks().empty());
    CHECK_FALSE(document->canUndo());
}

TEST_CASE("LineTool, Box2dTool and Box3dTool: one drag, one mark", "[tools]")
{
    auto document = fixtures::makeDocument();
    const SliceContext slice = fixtures::axialSlice(2);

    LineTool line(*document);
    line.setSlice(slice);
    drag(line, { 10, 20 }, { 40, 60 });
    REQUIRE(document->marks().size() == 1);
    CHECK(std::get<LineMark>(document->marks()[0].shape).segmentPx == PixelSegment { { 10, 20 }, { 40, 60 } });
    CHECK(lengthMm(std::get<LineMark>(document->marks()[0].shape).segmentPx, slice.plane.spacing) == Approx(35.0));

    Box2dTool box(*document);
    box.setSlice(slice);
    box.press({ 50, 60 });
    box.move({ 30, 20 });
    CHECK(box.draft().boxPx == PixelBox { 30, 20, 50, 60 });
    box.release({ 30, 20 });
    REQUIRE(document->marks().size() == 2);
    CHECK(std::get<Box2dMark>(document->marks()[1].shape).boxPx == PixelBox { 30, 20, 50, 60 });

    // Dragged off the image: clamped to its edge.
    drag(box, { 500, 500 }, { 600, 520 });
    REQUIRE(document->marks().size() == 3);
    CHECK(std::get<Box2dMark>(document->marks()[2].shape).boxPx == PixelBox { 500, 500, 511.5, 511.5 });

    Box3dTool box3d(*document, 3, 5);
    box3d.setSlice(slice); // slice 2 of 40: the range is cut at 0
    drag(box3d, { 10, 10 }, { 20, 30 });
    REQUIRE(document->marks().size() == 4);
    const Box3dMark& volume = std::get<Box3dMark>(document->marks()[3].shape);
    CHECK(volume.boxPx == PixelBox { 10, 10, 20, 30 });
    CHECK(volume.firstSliceIndex == 0);
    CHECK(volume.lastSliceIndex == 7);
    CHECK(document->marksOnSlice("1.2.3.series", 7).size() == 1);

    // Zero-area boxes and zero-length lines commit nothing.
    drag(box, { 10, 10 }, { 10, 40 });
    drag(line, { 10, 10 }, { 10, 10 });
    CHECK(document->marks().size() == 4);
    CHECK(document->undoCount() == 4);
}

TEST_CASE("EditTool: dragging a handle keeps RECIST perpendicular and is one undo step", "[tools]")
{
    auto document = fixtures::makeDocument();
    const PixelSpacing spacing { 0.5, 1.0 };
    const SliceContext slice = fixtures::axialSlice(8, spacing);
    RecistTool recistTool(*document);
    recistTool.setSlice(slice);
    drag(recistTool, { 100, 100 }, { 140, 100 });
    drag(recistTool, { 0, 0 }, { 0, 10 });
    const MarkId id = document->marks().front().id;
    const LesionMark drawn = document->marks().front();

    EditTool edit(*document);
    edit.setSlice(slice);
    edit.setTolerancePx(3.0);
    CHECK(edit.hitAt({ 141, 101 }).kind == HitKind::Handle);
    CHECK(edit.hitAt({ 110, 100.5 }).kind == HitKind::Body);
    CHECK(edit.hitAt({ 300, 300 }).kind == HitKind::None);

    edit.press({ 141, 101 }); // grabs the long-axis end
    CHECK(edit.activeHandleIndex() == 1);
    for (int step = 1; step <= 100; ++step) {
        edit.move({ 140.0 + step * 0.4, 100.0 + step * 0.3 });
        const RecistMark& recist = std::get<RecistMark>(document->find(id)->shape);
        CHECK(angleBetweenDegrees(recist.longAxisPx, recist.shortAxisPx, spacing) == Approx(90.0));
    }
    edit.release({ 180, 130 });
    CHECK(document->undoCount() == 2);
    const RecistMark& dragged = std::get<RecistMark>(document->find(id)->shape);
    CHECK(dragged.longAxisPx.end == PixelPoint { 180, 130 });
    CHECK(lengthMm(dragged.shortAxisPx, spacing) == Approx(10.0));
    // The LPS endpoints follow the pixels.
    CHECK(dragged.longAxisLpsMm.endLpsMm.x == Approx(slice.plane.originLpsMm.x + 180 * 0.5));
    CHECK(dragged.longAxisLpsMm.endLpsMm.y == Approx(slice.plane.originLpsMm.y + 130 * 1.0));

    // Whole-mark drag from the body.
    edit.press({ 120, 107.5 }); // on the long axis, which now runs (100,100)-(180,130)
    for (int step = 1; step <= 10; ++step) {
        edit.move({ 120.0 + step, 107.5 });
    }
    edit.release({ 130, 107.5 });
    CHECK(document->undoCount() == 3);
    CHECK(std::get<RecistMark>(document->find(id)->shape).longAxisPx.start == PixelPoint { 110, 100 });

    REQUIRE(document->undo());
    REQUIRE(document->undo());
    CHECK(*document->find(id) == drawn);

    // Escape in the middle of a drag puts the mark back.
    edit.press({ 141, 101 });
    edit.move({ 150, 110 });
    edit.cancel();
    CHECK(*document->find(id) == drawn);

    // A click without movement changes nothing; delete is one command.
    edit.press({ 141, 101 });
    edit.release({ 141, 101 });
    CHECK(document->undoCount() == 1);
    CHECK(edit.deleteAt({ 120, 100 }));
    CHECK(document->marks().empty());
    CHECK_FALSE(edit.deleteAt({ 120, 100 }));
    REQUIRE(document->undo());
    CHECK(*document->find(id) == drawn);
}

TEST_CASE("EditTool: short-axis handle and box corners", "[tools]")
{
    auto document = fixtures::makeDocument();
    const SliceContext slice = fixtures::axialSlice(8);
    RecistTool recistTool(*document);
    recistTool.setSlice(slice);
    drag(recistTool, { 100, 100 }, { 140, 100 });
    drag(recistTool, { 0, 0 }, { 0, 10 });
    const MarkId id = document->marks().front().id;
    Box2dTool boxTool(*document);
    boxTool.setSlice(slice);
    drag(boxTool, { 200, 200 }, { 220, 230 });
    const MarkId boxId = document->marks().back().id;

    EditTool edit(*document);
    edit.setSlice(slice);
    edit.press({ 120, 105 }); // short-axis end
    CHECK(edit.activeHandleIndex() == 3);
    edit.move({ 125, 112 });
    edit.release({ 125, 112 });
    const RecistMark& recist = std::get<RecistMark>(document->find(id)->shape);
    CHECK(recist.shortAxisPx.end.column == Approx(120.0));
    CHECK(recist.shortAxisPx.end.row == Approx(112.0));
    CHECK(recist.shortAxisPx.start.column == Approx(120.0));
    CHECK(recist.shortAxisPx.start.row == Approx(95.0));

    edit.press({ 220, 230 }); // corner (x2, y2)
    edit.move({ 190, 190 });
    edit.release({ 190, 190 });
    CHECK(std::get<Box2dMark>(document->find(boxId)->shape).boxPx == PixelBox { 190, 190, 200, 200 });
    CHECK(document->undoCount() == 4);
}
