#include "radmark/annotation/SliceReference.h"

namespace radmark::annotation {

Vector3 SlicePlane::toPatient(const PixelPoint& pointPx) const
{
    return originLpsMm + rowDirectionLps * (pointPx.column * spacing.columnMm)
        + columnDirectionLps * (pointPx.row * spacing.rowMm);
}

SlicePlane SlicePlane::fromGeometry(const ImageGeometry& geometry, int sliceIndex)
{
    SlicePlane plane;
    plane.originLpsMm = geometry.voxelToPatient({ 0.0, 0.0, static_cast<double>(sliceIndex) });
    plane.rowDirectionLps = geometry.rowDirectionLps;
    plane.columnDirectionLps = geometry.columnDirectionLps;
    plane.spacing = { geometry.columnSpacingMm, geometry.rowSpacingMm };
    return plane;
}

} // namespace radmark::annotation
