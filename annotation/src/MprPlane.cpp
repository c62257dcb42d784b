#include "radmark/annotation/MprPlane.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace radmark::annotation {

namespace {

double& componentRef(Vector3& v, int axis)
{
    return axis == 0 ? v.x : (axis == 1 ? v.y : v.z);
}

// Index of the patient axis a unit axis direction runs along.
int dominantAxis(const Vector3& direction)
{
    const double ax = std::abs(direction.x);
    const double ay = std::abs(direction.y);
    const double az = std::abs(direction.z);
    return ax >= ay && ax >= az ? 0 : (ay >= az ? 1 : 2);
}

} // namespace

const char* mprOrientationName(MprOrientation orientation)
{
    switch (orientation) {
    case MprOrientation::Axial:
        return "axial";
    case MprOrientation::Coronal:
        return "coronal";
    case MprOrientation::Sagittal:
        return "sagittal";
    }
    return "axial";
}

std::optional<MprOrientation> parseMprOrientation(const std::string& name)
{
    for (MprOrientation orientation : { MprOrientation::Axial, MprOrientation::Coronal, MprOrientation::Sagittal }) {
        if (name == mprOrientationName(orientation)) {
            return orientation;
        }
    }
    return std::nullopt;
}

PatientBounds patientBounds(const ImageGeometry& geometry)
{
    PatientBounds bounds;
    const double inf = std::numeric_limits<double>::infinity();
    bounds.minimumLpsMm = { inf, inf, inf };
    bounds.maximumLpsMm = { -inf, -inf, -inf };
    for (double i : { -0.5, geometry.columns - 0.5 }) {
        for (double j : { -0.5, geometry.rows - 0.5 }) {
            for (double k : { -0.5, geometry.slices - 0.5 }) {
                const Vector3 corner = geometry.voxelToPatient({ i, j, k });
                bounds.minimumLpsMm = { std::min(bounds.minimumLpsMm.x, corner.x),
                    std::min(bounds.minimumLpsMm.y, corner.y), std::min(bounds.minimumLpsMm.z, corner.z) };
                bounds.maximumLpsMm = { std::max(bounds.maximumLpsMm.x, corner.x),
                    std::max(bounds.maximumLpsMm.y, corner.y), std::max(bounds.maximumLpsMm.z, corner.z) };
            }
        }
    }
    return bounds;
}

void PlaneGrid::toPixel(const Vector3& pointLpsMm, double* column, double* row, double* distanceMm) const
{
    const Vector3 offset = pointLpsMm - originLpsMm;
    *column = dot(offset, rightLps) / columnSpacingMm;
    *row = dot(offset, downLps) / rowSpacingMm;
    if (distanceMm != nullptr) {
        *distanceMm = dot(offset, normalLps());
    }
}

Vector3 mprRightLps(MprOrientation orientation)
{
    return orientation == MprOrientation::Sagittal ? Vector3 { 0.0, 1.0, 0.0 } : Vector3 { 1.0, 0.0, 0.0 };
}

Vector3 mprDownLps(MprOrientation orientation)
{
    return orientation == MprOrientation::Axial ? Vector3 { 0.0, 1.0, 0.0 } : Vector3 { 0.0, 0.0, -1.0 };
}

int mprNormalAxis(MprOrientation orientation)
{
    switch (orientation) {
    case MprOrientation::Axial:
        return 2;
    case MprOrientation::Coronal:
        return 1;
    case MprOrientation::Sagittal:
        return 0;
    }
    return 2;
}

double samplingDistanceAlongAxisMm(const ImageGeometry& geometry, int axis)
{
    const Vector3 voxelAxes[3]
        = { geometry.rowDirectionLps, geometry.columnDirectionLps, geometry.stackDirectionLps() };
    const double spacings[3] = { geometry.columnSpacingMm, geometry.rowSpacingMm,
        geometry.slices > 1 ? geometry.sliceSpacingMm : std::min(geometry.columnSpacingMm, geometry.rowSpacingMm) };
    double best = std::numeric_limits<double>::infinity();
    double smallest = std::numeric_limits<double>::infinity();
    for (int index = 0; index < 3; ++index) {
        const double along = std::abs(voxelAxes[index][axis]) / std::max(length(voxelAxes[index]), 1e-12);
        if (spacings[index] > 0.0) {
            smallest = std::min(smallest, spacings[index]);
            if (along > 0.5) {
                best = std::min(best, spacings[index] / along);
            }
        }
    }
    if (std::isfinite(best)) {
        return best;
    }
    return std::isfinite(smallest) ? smallest : 1.0;
}

