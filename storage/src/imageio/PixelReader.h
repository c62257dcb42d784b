#pragma once

#include "imageio/DicomPixelHeader.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace radmark::storage::loading {

// Where frame n's raw bytes may be written directly (frameBytes of the layout), or nullptr.
using FrameTarget = std::function<void*(int frameIndex)>;
// Receives frame n: stored samples in host byte order as the layout says, or for colour files
// interleaved RGB, 8 bits per sample. `raw` is the direct target when one was given.
using FrameConsumer = std::function<void(int frameIndex, const void* raw)>;

// Reads and decodes every frame of a file whose header was read by readDicomHeader. `scratch` is
// reused between calls. Throws ProjectError naming the file when the pixels cannot be decoded.
void readFrames(const DicomFileHeader& header, std::vector<std::uint8_t>& scratch, const FrameTarget& target,
    const FrameConsumer& consume);

} // namespace radmark::storage::loading
