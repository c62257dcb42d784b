#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <memory>
#include <string>

namespace radmark::storage::saliency {

// Reads a PNG saliency map (grey or grey-as-RGB, 8 or 16 bits, any palette/alpha form) into Float32 on a
// 1 mm grid of one slice (the loader lays it on a series slice). libpng reports every damage (bad signature,
// IHDR, CRC, truncated or corrupt zlib data) through an error handler that returns here instead of aborting
// the process; the image size is checked against available memory before any allocation.
// Throws ProjectError("FILE: not a readable PNG file (REASON)").
std::shared_ptr<annotation::ImageVolume> readPngSaliencyMap(const std::string& filePath);

} // namespace radmark::storage::saliency
