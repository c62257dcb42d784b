#include "radmark/annotation/MarkEditing.h"

#include "radmark/annotation/Overloaded.h"
#include "radmark/annotation/RecistMeasurement.h"

#include <cmath>
#include <utility>

namespace radmark::annotation {

namespace {

struct VectorMm {
    double x = 0.0;
    double y = 0.0;
};

VectorMm between(const PlanePointMm& from, const PlanePointMm& to)
{
    return { to.x - from.x, to.y - from.y };
}

double dotMm(const VectorMm& a, const VectorMm& b)
{
    return a.x * b.x + a.y * b.y;
}

PlanePointMm offsetBy(const PlanePointMm& point, const VectorMm& direction, double distanceMm)
{
    return { point.x + direction.x * distanceMm, point.y + direction.y * distanceMm };
}

// A RECIST mark described relative to its long axis in mm: the short axis crosses the long axis
// at `crossingFraction` of its length, its endpoints lie at signed distances along the normal.
struct RecistFrame {
    PlanePointMm longStartMm;
    PlanePointMm longEndMm;
    double crossingFraction = 0.5;
    double shortStartOffsetMm = 0.0;
    double shortEndOffsetMm = 0.0;
};

struct LongAxisBasis {
    VectorMm along;
    VectorMm normal;
    double lengthMm = 0.0;
};

LongAxisBasis basisOf(const PlanePointMm& startMm, const PlanePointMm& endMm)
{
    const VectorMm axis = between(startMm, endMm);
    const double length = std::hypot(axis.x, axis.y);
    if (length == 0.0) {
        return {};
    }
    const VectorMm along { axis.x / length, axis.y / length };
    return { along, { -along.y, along.x }, length };
}

RecistFrame frameOf(const RecistMark& recist, const PixelSpacing& spacing)
{
    RecistFrame frame;
    frame.longStartMm = toPlaneMm(recist.longAxisPx.start, spacing);
    frame.longEndMm = toPlaneMm(recist.longAxisPx.end, spacing);
    const LongAxisBasis basis = basisOf(frame.longStartMm, frame.longEndMm);
    const VectorMm toShortStart = between(frame.longStartMm, toPlaneMm(recist.shortAxisPx.start, spacing));
    const VectorMm toShortEnd = between(frame.longStartMm, toPlaneMm(recist.shortAxisPx.end, spacing));
    frame.crossingFraction = (dotMm(toShortStart, basis.along) + dotMm(toShortEnd, basis.along)) / 2.0 / basis.lengthMm;
    frame.shortStartOffsetMm = dotMm(toShortStart, basis.normal);
    frame.shortEndOffsetMm = dotMm(toShortEnd, basis.normal);
    return frame;
}

// Rebuilds the pixel axes from a frame; empty when an axis would have zero length.
std::optional<RecistMark> recistFromFrame(const RecistFrame& frame, const PixelSpacing& spacing)
{
    const LongAxisBasis basis = basisOf(frame.longStartMm, frame.longEndMm);
    if (basis.lengthMm == 0.0 || frame.shortStartOffsetMm == frame.shortEndOffsetMm) {
        return std::nullopt;
    }
    const PlanePointMm crossing = offsetBy(frame.longStartMm, basis.along, frame.crossingFraction * basis.lengthMm);
    RecistMark recist;
    recist.longAxisPx = { fromPlaneMm(frame.longStartMm, spacing), fromPlaneMm(frame.longEndMm, spacing) };
    recist.shortAxisPx = { fromPlaneMm(offsetBy(crossing, basis.normal, frame.shortStartOffsetMm), spacing),
        fromPlaneMm(offsetBy(crossing, basis.normal, frame.shortEndOffsetMm), spacing) };
    return recist;
}

std::optional<HandleMove> moveRecistHandle(
    const RecistMark& recist, RecistHandle handle, const PixelPoint& targetPx, const PixelSpacing& spacing)
{
    if (lengthMm(recist.longAxisPx, spacing) == 0.0) {
        return std::nullopt;
    }
    RecistFrame frame = frameOf(recist, spacing);
    const PlanePointMm targetMm = toPlaneMm(targetPx, spacing);
    if (handle == RecistHandle::LongStart) {
        frame.longStartMm = targetMm;
    } else if (handle == RecistHandle::LongEnd) {
        frame.longEndMm = targetMm;
    } else {
        const LongAxisBasis basis = basisOf(frame.longStartMm, frame.longEndMm);
        double offsetMm = dotMm(between(frame.longStartMm, targetMm), basis.normal);
        const bool movingStart = handle == RecistHandle::ShortStart;
        const double otherOffsetMm = movingStart ? frame.shortEndOffsetMm : frame.shortStartOffsetMm;
        if (offsetMm * otherOffsetMm > 0.0) {
            offsetMm = 0.0; // may reach the long axis, not cross it
        }
        (movingStart ? frame.shortStartOffsetMm : frame.shortEndOffsetMm) = offsetMm;
    }
    std::optional<RecistMark> moved = recistFromFrame(frame, spacing);
    if (!moved) {
        return std::nullopt;
    }
    // The long-axis endpoints are unchanged or the pointer itself: keep them exact, not round-tripped via mm.
    moved->longAxisPx = recist.longAxisPx;
    if (handle == RecistHandle::LongStart) {
        moved->longAxisPx.start = targetPx;
    } else if (handle == RecistHandle::LongEnd) {
        moved->longAxisPx.end = targetPx;
    }
    int handleIndex = static_cast<int>(handle);
    if (lengthMm(moved->shortAxisPx, spacing) > lengthMm(moved->longAxisPx, spacing)) {
        std::swap(moved->longAxisPx, moved->shortAxisPx);
        handleIndex = (handleIndex + 2) % 4;
    }
    return HandleMove { *moved, handleIndex };
}

PixelPoint boxCorner(const PixelBox& box, int corner)
{
    switch (corner) {
    case 0:
        return { box.x1, box.y1 };
    case 1:
        return { box.x2, box.y1 };
    case 2:
        return { box.x2, box.y2 };
    default:
        return { box.x1, box.y2 };
    }
}

std::optional<std::pair<PixelBox, int>> moveBoxCorner(const PixelBox& box, int corner, const PixelPoint& targetPx)
{
    const PixelBox moved = boxFromCorners(targetPx, boxCorner(box, (corner + 2) % 4));
    if (moved.x1 == moved.x2 || moved.y1 == moved.y2) {
        return std::nullopt;
    }
    for (int index = 0; index < 4; ++index) {
        if (boxCorner(moved, index) == targetPx) {
            return std::make_pair(moved, index);
        }
    }
    return std::nullopt;
}

} // namespace

std::vector<PixelPoint> handlePositionsPx(const MarkShape& shape)
{
    const auto corners = [](const PixelBox& box) {
        return std::vector<PixelPoint> { boxCorner(box, 0), boxCorner(box, 1), boxCorner(box, 2), boxCorner(box, 3) };
    };
    return std::visit(Overloaded {
                          [](const RecistMark& recist) {
                              return std::vector<PixelPoint> { recist.longAxisPx.start, recist.longAxisPx.end,
                                  recist.shortAxisPx.start, recist.shortAxisPx.end };
                          },
                          [](const LineMark& line) {
                              return std::vector<PixelPoint> { line.segmentPx.start, line.segmentPx.end };
                          },
                          [&corners](const Box2dMark& box) { return corners(box.boxPx); },
                          [&corners](const Box3dMark& box) { return corners(box.boxPx); },
                      },
        shape);
}

std::optional<HandleMove> moveHandle(
    const MarkShape& shape, int handleIndex, const PixelPoint& targetPx, const PixelSpacing& spacing)
{
    if (handleIndex < 0 || handleIndex >= static_cast<int>(handlePositionsPx(shape).size())) {
        return std::nullopt;
    }
    // A box of either kind keeps its other fields (a 3D box its slice range).
    const auto moveCorner = [handleIndex, &targetPx](auto box) -> std::optional<HandleMove> {
        const auto corner = moveBoxCorner(box.boxPx, handleIndex, targetPx);
        if (!corner) {
            return std::nullopt;
        }
        box.boxPx = corner->first;
        return HandleMove { box, corner->second };
    };
    return std::visit(Overloaded {
                          [&](const RecistMark& recist) {
                              return moveRecistHandle(
                                  recist, static_cast<RecistHandle>(handleIndex), targetPx, spacing);
                          },
                          [&](const LineMark& line) -> std::optional<HandleMove> {
                              LineMark moved = line;
                              (handleIndex == 0 ? moved.segmentPx.start : moved.segmentPx.end) = targetPx;
                              if (moved.segmentPx.start == moved.segmentPx.end) {
                                  return std::nullopt;
                              }
                              return HandleMove { moved, handleIndex };
                          },
                          [&](const Box2dMark& box) { return moveCorner(box); },
                          [&](const Box3dMark& box) { return moveCorner(box); },
                      },
        shape);
}

MarkShape translateShape(const MarkShape& shape, const PixelOffset& offsetPx)
{
    const auto moveSegment = [&offsetPx](PixelSegment& segment) {
        segment = { segment.start + offsetPx, segment.end + offsetPx };
    };
    const auto moveBox = [&offsetPx](PixelBox& box) {
        box = { box.x1 + offsetPx.columns, box.y1 + offsetPx.rows, box.x2 + offsetPx.columns, box.y2 + offsetPx.rows };
    };
    MarkShape moved = shape;
    std::visit(Overloaded {
                   [&](RecistMark& recist) {
                       moveSegment(recist.longAxisPx);
                       moveSegment(recist.shortAxisPx);
                   },
                   [&](LineMark& line) { moveSegment(line.segmentPx); },
                   [&](Box2dMark& box) { moveBox(box.boxPx); },
                   [&](Box3dMark& box) { moveBox(box.boxPx); },
               },
        moved);
    return moved;
}

std::optional<LesionMark> withHandleMoved(
    const LesionMark& mark, int handleIndex, const PixelPoint& targetPx, int* newHandleIndex)
{
    const std::optional<HandleMove> move = moveHandle(mark.shape, handleIndex, targetPx, mark.plane.spacing);
    if (!move) {
        return std::nullopt;
    }
    LesionMark moved = mark;
    moved.shape = move->shape;
    refreshPatientCoordinates(moved);
    if (newHandleIndex != nullptr) {
        *newHandleIndex = move->handleIndex;
    }
    return moved;
}

LesionMark withTranslation(const LesionMark& mark, const PixelOffset& offsetPx)
{
    LesionMark moved = mark;
    moved.shape = translateShape(mark.shape, offsetPx);
    refreshPatientCoordinates(moved);
    return moved;
}

} // namespace radmark::annotation
