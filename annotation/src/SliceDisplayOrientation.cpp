#include "radmark/annotation/SliceDisplayOrientation.h"

#include <cmath>

namespace radmark::annotation {

AnatomicalPlane nearestAnatomicalPlane(const Vector3& rowDirectionLps, const Vector3& columnDirectionLps)
{
    const Vector3 normal = cross(rowDirectionLps, columnDirectionLps);
    const double x = std::abs(normal.x);
    const double y = std::abs(normal.y);
    const double z = std::abs(normal.z);
    if (z >= x && z >= y) {
        return AnatomicalPlane::Axial;
    }
    return y >= x ? AnatomicalPlane::Coronal : AnatomicalPlane::Sagittal;
}

ScreenAxesLps radiologicalScreenAxes(AnatomicalPlane plane)
{
    switch (plane) {
    case AnatomicalPlane::Axial:
        return { { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 } };
    case AnatomicalPlane::Coronal:
        return { { 1.0, 0.0, 0.0 }, { 0.0, 0.0, -1.0 } };
    case AnatomicalPlane::Sagittal:
        return { { 0.0, 1.0, 0.0 }, { 0.0, 0.0, -1.0 } };
    }
    return { { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 } };
}

PixelPoint SliceDisplayOrientation::toDisplay(const PixelPoint& storedPx) const
{
    PixelPoint display = transposed ? PixelPoint { storedPx.row, storedPx.column } : storedPx;
    if (flipColumns) {
        display.column = (displayColumns() - 1) - display.column;
    }
    if (flipRows) {
        display.row = (displayRows() - 1) - display.row;
    }
    return display;
}

PixelPoint SliceDisplayOrientation::toStored(const PixelPoint& displayPx) const
{
    PixelPoint unflipped = displayPx;
    if (flipColumns) {
        unflipped.column = (displayColumns() - 1) - unflipped.column;
    }
    if (flipRows) {
        unflipped.row = (displayRows() - 1) - unflipped.row;
    }
    return transposed ? PixelPoint { unflipped.row, unflipped.column } : unflipped;
}

PixelSpacing SliceDisplayOrientation::displaySpacing(const PixelSpacing& storedSpacing) const
{
    return transposed ? PixelSpacing { storedSpacing.rowMm, storedSpacing.columnMm } : storedSpacing;
}

Vector3 SliceDisplayOrientation::displayRightLps(
    const Vector3& rowDirectionLps, const Vector3& columnDirectionLps) const
{
    const Vector3 axis = transposed ? columnDirectionLps : rowDirectionLps;
    return flipColumns ? axis * -1.0 : axis;
}

Vector3 SliceDisplayOrientation::displayDownLps(const Vector3& rowDirectionLps, const Vector3& columnDirectionLps) const
{
    const Vector3 axis = transposed ? rowDirectionLps : columnDirectionLps;
    return flipRows ? axis * -1.0 : axis;
}

std::array<double, 6> SliceDisplayOrientation::storedToDisplayMm(const PixelSpacing& storedSpacing) const
{
    const PixelSpacing display = displaySpacing(storedSpacing);
    // Display x before flipping is stored x (or stored y when transposed), in mm either way.
    std::array<double, 6> m = transposed ? std::array<double, 6> { 0.0, 1.0, 0.0, 1.0, 0.0, 0.0 }
                                         : std::array<double, 6> { 1.0, 0.0, 0.0, 0.0, 1.0, 0.0 };
    if (flipColumns) {
        m[0] = -m[0];
        m[1] = -m[1];
        m[2] = (displayColumns() - 1) * display.columnMm;
    }
    if (flipRows) {
        m[3] = -m[3];
        m[4] = -m[4];
        m[5] = (displayRows() - 1) * display.rowMm;
    }
    return m;
}

SliceDisplayOrientation radiologicalDisplayOrientation(
    const Vector3& rowDirectionLps, const Vector3& columnDirectionLps, int columns, int rows)
{
    const ScreenAxesLps screen = radiologicalScreenAxes(nearestAnatomicalPlane(rowDirectionLps, columnDirectionLps));
    SliceDisplayOrientation orientation;
    orientation.storedColumns = columns;
    orientation.storedRows = rows;
    const double straight
        = std::abs(dot(rowDirectionLps, screen.rightLps)) + std::abs(dot(columnDirectionLps, screen.downLps));
    const double swapped
        = std::abs(dot(columnDirectionLps, screen.rightLps)) + std::abs(dot(rowDirectionLps, screen.downLps));
    orientation.transposed = swapped > straight + 1e-9;
    const Vector3 right = orientation.transposed ? columnDirectionLps : rowDirectionLps;
    const Vector3 down = orientation.transposed ? rowDirectionLps : columnDirectionLps;
    orientation.flipColumns = dot(right, screen.rightLps) < 0.0;
    orientation.flipRows = dot(down, screen.downLps) < 0.0;
    return orientation;
}

} // namespace radmark::annotation
