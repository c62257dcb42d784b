#include "imageio/VoxelConversion.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

// The conversion loops run over every voxel of a series; -O2's very cheap vectorizer cost model leaves
// them scalar (they need a remainder loop), so these functions ask for the full one. GCC only: clang
// vectorizes them at -O2 by itself and does not know the pragma.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize", "vect-cost-model=dynamic")
#endif

namespace radmark::storage::loading {

namespace {

// value = a + b * stored', where stored' = ((raw >> shift) & mask) sign-extended; MONOCHROME1
// inversion and an integer rescale are folded into a and b.
template <typename Wide> struct IntegerPlan {
    unsigned shift = 0;
    Wide mask = 0;
    Wide signBit = 0;
    Wide a = 0;
    Wide b = 1;
};

// Specialised on the common cases (no multiply, no range wanted) so that the loop stays a few vector
// instructions per voxel.
template <bool UnitSlope, bool TrackRange, typename Source, typename Target, typename Wide>
ValueRange integerLoopFor(const Source* raw, Target* destination, std::size_t count, const IntegerPlan<Wide>& plan)
{
    const unsigned shift = plan.shift;
    const Wide mask = plan.mask;
    const Wide signBit = plan.signBit;
    const Wide a = plan.a;
    const Wide b = plan.b;
    Wide lowest = std::numeric_limits<Wide>::max();
    Wide highest = std::numeric_limits<Wide>::lowest();
    for (std::size_t n = 0; n < count; ++n) {
        Wide value = (static_cast<Wide>(raw[n] >> shift) & mask);
        value = (value ^ signBit) - signBit;
        value = UnitSlope ? a + value : a + b * value;
        if (TrackRange) {
            lowest = value < lowest ? value : lowest;
            highest = value > highest ? value : highest;
        }
        destination[n] = static_cast<Target>(value);
    }
    return { static_cast<double>(lowest), static_cast<double>(highest) };
}

template <typename Source, typename Target, typename Wide>
ValueRange integerLoop(
    const Source* raw, Target* destination, std::size_t count, const IntegerPlan<Wide>& plan, bool trackRange)
{
    if (trackRange) {
        return plan.b == 1 ? integerLoopFor<true, true>(raw, destination, count, plan)
                           : integerLoopFor<false, true>(raw, destination, count, plan);
    }
    return plan.b == 1 ? integerLoopFor<true, false>(raw, destination, count, plan)
                       : integerLoopFor<false, false>(raw, destination, count, plan);
}

template <typename Source, typename Wide>
ValueRange floatLoop(const Source* raw, float* destination, std::size_t count, const IntegerPlan<Wide>& plan,
    double slope, double intercept)
{
    float lowest = std::numeric_limits<float>::max();
    float highest = std::numeric_limits<float>::lowest();
    for (std::size_t n = 0; n < count; ++n) {
        Wide stored = static_cast<Wide>(raw[n] >> plan.shift) & plan.mask;
        stored = plan.a + plan.b * ((stored ^ plan.signBit) - plan.signBit);
        const auto value = static_cast<float>(intercept + slope * static_cast<double>(stored));
        lowest = value < lowest ? value : lowest;
        highest = value > highest ? value : highest;
        destination[n] = value;
    }
    return { lowest, highest };
}

template <typename Source, typename Wide>
ValueRange convertSamples(const Source* raw, std::size_t count, const PixelLayout& layout, double slope,
    double intercept, ConversionMode mode, void* destination)
{
    const ValueRange stored = storedValueRange(layout);
    IntegerPlan<Wide> plan;
    plan.shift = static_cast<unsigned>(layout.highBit + 1 - layout.bitsStored);
    plan.mask
        = layout.bitsStored >= 32 ? static_cast<Wide>(0xFFFFFFFFu) : (static_cast<Wide>(1) << layout.bitsStored) - 1;
    plan.signBit = layout.pixelSigned ? static_cast<Wide>(1) << (layout.bitsStored - 1) : 0;
    const Wide flipOffset = layout.isMonochrome1() ? static_cast<Wide>(stored.lowest + stored.highest) : 0;
    const Wide flipSign = layout.isMonochrome1() ? -1 : 1;
    if (mode == ConversionMode::Float32 || mode == ConversionMode::Deferred16) {
        plan.a = flipOffset;
        plan.b = flipSign;
        if (mode == ConversionMode::Deferred16) {
            return integerLoop(raw, static_cast<std::uint16_t*>(destination), count, plan, true);
        }
        return floatLoop(raw, static_cast<float*>(destination), count, plan, slope, intercept);
    }
    const auto integerSlope = static_cast<Wide>(std::llround(slope));
    const auto integerIntercept = static_cast<Wide>(std::llround(intercept));
    plan.a = integerSlope * flipOffset + integerIntercept;
    plan.b = integerSlope * flipSign;
    // The range comes almost free here (the values are in registers): the loader gives it to the volume, so that
    // nobody needs a pass over the whole series for it later (on the GUI thread, at every series switch).
    if (mode == ConversionMode::DirectInt16) {
        return integerLoop(raw, static_cast<std::int16_t*>(destination), count, plan, true);
    }
    return integerLoop(raw, static_cast<std::uint16_t*>(destination), count, plan, true);
}

} // namespace

ValueRange storedValueRange(const PixelLayout& layout)
{
    const double levels = std::ldexp(1.0, layout.bitsStored);
    if (layout.pixelSigned) {
        return { -levels / 2.0, levels / 2.0 - 1.0 };
    }
    return { 0.0, levels - 1.0 };
}

ValueRange convertFrame(const void* raw, const PixelLayout& layout, double rescaleSlope, double rescaleIntercept,
    ConversionMode mode, void* destination)
{
    const std::size_t pixels = static_cast<std::size_t>(layout.rows) * static_cast<std::size_t>(layout.columns);
    if (mode == ConversionMode::Rgb8) {
        if (raw != destination) {
            std::memcpy(destination, raw, pixels * 3);
        }
        return { 0.0, 255.0 };
    }
    switch (layout.bitsAllocated) {
    case 8:
        return convertSamples<std::uint8_t, std::int32_t>(
            static_cast<const std::uint8_t*>(raw), pixels, layout, rescaleSlope, rescaleIntercept, mode, destination);
    case 16:
        return convertSamples<std::uint16_t, std::int32_t>(
            static_cast<const std::uint16_t*>(raw), pixels, layout, rescaleSlope, rescaleIntercept, mode, destination);
    default:
        return convertSamples<std::uint32_t, std::int64_t>(
            static_cast<const std::uint32_t*>(raw), pixels, layout, rescaleSlope, rescaleIntercept, mode, destination);
    }
}

void rescaleStoredSlice(const std::uint16_t* stored, std::size_t count, bool pixelSigned, double rescaleSlope,
    double rescaleIntercept, annotation::VoxelType target, void* destination)
{
    const auto storedAt = [&](std::size_t n) -> double {
        return pixelSigned ? static_cast<double>(static_cast<std::int16_t>(stored[n])) : static_cast<double>(stored[n]);
    };
    switch (target) {
    case annotation::VoxelType::Int16: {
        auto* out = static_cast<std::int16_t*>(destination);
        for (std::size_t n = 0; n < count; ++n) {
            out[n] = static_cast<std::int16_t>(std::lround(rescaleIntercept + rescaleSlope * storedAt(n)));
        }
        break;
    }
    case annotation::VoxelType::UInt16: {
        auto* out = static_cast<std::uint16_t*>(destination);
        for (std::size_t n = 0; n < count; ++n) {
            out[n] = static_cast<std::uint16_t>(std::lround(rescaleIntercept + rescaleSlope * storedAt(n)));
        }
        break;
    }
    default: {
        auto* out = static_cast<float*>(destination);
        for (std::size_t n = 0; n < count; ++n) {
            out[n] = static_cast<float>(rescaleIntercept + rescaleSlope * storedAt(n));
        }
        break;
    }
    }
}

} // namespace radmark::storage::loading
