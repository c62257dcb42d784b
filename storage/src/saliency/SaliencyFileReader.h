#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <memory>
#include <string>

namespace radmark::storage::saliency {

// A map file's values as Float32 on the file's own LPS geometry (first component, first 3D volume).
// NIfTI, NRRD, MetaImage and PNG through ITK; DICOM Parametric Maps and other DICOM images through
// DCMTK / the series loader. Throws ProjectError naming the file.
std::shared_ptr<annotation::ImageVolume> readSaliencyFile(const std::string& filePath);

bool isPngPath(const std::string& filePath);

} // namespace radmark::storage::saliency
