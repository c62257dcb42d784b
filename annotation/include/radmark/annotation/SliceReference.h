#pragma once

#include "radmark/annotation/ImageGeometry.h"
#include "radmark/annotation/PixelGeometry.h"
#include "radmark/annotation/Vector3.h"

#include <string>

namespace radmark::annotation {

// Which image a mark was drawn on. The series is identified by its UID; the image by its SOP
// Instance UID plus a 0-based frame index (0 for single-frame images; DICOM frame numbers are
// frameIndex + 1). sliceIndex is 0-based in the series' geometric sort order (the k of
// ImageGeometry), which is what the viewer shows; DeepLesion's 1-based Key_slice_index is
// sliceIndex + 1.
struct SliceReference {
    std::string seriesUid;
    std::string sopInstanceUid;
    int frameIndex = 0;
    int sliceIndex = 0;

    bool operator==(const SliceReference& other) const
    {
        return seriesUid == other.seriesUid && sopInstanceUid == other.sopInstanceUid && frameIndex == other.frameIndex
            && sliceIndex == other.sliceIndex;
    }
    bool operator!=(const SliceReference& other) const { return !(*this == other); }
};

// Where one slice lies in patient space: enough to turn pixel positions into LPS millimetres
// without the volume. Kept with every mark so lengths and LPS endpoints are pure functions of it.
struct SlicePlane {
    Vector3 originLpsMm; // centre of pixel (0, 0)
    Vector3 rowDirectionLps { 1.0, 0.0, 0.0 }; // unit step of increasing column
    Vector3 columnDirectionLps { 0.0, 1.0, 0.0 }; // unit step of increasing row
    PixelSpacing spacing;

    Vector3 toPatient(const PixelPoint& pointPx) const;

    // The plane of slice `sliceIndex` of a volume (its own origin, so tilt and uneven spacing hold).
    static SlicePlane fromGeometry(const ImageGeometry& geometry, int sliceIndex);
};

// Everything a tool needs to know about the slice it is working on.
struct SliceContext {
    SliceReference reference;
    SlicePlane plane;
    int columns = 0;
    int rows = 0;
    int sliceCount = 1; // slices in the series, bounds Box3d ranges
};

} // namespace radmark::annotation