PlaneGrid mprPlaneGrid(const ImageGeometry& geometry, MprOrientation orientation, const Vector3& throughLpsMm)
{
    const PatientBounds bounds = patientBounds(geometry);
    PlaneGrid grid;
    grid.rightLps = mprRightLps(orientation);
    grid.downLps = mprDownLps(orientation);
    const int rightAxis = dominantAxis(grid.rightLps);
    const int downAxis = dominantAxis(grid.downLps);
    grid.columnSpacingMm = samplingDistanceAlongAxisMm(geometry, rightAxis);
    grid.rowSpacingMm = samplingDistanceAlongAxisMm(geometry, downAxis);
    const double widthMm = bounds.maximumLpsMm[rightAxis] - bounds.minimumLpsMm[rightAxis];
    const double heightMm = bounds.maximumLpsMm[downAxis] - bounds.minimumLpsMm[downAxis];
    grid.columns = std::max(1, static_cast<int>(std::lround(widthMm / grid.columnSpacingMm)));
    grid.rows = std::max(1, static_cast<int>(std::lround(heightMm / grid.rowSpacingMm)));
    // Centre the pixel grid on the bounds, so rounding spreads evenly on both sides.
    Vector3 origin = throughLpsMm;
    const Vector3 centre = bounds.centreLpsMm();
    componentRef(origin, rightAxis)
        = centre[rightAxis] - grid.rightLps[rightAxis] * (grid.columns - 1) * grid.columnSpacingMm / 2.0;
    componentRef(origin, downAxis)
        = centre[downAxis] - grid.downLps[downAxis] * (grid.rows - 1) * grid.rowSpacingMm / 2.0;
    grid.originLpsMm = origin;
    return grid;
}

int mprPlaneCount(const ImageGeometry& geometry, MprOrientation orientation)
{
    const int axis = mprNormalAxis(orientation);
    const PatientBounds bounds = patientBounds(geometry);
    const double extentMm = bounds.maximumLpsMm[axis] - bounds.minimumLpsMm[axis];
    return std::max(1, static_cast<int>(std::lround(extentMm / samplingDistanceAlongAxisMm(geometry, axis))));
}

double mprPlanePositionMm(const ImageGeometry& geometry, MprOrientation orientation, int index)
{
    const int axis = mprNormalAxis(orientation);
    const double centre = patientBounds(geometry).centreLpsMm()[axis];
    const int count = mprPlaneCount(geometry, orientation);
    return centre + (index - (count - 1) / 2.0) * samplingDistanceAlongAxisMm(geometry, axis);
}

int mprPlaneIndexAt(const ImageGeometry& geometry, MprOrientation orientation, double positionMm)
{
    const int axis = mprNormalAxis(orientation);
    const double centre = patientBounds(geometry).centreLpsMm()[axis];
    const int count = mprPlaneCount(geometry, orientation);
    const double index = (positionMm - centre) / samplingDistanceAlongAxisMm(geometry, axis) + (count - 1) / 2.0;
    return std::clamp(static_cast<int>(std::lround(index)), 0, count - 1);
}

std::optional<std::string> mprUnavailableReason(const ImageVolume& volume)
{
    const ImageGeometry& geometry = volume.geometry();
    if (volume.voxelType() == VoxelType::Rgb8) {
        return std::string("colour images are shown in the slice view only (no MPR or 3D for colour)");
    }
    if (geometry.slices < 2) {
        return std::string("the series has a single slice: MPR and 3D need a stack of slices");
    }
    if (geometry.columns < 2 || geometry.rows < 2) {
        return std::string("the image is a single row or column: MPR and 3D need a 2D image per slice");
    }
    return std::nullopt;
}

} // namespace radmark::annotation
