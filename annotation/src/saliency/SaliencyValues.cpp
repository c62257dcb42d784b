#include "radmark/annotation/saliency/SaliencyValues.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace radmark::annotation {

std::vector<std::string> SaliencyValueSummary::warnings() const
{
    std::vector<std::string> sentences;
    if (nonFiniteCount > 0) {
        sentences.push_back(std::to_string(nonFiniteCount) + " voxels are NaN or infinite (shown and counted as 0)");
    }
    if (isAllZero()) {
        sentences.push_back("the map is zero everywhere (nothing to show)");
    } else if (isSigned()) {
        char text[160];
        std::snprintf(text, sizeof(text),
            "the map has negative values (%.4g to %.4g): shown with a diverging colour map", minimum, maximum);
        sentences.emplace_back(text);
    }
    return sentences;
}

namespace {

bool isFinite(float value)
{
    // NaN fails every comparison, so |v| <= max is false exactly for NaN and infinities.
    return std::fabs(value) <= std::numeric_limits<float>::max();
}

// Sets NaN and infinities to 0 (only those: a finite voxel is never written).
void zeroNonFinite(float* values, std::size_t count)
{
    for (std::size_t n = 0; n < count; ++n) {
        if (!isFinite(values[n])) {
            values[n] = 0.0f;
        }
    }
}

} // namespace

SaliencyValueSummary summarizeSaliencyValues(const float* values, std::size_t count)
{
    SaliencyValueSummary summary;
    if (count == 0) {
        return summary;
    }
    float lowest = std::numeric_limits<float>::max();
    float highest = std::numeric_limits<float>::lowest();
    std::size_t nonFinite = 0;
    std::size_t negative = 0;
    std::size_t nonZero = 0;
    for (std::size_t n = 0; n < count; ++n) {
        const float raw = values[n];
        const bool finite = isFinite(raw);
        const float value = finite ? raw : 0.0f;
        nonFinite += finite ? 0 : 1;
        negative += value < 0.0f ? 1 : 0;
        nonZero += value != 0.0f ? 1 : 0;
        lowest = std::min(lowest, value);
        highest = std::max(highest, value);
    }
    summary.nonFiniteCount = nonFinite;
    summary.negativeCount = negative;
    summary.nonZeroCount = nonZero;
    summary.minimum = lowest;
    summary.maximum = highest;
    return summary;
}

SaliencyValueSummary sanitizeSaliencyValues(ImageVolume& map)
{
    if (map.voxelType() != VoxelType::Float32 || map.voxelCount() == 0) {
        return {};
    }
    auto* values = static_cast<float*>(map.data());
    const SaliencyValueSummary summary = summarizeSaliencyValues(values, map.voxelCount());
    if (summary.nonFiniteCount > 0) {
        zeroNonFinite(values, map.voxelCount());
    }
    map.setKnownValueRange(summary.minimum, summary.maximum);
    return summary;
}

SaliencyValueSummary sanitizeSaliencySlice(ImageVolume& map, int k)
{
    if (map.voxelType() != VoxelType::Float32 || k < 0 || k >= map.geometry().slices) {
        return {};
    }
    auto* values = static_cast<float*>(map.sliceData(k));
    const std::size_t count = map.sliceByteCount() / sizeof(float);
    const SaliencyValueSummary summary = summarizeSaliencyValues(values, count);
    if (summary.nonFiniteCount > 0) {
        zeroNonFinite(values, count);
    }
    return summary;
}

namespace {
constexpr std::size_t kHistogramBins = 65536;
}

SaliencyMagnitudeHistogram::SaliencyMagnitudeHistogram(const ImageVolume& map)
{
    if (map.voxelType() != VoxelType::Float32) {
        return;
    }
    const auto* values = static_cast<const float*>(map.data());
    const std::size_t count = map.voxelCount();
    for (std::size_t n = 0; n < count; ++n) {
        const double magnitude = std::fabs(static_cast<double>(values[n]));
        if (std::isfinite(magnitude)) {
            m_largest = std::max(m_largest, magnitude);
        }
    }
    if (m_largest <= 0.0) {
        return;
    }
    m_bins.assign(kHistogramBins, 0);
    const double scale = static_cast<double>(kHistogramBins) / m_largest;
    for (std::size_t n = 0; n < count; ++n) {
        const double magnitude = std::fabs(static_cast<double>(values[n]));
        if (magnitude > 0.0 && std::isfinite(magnitude)) {
            const auto bin = std::min(static_cast<std::size_t>(magnitude * scale), kHistogramBins - 1);
            ++m_bins[bin];
            ++m_count;
        }
    }
}

double SaliencyMagnitudeHistogram::percentile(double percent) const
{
    if (m_count == 0) {
        return 0.0;
    }
    const double clamped = std::clamp(percent, 0.0, 100.0);
    std::size_t rank = static_cast<std::size_t>(std::ceil(clamped / 100.0 * static_cast<double>(m_count)));
    rank = std::clamp<std::size_t>(rank, 1, m_count);
    std::size_t seen = 0;
    for (std::size_t bin = 0; bin < m_bins.size(); ++bin) {
        seen += m_bins[bin];
        if (seen >= rank) {
            return m_largest * static_cast<double>(bin + 1) / static_cast<double>(kHistogramBins);
        }
    }
    return m_largest;
}

} // namespace radmark::annotation
