#pragma once

#include "radmark/storage/dataset/ExportFormat.h"

#include <memory>
#include <string>

namespace radmark::storage {

// `dicom-sr`: one DICOM Comprehensive SR (TID 1500 Imaging Measurement Report) per annotated series.
std::unique_ptr<ExportFormat> makeDicomSrFormat();
// `dicom`: de-identified copies of the images of the exported studies.
std::unique_ptr<ExportFormat> makeDeidentifiedDicomFormat();

// Why an image is left out of every export by default (BurnedInAnnotation YES, secondary capture,
// screen capture); empty when it is not.
std::string defaultExclusionReason(const InstanceRecord& instance);

} // namespace radmark::storage
