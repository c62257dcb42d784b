#include "radmark/annotation/RecistMeasurement.h"

#include <algorithm>
#include <cmath>

namespace radmark::annotation {

namespace {

constexpr double kRadiansToDegrees = 57.29577951308232;

double crossProduct(const PixelPoint& origin, const PixelPoint& a, const PixelPoint& b)
{
    return (a.column - origin.column) * (b.row - origin.row) - (a.row - origin.row) * (b.column - origin.column);
}

bool onSegment(const PixelPoint& point, const PixelSegment& segment)
{
    return point.column >= std::min(segment.start.column, segment.end.column)
        && point.column <= std::max(segment.start.column, segment.end.column)
        && point.row >= std::min(segment.start.row, segment.end.row)
        && point.row <= std::max(segment.start.row, segment.end.row);
}

int sign(double value)
{
    return (value > 0.0) - (value < 0.0);
}

} // namespace

double lengthPx(const PixelSegment& segment)
{
    return std::hypot(segment.end.column - segment.start.column, segment.end.row - segment.start.row);
}

double lengthMm(const PixelSegment& segment, const PixelSpacing& spacing)
{
    return std::hypot((segment.end.column - segment.start.column) * spacing.columnMm,
        (segment.end.row - segment.start.row) * spacing.rowMm);
}

double angleBetweenDegrees(const PixelSegment& a, const PixelSegment& b, const PixelSpacing& spacing)
{
    const double ax = (a.end.column - a.start.column) * spacing.columnMm;
    const double ay = (a.end.row - a.start.row) * spacing.rowMm;
    const double bx = (b.end.column - b.start.column) * spacing.columnMm;
    const double by = (b.end.row - b.start.row) * spacing.rowMm;
    const double norms = std::hypot(ax, ay) * std::hypot(bx, by);
    if (norms == 0.0) {
        return 0.0;
    }
    const double cosine = std::min(1.0, std::abs(ax * bx + ay * by) / norms);
    return std::acos(cosine) * kRadiansToDegrees;
}

bool segmentsCross(const PixelSegment& a, const PixelSegment& b)
{
    const int d1 = sign(crossProduct(b.start, b.end, a.start));
    const int d2 = sign(crossProduct(b.start, b.end, a.end));
    const int d3 = sign(crossProduct(a.start, a.end, b.start));
    const int d4 = sign(crossProduct(a.start, a.end, b.end));
    if (d1 * d2 < 0 && d3 * d4 < 0) {
        return true;
    }
    return (d1 == 0 && onSegment(a.start, b)) || (d2 == 0 && onSegment(a.end, b)) || (d3 == 0 && onSegment(b.start, a))
        || (d4 == 0 && onSegment(b.end, a));
}

RecistLengthsMm recistLengthsMm(const RecistMark& recist, const PixelSpacing& spacing)
{
    return { lengthMm(recist.longAxisPx, spacing), lengthMm(recist.shortAxisPx, spacing) };
}

RecistCheck makeRecist(const PixelSegment& longAxisPx, const PixelSegment& shortAxisPx, const SlicePlane& plane,
    double perpendicularToleranceDegrees)
{
    RecistCheck check;
    const double firstMm = lengthMm(longAxisPx, plane.spacing);
    const double secondMm = lengthMm(shortAxisPx, plane.spacing);
    if (firstMm == 0.0 || secondMm == 0.0) {
        check.error = firstMm == 0.0 ? "the long axis has zero length" : "the short axis has zero length";
        return check;
    }
    check.axesSwapped = secondMm > firstMm;
    check.angleDegrees = angleBetweenDegrees(longAxisPx, shortAxisPx, plane.spacing);
    check.perpendicular = std::abs(90.0 - check.angleDegrees) <= perpendicularToleranceDegrees;
    check.axesCross = segmentsCross(longAxisPx, shortAxisPx);

    RecistMark mark;
    mark.longAxisPx = check.axesSwapped ? shortAxisPx : longAxisPx;
    mark.shortAxisPx = check.axesSwapped ? longAxisPx : shortAxisPx;
    mark.longAxisLpsMm = { plane.toPatient(mark.longAxisPx.start), plane.toPatient(mark.longAxisPx.end) };
    mark.shortAxisLpsMm = { plane.toPatient(mark.shortAxisPx.start), plane.toPatient(mark.shortAxisPx.end) };
    check.mark = mark;
    return check;
}

PixelBox deepLesionBox(const PixelSegment& longAxisPx, const PixelSegment& shortAxisPx)
{
    const PixelPoint points[] = { longAxisPx.start, longAxisPx.end, shortAxisPx.start, shortAxisPx.end };
    PixelBox box { points[0].column, points[0].row, points[0].column, points[0].row };
    for (const PixelPoint& point : points) {
        box.x1 = std::min(box.x1, point.column);
        box.y1 = std::min(box.y1, point.row);
        box.x2 = std::max(box.x2, point.column);
        box.y2 = std::max(box.y2, point.row);
    }
    const double pad = kDeepLesionBoxPaddingPx;
    return { box.x1 - pad, box.y1 - pad, box.x2 + pad, box.y2 + pad };
}

PixelBox deepLesionBox(const RecistMark& recist)
{
    return deepLesionBox(recist.longAxisPx, recist.shortAxisPx);
}

} // namespace radmark::annotation
