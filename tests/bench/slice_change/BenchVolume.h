#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <memory>

namespace radmark::bench {

// A 512x512xslices Int16 CT volume in HU filled from RadMark's phantom (0.4 mm pixels, 0.5 mm slices
// through the lesions), with the usual 400/40 source window.
std::shared_ptr<annotation::ImageVolume> makePhantomVolume(int slices);

} // namespace radmark::bench
