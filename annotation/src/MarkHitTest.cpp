#include "radmark/annotation/MarkHitTest.h"

#include "radmark/annotation/MarkEditing.h"
#include "radmark/annotation/Overloaded.h"

#include <algorithm>
#include <cmath>

namespace radmark::annotation {

namespace {

double distanceToBoxPx(const PixelPoint& point, const PixelBox& box)
{
    const bool inside = point.column >= box.x1 && point.column <= box.x2 && point.row >= box.y1 && point.row <= box.y2;
    if (inside) {
        return 0.0;
    }
    const double dx = std::max({ box.x1 - point.column, 0.0, point.column - box.x2 });
    const double dy = std::max({ box.y1 - point.row, 0.0, point.row - box.y2 });
    return std::hypot(dx, dy);
}

double distanceToBodyPx(const MarkShape& shape, const PixelPoint& point)
{
    return std::visit(Overloaded {
                          [&point](const RecistMark& recist) {
                              return std::min(distanceToSegmentPx(point, recist.longAxisPx),
                                  distanceToSegmentPx(point, recist.shortAxisPx));
                          },
                          [&point](const LineMark& line) { return distanceToSegmentPx(point, line.segmentPx); },
                          [&point](const Box2dMark& box) { return distanceToBoxPx(point, box.boxPx); },
                          [&point](const Box3dMark& box) { return distanceToBoxPx(point, box.boxPx); },
                      },
        shape);
}

} // namespace

double distanceToSegmentPx(const PixelPoint& pointPx, const PixelSegment& segmentPx)
{
    const double dx = segmentPx.end.column - segmentPx.start.column;
    const double dy = segmentPx.end.row - segmentPx.start.row;
    const double lengthSquared = dx * dx + dy * dy;
    double fraction = 0.0;
    if (lengthSquared > 0.0) {
        fraction = ((pointPx.column - segmentPx.start.column) * dx + (pointPx.row - segmentPx.start.row) * dy)
            / lengthSquared;
        fraction = std::clamp(fraction, 0.0, 1.0);
    }
    return std::hypot(
        pointPx.column - (segmentPx.start.column + fraction * dx), pointPx.row - (segmentPx.start.row + fraction * dy));
}

MarkHit hitTestMarks(const std::vector<LesionMark>& marks, const std::string& seriesUid, int sliceIndex,
    const PixelPoint& pointPx, double tolerancePx)
{
    MarkHit best;
    const auto better = [&best](HitKind kind, double distance) {
        if (best.kind == HitKind::None) {
            return true;
        }
        if (kind != best.kind) {
            return kind == HitKind::Handle;
        }
        return distance <= best.distancePx;
    };
    for (const LesionMark& mark : marks) {
        if (!isOnSlice(mark, seriesUid, sliceIndex)) {
            continue;
        }
        const std::vector<PixelPoint> handles = handlePositionsPx(mark.shape);
        for (std::size_t index = 0; index < handles.size(); ++index) {
            const double distance
                = std::hypot(pointPx.column - handles[index].column, pointPx.row - handles[index].row);
            if (distance <= tolerancePx && better(HitKind::Handle, distance)) {
                best = { HitKind::Handle, mark.id, static_cast<int>(index), distance };
            }
        }
        const double bodyDistance = distanceToBodyPx(mark.shape, pointPx);
        if (bodyDistance <= tolerancePx && better(HitKind::Body, bodyDistance)) {
            best = { HitKind::Body, mark.id, -1, bodyDistance };
        }
    }
    return best;
}

} // namespace radmark::annotation
