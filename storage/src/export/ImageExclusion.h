#pragma once

#include "radmark/storage/InstanceRecord.h"

#include <string>

namespace radmark::storage {

// Why an image is left out of every export unless the user includes burned-in images explicitly:
// BurnedInAnnotation YES (identity or findings may be burned into the pixels), Secondary Capture SOP
// classes (single- and multi-frame) and screen captures (Modality SC, or SCREEN SHOT / SCREENSHOT in
// ImageType). Empty when the image may be exported.
// The DICOM branch defines the same rule as defaultExclusionReason() (DicomExportFormats.h); the
// framework calls only this function, so the two can be merged into one by replacing its body.
std::string exportExclusionReason(const InstanceRecord& instance);

}  // namespace radmark::storage
