#pragma once

#include "radmark/storage/project/InstanceRecord.h"

#include <string>
#include <vector>

namespace radmark::storage {

// The image of one slice of a series in RadMark's geometric order (sorted along the slice normal).
struct SliceImage {
    const InstanceRecord* instance = nullptr;
    int frameIndex = 0; // 0-based
};

// The images of a series by slice index, as the series loader orders them: single-frame images sorted by
// position along the normal of their orientation. Empty when the order cannot be known from the headers
// (multi-frame objects, missing positions or orientation).
std::vector<SliceImage> sliceImagesInGeometricOrder(const std::vector<InstanceRecord>& instances);

} // namespace radmark::storage
