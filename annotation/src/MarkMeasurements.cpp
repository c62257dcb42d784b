#include "radmark/annotation/MarkMeasurements.h"

#include "radmark/annotation/Overloaded.h"
#include "radmark/annotation/RecistMeasurement.h"

#include <algorithm>

namespace radmark::annotation {

namespace {

void measureBox(MarkMeasurements& measured, const PixelBox& box, const PixelSpacing& spacing)
{
    measured.boxPx = box;
    measured.widthPx = box.x2 - box.x1;
    measured.heightPx = box.y2 - box.y1;
    measured.widthMm = *measured.widthPx * spacing.columnMm;
    measured.heightMm = *measured.heightPx * spacing.rowMm;
    measured.longMm = std::max(*measured.widthMm, *measured.heightMm);
    measured.shortMm = std::min(*measured.widthMm, *measured.heightMm);
}

void appendPoints(std::vector<double>& points, const PixelSegment& segment)
{
    points.insert(points.end(), { segment.start.column, segment.start.row, segment.end.column, segment.end.row });
}

} // namespace

MarkMeasurements measurementsOf(const LesionMark& mark)
{
    const PixelSpacing& spacing = mark.plane.spacing;
    MarkMeasurements measured;
    std::visit(Overloaded {
                   [&](const RecistMark& recist) {
                       const RecistLengthsMm lengths = recistLengthsMm(recist, spacing);
                       measured.longMm = lengths.longAxisMm;
                       measured.shortMm = lengths.shortAxisMm;
                       measured.longPx = lengthPx(recist.longAxisPx);
                       measured.shortPx = lengthPx(recist.shortAxisPx);
                       measured.angleDegrees = angleBetweenDegrees(recist.longAxisPx, recist.shortAxisPx, spacing);
                       measured.boxPx = deepLesionBox(recist);
                       appendPoints(measured.pointsPx, recist.longAxisPx);
                       appendPoints(measured.pointsPx, recist.shortAxisPx);
                   },
                   [&](const LineMark& line) {
                       measured.longMm = lengthMm(line.segmentPx, spacing);
                       measured.longPx = lengthPx(line.segmentPx);
                       appendPoints(measured.pointsPx, line.segmentPx);
                   },
                   [&](const Box2dMark& box) { measureBox(measured, box.boxPx, spacing); },
                   [&](const Box3dMark& box) {
                       measureBox(measured, box.boxPx, spacing);
                       measured.firstSliceIndex = box.firstSliceIndex;
                       measured.lastSliceIndex = box.lastSliceIndex;
                   },
               },
        mark.shape);
    return measured;
}

} // namespace radmark::annotation
