#pragma once

#include "radmark/annotation/Vector3.h"

#include <cstddef>
#include <string>
#include <vector>

namespace radmark::annotation {

// One image plane as the file describes it (DICOM ImagePositionPatient / ImageOrientationPatient).
struct SlicePlacement {
    Vector3 positionLpsMm; // centre of the first transmitted pixel
    Vector3 rowDirectionLps; // ImageOrientationPatient[0..2]
    Vector3 columnDirectionLps; // ImageOrientationPatient[3..5]
};

// What the positions of a stack of slices say about its geometry.
struct SliceStackReport {
    // Indices into the input, ordered by position along the slice normal, ascending.
    std::vector<std::size_t> sortedOrder;
    // Distances along the normal between consecutive sorted slices.
    std::vector<double> gapsMm;
    double medianGapMm = 0.0;
    double minimumGapMm = 0.0;
    double maximumGapMm = 0.0;
    bool unevenSpacing = false; // some gap differs from the median by more than the tolerance
    int estimatedMissingSlices = 0; // gaps that are whole multiples (>= 2) of the median
    double gantryTiltDegrees = 0.0; // angle between the stacking direction and the slice normal
    bool mixedOrientations = false; // not all slices share one orientation
    std::vector<std::size_t> duplicatePositions; // input indices that repeat an earlier slice's position

    // Sentences for the user, empty when the stack is regular.
    std::vector<std::string> warnings() const;
};

// Tolerances in mm / degrees for calling spacing uneven or orientations different.
struct SliceStackTolerance {
    double gapMm = 0.01;
    double relativeGap = 0.05;
    double orientationDegrees = 0.1;
    double tiltDegrees = 0.1;
};

// Sorts by position along the normal of the first slice (never by instance number or file name)
// and measures spacing, gaps, tilt and duplicates.
SliceStackReport analyzeSliceStack(
    const std::vector<SlicePlacement>& slices, const SliceStackTolerance& tolerance = SliceStackTolerance {});

} // namespace radmark::annotation
