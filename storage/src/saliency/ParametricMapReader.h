#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <optional>
#include <string>

namespace radmark::storage::saliency {

// A DICOM object with Float Pixel Data (7FE0,0008) or Double Float Pixel Data (7FE0,0009), such as a
// Parametric Map: frames placed by the per-frame (or shared) Plane Position / Orientation and Pixel
// Measures, sorted along the slice normal. Empty when the file has no float pixel data (an ordinary
// image, read by the series loader instead). Throws ProjectError for a float object it cannot place.
std::optional<annotation::ImageVolume> readFloatDicom(const std::string& filePath);

} // namespace radmark::storage::saliency
