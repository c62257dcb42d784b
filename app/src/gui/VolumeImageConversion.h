#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <QImage>

namespace radmark::app {

// Slice k of a volume as an 8-bit image through a window (RGB volumes keep their colours), scaled
// to fit `maximumSizePx` with the physical pixel aspect kept, in the slice view's radiological display
// orientation (annotation::radiologicalDisplayOrientation). For thumbnails and previews.
QImage sliceToImage(
    const annotation::ImageVolume& volume, int k, const annotation::WindowLevel& window, int maximumSizePx);

} // namespace radmark::app
