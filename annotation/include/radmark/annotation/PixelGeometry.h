#pragma once

namespace radmark::annotation {

// Continuous image pixel coordinates on one slice, as in DeepLesion: (0, 0) is the centre of the
// first (top-left) pixel, column grows to the right (DICOM row direction), row grows downwards.
// The image area of a columns x rows slice is [-0.5, columns-0.5] x [-0.5, rows-0.5].
struct PixelPoint {
    double column = 0.0;
    double row = 0.0;

    constexpr bool operator==(const PixelPoint& other) const { return column == other.column && row == other.row; }
    constexpr bool operator!=(const PixelPoint& other) const { return !(*this == other); }
};

// A displacement in pixels (columns, rows).
struct PixelOffset {
    double columns = 0.0;
    double rows = 0.0;
};

constexpr PixelPoint operator+(const PixelPoint& point, const PixelOffset& offset)
{
    return { point.column + offset.columns, point.row + offset.rows };
}

constexpr PixelOffset operator-(const PixelPoint& to, const PixelPoint& from)
{
    return { to.column - from.column, to.row - from.row };
}

// A segment between two pixel positions (a RECIST axis, a line).
struct PixelSegment {
    PixelPoint start;
    PixelPoint end;

    constexpr bool operator==(const PixelSegment& other) const { return start == other.start && end == other.end; }
    constexpr bool operator!=(const PixelSegment& other) const { return !(*this == other); }
};

// An axis-aligned box in pixels, DeepLesion's `x1, y1, x2, y2` (x = column, y = row). Makers of
// boxes in this library always return x1 <= x2 and y1 <= y2.
struct PixelBox {
    double x1 = 0.0;
    double y1 = 0.0;
    double x2 = 0.0;
    double y2 = 0.0;

    constexpr bool operator==(const PixelBox& other) const
    {
        return x1 == other.x1 && y1 == other.y1 && x2 == other.x2 && y2 == other.y2;
    }
    constexpr bool operator!=(const PixelBox& other) const { return !(*this == other); }
};

// The box spanned by two opposite corners, in any order.
PixelBox boxFromCorners(const PixelPoint& a, const PixelPoint& b);

// Physical size of one pixel. DICOM PixelSpacing is (row spacing, column spacing); here each is
// named for what it measures: columnMm = distance between adjacent columns (along x).
struct PixelSpacing {
    double columnMm = 1.0;
    double rowMm = 1.0;
};

// In-plane millimetre coordinates of a pixel position: (column * columnMm, row * rowMm). All
// length and angle work is done here so that it is physical on anisotropic pixels.
struct PlanePointMm {
    double x = 0.0;
    double y = 0.0;
};

PlanePointMm toPlaneMm(const PixelPoint& point, const PixelSpacing& spacing);
PixelPoint fromPlaneMm(const PlanePointMm& point, const PixelSpacing& spacing);

// True when the point lies on the image: column in [-0.5, columns-0.5], row in [-0.5, rows-0.5].
bool isInsideImage(const PixelPoint& point, int columns, int rows);

// The nearest point on the image (see isInsideImage).
PixelPoint clampToImage(const PixelPoint& point, int columns, int rows);

} // namespace radmark::annotation
