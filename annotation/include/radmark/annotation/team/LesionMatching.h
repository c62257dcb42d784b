#pragma once

#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/PixelGeometry.h"

#include <cstddef>
#include <string>
#include <vector>

namespace radmark::annotation {

// Matching the lesion marks of two readers of the same study. Pure, standard library only.

constexpr double kDefaultLesionMatchIou = 0.3;

// Where a mark lies in its series: its box in image pixels and its slices (sorted order, inclusive).
// RECIST: the box of its four end points; line: the box of its end points (at least 1 px wide and high);
// 2D box: the box on its slice; 3D box: the box over its slice range.
struct LesionFootprint {
    std::string seriesUid;
    PixelBox boxPx;
    int firstSliceIndex = 0;
    int lastSliceIndex = 0;
};
LesionFootprint lesionFootprint(const LesionMark& mark);

// Intersection over union of two boxes (corners in any order); 0 when either has no area.
double boxIou(const PixelBox& a, const PixelBox& b);

// True when the marks may be the same lesion: same series, slice ranges at most one slice apart
// (same or adjacent slice) and box IoU >= minIou.
bool lesionsOverlap(const LesionFootprint& a, const LesionFootprint& b, double minIou);

// Result by index into the two input lists.
struct LesionMatching {
    struct Pair {
        std::size_t first = 0;
        std::size_t second = 0;
        double iou = 0.0;
    };
    std::vector<Pair> matched; // ordered by `first`
    std::vector<std::size_t> onlyFirst; // ascending
    std::vector<std::size_t> onlySecond; // ascending
};

// One-to-one matching: every overlapping pair is a candidate; candidates are taken greedily by IoU
// (highest first; ties: nearer slices, then lower indices), each mark used once.
LesionMatching matchLesions(const std::vector<LesionMark>& first, const std::vector<LesionMark>& second,
    double minIou = kDefaultLesionMatchIou);

// Proportion of specific positive agreement on lesions: 2 matched / (2 matched + only first + only second);
// NaN when neither reader marked anything.
double lesionDetectionAgreement(std::size_t matched, std::size_t onlyFirst, std::size_t onlySecond);

} // namespace radmark::annotation
