#include "radmark/annotation/ImageGeometry.h"

#include <algorithm>
#include <cmath>

namespace radmark::annotation {

Vector3 ImageGeometry::sliceNormalLps() const
{
    return normalized(cross(rowDirectionLps, columnDirectionLps));
}

Vector3 ImageGeometry::stackDirectionLps() const
{
    if (sliceOriginsLpsMm.size() < 2) {
        return sliceNormalLps();
    }
    const Vector3 span = sliceOriginsLpsMm.back() - sliceOriginsLpsMm.front();
    if (length(span) == 0.0) {
        return sliceNormalLps();
    }
    return normalized(span);
}

std::size_t ImageGeometry::voxelCount() const
{
    if (columns <= 0 || rows <= 0 || slices <= 0) {
        return 0;
    }
    return static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows) * static_cast<std::size_t>(slices);
}

namespace {

// Origin of a fractional slice index: linear between neighbours, extrapolated past the ends.
Vector3 sliceOriginAt(const ImageGeometry& geometry, double k)
{
    const auto& origins = geometry.sliceOriginsLpsMm;
    if (origins.empty()) {
        return geometry.sliceNormalLps() * (k * geometry.sliceSpacingMm);
    }
    const double last = static_cast<double>(origins.size() - 1);
    if (origins.size() == 1 || k <= 0.0) {
        const Vector3 step
            = origins.size() == 1 ? geometry.sliceNormalLps() * geometry.sliceSpacingMm : origins[1] - origins[0];
        return origins.front() + step * k;
    }
    if (k >= last) {
        const Vector3 step = origins[origins.size() - 1] - origins[origins.size() - 2];
        return origins.back() + step * (k - last);
    }
    const auto lower = static_cast<std::size_t>(std::floor(k));
    const double fraction = k - static_cast<double>(lower);
    return origins[lower] + (origins[lower + 1] - origins[lower]) * fraction;
}

} // namespace

Vector3 ImageGeometry::voxelToPatient(const VoxelCoordinate& voxel) const
{
    return sliceOriginAt(*this, voxel.k) + rowDirectionLps * (voxel.i * columnSpacingMm)
        + columnDirectionLps * (voxel.j * rowSpacingMm);
}

VoxelCoordinate ImageGeometry::patientToVoxel(const Vector3& pointLpsMm) const
{
    const Vector3 normal = sliceNormalLps();
    const double pointHeight = dot(pointLpsMm, normal);

    double k = 0.0;
    const auto& origins = sliceOriginsLpsMm;
    if (origins.size() == 1) {
        k = (pointHeight - dot(origins[0], normal)) / (sliceSpacingMm > 0.0 ? sliceSpacingMm : 1.0);
    } else if (origins.size() >= 2) {
        // Heights along the normal are monotonic in k (either direction); find the bracketing pair.
        const std::size_t count = origins.size();
        std::size_t segment = count - 2;
        for (std::size_t index = 0; index + 1 < count; ++index) {
            const double low = dot(origins[index], normal);
            const double high = dot(origins[index + 1], normal);
            const double minimum = std::min(low, high);
            const double maximum = std::max(low, high);
            if (pointHeight >= minimum && pointHeight <= maximum) {
                segment = index;
                break;
            }
            if (index == 0 && ((low < high && pointHeight < low) || (low > high && pointHeight > low))) {
                segment = 0;
                break;
            }
        }
        const double low = dot(origins[segment], normal);
        const double high = dot(origins[segment + 1], normal);
        const double fraction = high != low ? (pointHeight - low) / (high - low) : 0.0;
        k = static_cast<double>(segment) + fraction;
    }

    const Vector3 inPlane = pointLpsMm - sliceOriginAt(*this, k);
    VoxelCoordinate voxel;
    voxel.i = dot(inPlane, rowDirectionLps) / columnSpacingMm;
    voxel.j = dot(inPlane, columnDirectionLps) / rowSpacingMm;
    voxel.k = k;
    return voxel;
}

ImageGeometry ImageGeometry::regular(int columns, int rows, int slices, double columnSpacingMm, double rowSpacingMm,
    const Vector3& originLpsMm, const Vector3& rowDirectionLps, const Vector3& columnDirectionLps,
    const Vector3& sliceStepLpsMm)
{
    ImageGeometry geometry;
    geometry.columns = columns;
    geometry.rows = rows;
    geometry.slices = slices;
    geometry.columnSpacingMm = columnSpacingMm;
    geometry.rowSpacingMm = rowSpacingMm;
    geometry.rowDirectionLps = normalized(rowDirectionLps);
    geometry.columnDirectionLps = normalized(columnDirectionLps);
    const double stepLength = length(sliceStepLpsMm);
    geometry.sliceSpacingMm = stepLength > 0.0 ? stepLength : 1.0;
    geometry.sliceOriginsLpsMm.reserve(static_cast<std::size_t>(std::max(slices, 0)));
    for (int k = 0; k < slices; ++k) {
        geometry.sliceOriginsLpsMm.push_back(originLpsMm + sliceStepLpsMm * static_cast<double>(k));
    }
    return geometry;
}

} // namespace radmark::annotation
