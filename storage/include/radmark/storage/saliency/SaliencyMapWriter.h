#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <string>

namespace radmark::storage {

// Writes a Float32 map on a regular grid as an uncompressed MetaImage (.mha, LPS like DICOM), the
// simplest file a model pipeline can produce that keeps the affine. Throws ProjectError.
void writeSaliencyMetaImage(const annotation::ImageVolume& map, const std::string& path);

// What a float DICOM map refers to.
struct SaliencyDicomReference {
    std::string studyInstanceUid;
    std::string seriesInstanceUid; // of the image series the map explains (Referenced Series Sequence)
    std::string frameOfReferenceUid;
    std::string patientId;
    std::string patientName;
};

// Writes a Float32 map as one multi-frame DICOM object in the Parametric Map layout: Float Pixel Data
// (7FE0,0008), shared Pixel Measures / Plane Orientation and per-frame Plane Position functional
// groups, and a Referenced Series Sequence naming the image series. It carries the modules the
// reader needs, not every module of a conformant Parametric Map IOD. Throws ProjectError.
void writeSaliencyFloatDicom(
    const annotation::ImageVolume& map, const SaliencyDicomReference& reference, const std::string& path);

} // namespace radmark::storage
