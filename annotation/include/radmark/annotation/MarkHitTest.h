#pragma once

#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/PixelGeometry.h"

#include <string>
#include <vector>

namespace radmark::annotation {

enum class HitKind { None, Handle, Body };

struct MarkHit {
    HitKind kind = HitKind::None;
    MarkId markId;
    int handleIndex = -1; // for HitKind::Handle, numbered as in MarkEditing.h
    double distancePx = 0.0; // from the pointer to the handle or body
};

// What lies under the pointer on one slice. The tolerance is in image pixels (the caller converts
// its screen tolerance with the current zoom). Handles win over bodies; among equals the nearest
// wins, then the mark listed last (drawn on top). Bodies are the segments of RECIST marks and
// lines, and the inside and outline of boxes.
MarkHit hitTestMarks(const std::vector<LesionMark>& marks, const std::string& seriesUid, int sliceIndex,
    const PixelPoint& pointPx, double tolerancePx);

// Distance from a point to a segment, in pixels.
double distanceToSegmentPx(const PixelPoint& pointPx, const PixelSegment& segmentPx);

} // namespace radmark::annotation
