#pragma once

#include "radmark/annotation/PixelGeometry.h"

namespace radmark::storage {

// DICOM SCOORD image coordinates (PS3.3 C.18.6.1.2) are (column, row) with (0, 0) at the top-left CORNER of
// the top-left pixel, so that pixel's centre is (0.5, 0.5). RadMark's pixel coordinates (DeepLesion's) put
// that centre at (0, 0): the two differ by half a pixel on both axes.
constexpr double kScoordHalfPixel = 0.5;

struct ScoordPoint {
    double column = 0.0;
    double row = 0.0;
};

constexpr ScoordPoint toScoord(const annotation::PixelPoint& pointPx)
{
    return { pointPx.column + kScoordHalfPixel, pointPx.row + kScoordHalfPixel };
}

constexpr annotation::PixelPoint fromScoord(double column, double row)
{
    return { column - kScoordHalfPixel, row - kScoordHalfPixel };
}

} // namespace radmark::storage
