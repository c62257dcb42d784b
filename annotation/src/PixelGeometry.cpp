#include "radmark/annotation/PixelGeometry.h"

#include <algorithm>

namespace radmark::annotation {

PixelBox boxFromCorners(const PixelPoint& a, const PixelPoint& b)
{
    return { std::min(a.column, b.column), std::min(a.row, b.row), std::max(a.column, b.column),
        std::max(a.row, b.row) };
}

PlanePointMm toPlaneMm(const PixelPoint& point, const PixelSpacing& spacing)
{
    return { point.column * spacing.columnMm, point.row * spacing.rowMm };
}

PixelPoint fromPlaneMm(const PlanePointMm& point, const PixelSpacing& spacing)
{
    return { point.x / spacing.columnMm, point.y / spacing.rowMm };
}

bool isInsideImage(const PixelPoint& point, int columns, int rows)
{
    return point.column >= -0.5 && point.column <= columns - 0.5 && point.row >= -0.5 && point.row <= rows - 0.5;
}

PixelPoint clampToImage(const PixelPoint& point, int columns, int rows)
{
    return { std::clamp(point.column, -0.5, std::max(-0.5, columns - 0.5)),
        std::clamp(point.row, -0.5, std::max(-0.5, rows - 0.5)) };
}

} // namespace radmark::annotation
