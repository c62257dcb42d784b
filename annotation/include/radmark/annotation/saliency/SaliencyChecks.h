#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/annotation/LesionMark.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace radmark::annotation {

// Numbers that tell a reviewer whether a saliency map points at the lesion or at a shortcut.
// Mass is the sum of the map's positive values (negative values are evidence against a class and
// carry no mass). Fractions are of the total mass unless said otherwise, in [0, 1], and absent when the
// mass is 0.
struct SaliencyChecks {
    double totalMass = 0.0;
    double peakValue = 0.0;
    int peakI = 0, peakJ = 0, peakK = 0; // voxel of the largest value (first in memory order on ties)
    // Inside the regions of the series' lesion marks, as a fraction of the mass on the slices that carry
    // a mark (a RECIST or 2D box marks one slice of a 3D map); absent when the series has no marks.
    std::optional<double> massInsideMarksFraction;
    // Pointing game: is the peak voxel inside a mark region; absent when the series has no marks.
    std::optional<bool> peakInsideMark;
    // Outside the body mask (see SaliencyCheckOptions).
    std::optional<double> massOutsideBodyFraction;
    // On bright structures outside the body (burned-in text, markers, the table) or in the corners.
    std::optional<double> massOnTextOrCornersFraction;
};

struct SaliencyCheckOptions {
    // The body is, per slice, the largest 4-connected region of voxels above this value, with its
    // holes (lungs, bowel gas) filled. Absent: -500 for images in HU, otherwise 10 % of the way
    // from the image's smallest to its largest value.
    std::optional<double> bodyThreshold;
    // Each corner region is this fraction of the columns by this fraction of the rows.
    double cornerFraction = 0.125;
};

// The region of a mark on the voxel grid, in continuous pixel coordinates: voxel (i, j, k) is inside
// when x1 <= i <= x2, y1 <= j <= y2 and first <= k <= last. RECIST measurements and lines use the
// DeepLesion box (endpoints padded by 5 pixels), boxes their own extent.
struct MarkRegion {
    PixelBox boxPx;
    int firstSliceIndex = 0;
    int lastSliceIndex = 0;
};
MarkRegion markRegion(const LesionMark& mark);

// Body mask of one slice of `image` (1 = body), columns x rows, i fastest.
std::vector<std::uint8_t> bodyMaskOfSlice(const ImageVolume& image, int k, double threshold);
double defaultBodyThreshold(const ImageVolume& image);

// `map` is Float32 on the grid of `image` (see resampleOntoGrid); `marks` are those of the image's
// series (others are not filtered here).
SaliencyChecks computeSaliencyChecks(const ImageVolume& image, const ImageVolume& map,
    const std::vector<LesionMark>& marks, const SaliencyCheckOptions& options = SaliencyCheckOptions {});

// One number to sort the worst maps first: the largest of the mass outside the body, the mass on
// text or corners and, when marks exist, the mass outside the marks; absent without mass.
std::optional<double> saliencyConcern(const SaliencyChecks& checks);

} // namespace radmark::annotation
