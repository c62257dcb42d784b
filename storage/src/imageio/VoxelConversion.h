#pragma once

#include "imageio/DicomPixelHeader.h"

#include <cstddef>
#include <cstdint>

namespace radmark::storage::loading {

// How decoded frames become voxels, chosen once per series from the headers.
enum class ConversionMode {
    DirectInt16, // rescaled values are whole numbers that surely fit Int16
    DirectUInt16, // ... that surely fit UInt16
    Deferred16, // 16-bit samples whose rescaled range is only known after reading: keep the stored
                // value now (MONOCHROME1 already inverted), rescale in place afterwards
    Float32, // fractional rescale or 32-bit samples
    Rgb8, // colour: the decoder already produced interleaved RGB
};

struct ValueRange {
    double lowest = 0.0;
    double highest = 0.0;
};

// Smallest and largest stored value the layout allows (BitsStored, PixelRepresentation).
ValueRange storedValueRange(const PixelLayout& layout);

// Converts one frame: masks the unused high bits, sign-extends signed data at BitsStored, inverts
// MONOCHROME1 over the stored range (value' = lowest + highest - value, so it displays like
// MONOCHROME2), then applies the rescale (not in Deferred16). `destination` may equal `raw`.
// Returns the range of the values written (Rgb8: 0..255).
ValueRange convertFrame(const void* raw, const PixelLayout& layout, double rescaleSlope, double rescaleIntercept,
    ConversionMode mode, void* destination);

// Finishes a Deferred16 slice: rescales its stored values into Int16, UInt16 (both in place when
// destination == stored) or Float32.
void rescaleStoredSlice(const std::uint16_t* stored, std::size_t count, bool pixelSigned, double rescaleSlope,
    double rescaleIntercept, annotation::VoxelType target, void* destination);

} // namespace radmark::storage::loading
