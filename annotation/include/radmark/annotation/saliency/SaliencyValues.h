#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <cstddef>
#include <string>
#include <vector>

namespace radmark::annotation {

// What the values of a saliency map (Float32, on the series grid) are like, after making them usable.
struct SaliencyValueSummary {
    std::size_t nonFiniteCount = 0; // NaN or infinite voxels, set to 0 by sanitizeSaliencyValues
    std::size_t negativeCount = 0;
    std::size_t nonZeroCount = 0;
    double minimum = 0.0;
    double maximum = 0.0;
    bool isSigned() const { return negativeCount > 0; }
    bool isAllZero() const { return nonZeroCount == 0; }
    // Sentences for the user about what is unusual (NaN/Inf replaced, all zero, signed values).
    std::vector<std::string> warnings() const;
};

// Replaces NaN and infinite values of a Float32 volume by 0 and summarises the values (and caches the range).
SaliencyValueSummary sanitizeSaliencyValues(ImageVolume& map);

// Summarises `count` values without changing them: NaN/Inf are counted and taken as 0 for the other counts and the
// range, as sanitizeSaliencyValues would leave them. Read only, so it may run while the values are shown.
SaliencyValueSummary summarizeSaliencyValues(const float* values, std::size_t count);

// Replaces NaN and infinite values of slice k (0-based) of a Float32 volume by 0 and summarises that slice only
// (the volume's cached range is left alone). An empty summary for another voxel type or a slice outside the volume.
SaliencyValueSummary sanitizeSaliencySlice(ImageVolume& map, int k);

// Percentiles of the magnitudes |v| of a map's non-zero values, from a histogram of 65,536 equal bins
// between 0 and the largest magnitude, built once (one pass), so that a threshold given as a
// percentile can follow a slider. A percentile is the upper edge of the bin holding that rank
// (nearest rank), so it is exact to 1/65,536 of the largest magnitude.
class SaliencyMagnitudeHistogram {
public:
    SaliencyMagnitudeHistogram() = default;
    explicit SaliencyMagnitudeHistogram(const ImageVolume& map);
    double percentile(double percent) const; // 0 for an all-zero map
    double largestMagnitude() const { return m_largest; }
    std::size_t nonZeroCount() const { return m_count; }

private:
    std::vector<std::size_t> m_bins;
    double m_largest = 0.0;
    std::size_t m_count = 0;
};

} // namespace radmark::annotation
