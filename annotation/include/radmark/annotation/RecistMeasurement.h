#pragma once

#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/PixelGeometry.h"
#include "radmark/annotation/SliceReference.h"

#include <optional>
#include <string>

namespace radmark::annotation {

// DeepLesion's box rule: min/max of the four RECIST endpoints, padded by this on every side.
constexpr double kDeepLesionBoxPaddingPx = 5.0;

// How far from 90 degrees (in mm space) the axes of a RECIST mark may be before makeRecist
// reports them as not perpendicular. Hand-drawn DeepLesion bookmarks are off by up to ~10.5
// degrees (see DeepLesionTest), so this is a report, never a rejection.
constexpr double kRecistPerpendicularToleranceDegrees = 3.0;

// Euclidean length in pixels (DeepLesion's Lesion_diameters_Pixel_).
double lengthPx(const PixelSegment& segment);

// Physical length: sqrt((dColumn * columnMm)^2 + (dRow * rowMm)^2).
double lengthMm(const PixelSegment& segment, const PixelSpacing& spacing);

// Angle between the two lines in mm space, in [0, 90] degrees (0 for a zero-length segment).
double angleBetweenDegrees(const PixelSegment& a, const PixelSegment& b, const PixelSpacing& spacing);

// True when the two segments intersect (touching counts).
bool segmentsCross(const PixelSegment& a, const PixelSegment& b);

struct RecistLengthsMm {
    double longAxisMm = 0.0;
    double shortAxisMm = 0.0;
};

RecistLengthsMm recistLengthsMm(const RecistMark& recist, const PixelSpacing& spacing);

// The outcome of makeRecist: a mark, or why there is none, plus the findings a command-line
// checker reports about hand-drawn input.
struct RecistCheck {
    std::optional<RecistMark> mark; // empty when rejected
    std::string error; // why it was rejected
    bool axesSwapped = false; // the axis given as short was the longer one (in mm)
    double angleDegrees = 0.0; // between the axes in mm space, in [0, 90]
    bool perpendicular = false; // |90 - angleDegrees| <= tolerance
    bool axesCross = false; // the short axis intersects the long axis
};

// Builds a RECIST mark from two segments drawn on the slice of `plane`: rejects zero-length axes,
// swaps them when the second is longer in mm (a tie keeps the given order), fills the LPS
// segments, and reports perpendicularity and crossing without changing the points.
RecistCheck makeRecist(const PixelSegment& longAxisPx, const PixelSegment& shortAxisPx, const SlicePlane& plane,
    double perpendicularToleranceDegrees = kRecistPerpendicularToleranceDegrees);

// DeepLesion's Bounding_boxes from Measurement_coordinates: exact, no clamping to the image.
PixelBox deepLesionBox(const PixelSegment& longAxisPx, const PixelSegment& shortAxisPx);
PixelBox deepLesionBox(const RecistMark& recist);

} // namespace radmark::annotation
