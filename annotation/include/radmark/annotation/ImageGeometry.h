#pragma once

#include "radmark/annotation/Vector3.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace radmark::annotation {

// Continuous voxel coordinates: (0, 0, 0) is the centre of the first voxel; i counts columns,
// j rows, k slices (in the volume's sorted slice order).
struct VoxelCoordinate {
    double i = 0.0;
    double j = 0.0;
    double k = 0.0;
};

// Where a voxel grid sits in the DICOM patient coordinate system (LPS, millimetres).
//
// Each slice keeps its own origin, so volumes with uneven slice spacing or gantry tilt are
// placed exactly where the scanner said their slices are, not on an idealised regular grid.
struct ImageGeometry {
    int columns = 0; // voxels along i
    int rows = 0; // voxels along j
    int slices = 0; // voxels along k

    double columnSpacingMm = 1.0; // distance between the centres of adjacent columns (DICOM PixelSpacing[1])
    double rowSpacingMm = 1.0; // distance between the centres of adjacent rows (DICOM PixelSpacing[0])
    bool pixelSpacingKnown = true; // false when the source had no spacing and 1 mm was assumed

    Vector3 rowDirectionLps { 1.0, 0.0, 0.0 }; // unit step of increasing i (ImageOrientationPatient[0..2])
    Vector3 columnDirectionLps { 0.0, 1.0, 0.0 }; // unit step of increasing j (ImageOrientationPatient[3..5])

    // Centre of voxel (0, 0, k) in LPS mm, one entry per slice, in k order.
    std::vector<Vector3> sliceOriginsLpsMm;

    // Nominal distance between slices along the stacking direction; for a single slice, the slice
    // thickness (or 1 mm when unknown).
    double sliceSpacingMm = 1.0;

    // row x column: the normal of every slice plane.
    Vector3 sliceNormalLps() const;

    // Unit direction from the first slice origin to the last; equals the normal unless the stack is
    // tilted (gantry tilt) or stored in the opposite order. Falls back to the normal for one slice.
    Vector3 stackDirectionLps() const;

    std::size_t voxelCount() const;

    // LPS position of a continuous voxel coordinate; fractional k interpolates between the two
    // nearest slice origins, k outside [0, slices-1] extrapolates with the nominal spacing.
    Vector3 voxelToPatient(const VoxelCoordinate& voxel) const;

    // Inverse of voxelToPatient. k is found by the point's distance along the slice normal among
    // the slice planes; i and j by the in-plane offset from that (interpolated) slice origin.
    VoxelCoordinate patientToVoxel(const Vector3& pointLpsMm) const;

    // A regular grid: `origin` is the centre of voxel (0,0,0), `sliceStep` the vector between
    // adjacent slice origins (its length becomes sliceSpacingMm).
    static ImageGeometry regular(int columns, int rows, int slices, double columnSpacingMm, double rowSpacingMm,
        const Vector3& originLpsMm, const Vector3& rowDirectionLps, const Vector3& columnDirectionLps,
        const Vector3& sliceStepLpsMm);
};

} // namespace radmark::annotation
