#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace radmark::storage {

class ProjectStore;

struct SrMarksImport {
    std::size_t marksImported = 0;
    std::size_t marksAlreadyPresent = 0; // imported before (same tracking UID): kept as they are, edits included
    std::vector<std::string> notImported; // "FILE: measurement group 'X': reason", one per thing not mapped
};

// Restores the measurements of TID 1500 SR documents as lesion marks on the project's images: Long Axis and
// Short Axis polylines of one group become a RECIST mark, other 2-point polylines lines, rectangular image
// regions 2D boxes (3D boxes when one group outlines the same rectangle on consecutive slices). Mark ids come
// from the Tracking Unique Identifier, so a RadMark SR gives back the original ids and importing twice adds
// nothing. The referenced images must already be in the project; what cannot be mapped is listed.
SrMarksImport importSrMeasurements(ProjectStore& project, const std::vector<std::string>& srPaths);

} // namespace radmark::storage
