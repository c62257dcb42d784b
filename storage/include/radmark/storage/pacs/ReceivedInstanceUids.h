#pragma once

#include <string>

namespace radmark::storage {

// The identity of a DICOM file received from a PACS, of any SOP class (images, SR documents, segmentations…):
// what places it in the cache as <study>/<series>/<instance>.dcm.
struct ReceivedInstanceUids {
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::string sopInstanceUid;
};

// Reads the three UIDs (the element stream is pre-scanned first, then DCMTK reads it with large values
// left on disk). Throws ProjectError naming the file when it is no readable DICOM file or lacks one of them.
ReceivedInstanceUids readReceivedInstanceUids(const std::string& filePath);

} // namespace radmark::storage
