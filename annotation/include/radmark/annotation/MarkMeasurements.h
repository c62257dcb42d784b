#pragma once

#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/PixelGeometry.h"

#include <optional>
#include <vector>

namespace radmark::annotation {

// The numbers a person reads off a mark, in image pixels and in millimetres of the mark's plane (its pixel
// spacing). One function gives them for every shape, so the marks list, `radmark annotations` and every other
// summary agree. What a shape does not have stays empty.
struct MarkMeasurements {
    // RECIST: the long axis; line: its length; boxes: the longer side. Millimetres.
    double longMm = 0.0;
    // RECIST: the short axis; boxes: the shorter side; a line has none. Millimetres.
    std::optional<double> shortMm;
    // RECIST: the long / short axis; line: its length. Pixels.
    std::optional<double> longPx;
    std::optional<double> shortPx;
    // RECIST: the angle between the axes in mm space, in [0, 90] degrees.
    std::optional<double> angleDegrees;
    // Boxes: the box; RECIST: its DeepLesion box (kDeepLesionBoxPaddingPx around the endpoints). Pixels.
    std::optional<PixelBox> boxPx;
    // Boxes only: the sides along columns (width) and rows (height).
    std::optional<double> widthPx;
    std::optional<double> heightPx;
    std::optional<double> widthMm;
    std::optional<double> heightMm;
    // 3D boxes: the slice range, 0-based sorted slice indices, inclusive.
    std::optional<int> firstSliceIndex;
    std::optional<int> lastSliceIndex;
    // RECIST (long axis start, end, short axis start, end) and line (start, end): column, row per point.
    std::vector<double> pointsPx;
};

// Exhaustive over MarkShape (std::visit): a new shape does not compile until it is measured here.
MarkMeasurements measurementsOf(const LesionMark& mark);

} // namespace radmark::annotation
