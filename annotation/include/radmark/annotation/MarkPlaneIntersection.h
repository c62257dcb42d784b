#pragma once

#include "radmark/annotation/ImageGeometry.h"
#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/MprPlane.h"

#include <vector>

namespace radmark::annotation {

// What of a lesion mark lies on an MPR plane, in the plane grid's continuous pixel coordinates
// (PlaneGrid::toPixel): one point where a segment crosses the plane, two for a segment (a mark lying
// in the plane, or the cut through a box), three or more for a closed outline (a box in the plane,
// the cut through a 3D box).
struct PlaneMarkShape {
    std::vector<PixelPoint> pointsPx;
    bool closed = false;
};

// The mark's geometry in patient space: RECIST axes and lines as segments, a 2D box as its outline
// on its slice, a 3D box as the solid from half a slice before its first slice to half a slice after
// its last. `seriesGeometry` places the slices of a 3D box.
struct MarkSolid {
    std::vector<PatientSegment> openSegments; // RECIST axes, line
    std::vector<Vector3> outlineLpsMm; // closed planar outline (2D box), empty otherwise
    std::vector<Vector3> boxCornersLpsMm; // 8 corners of a 3D box (bit 0: x2, bit 1: y2, bit 2: last slice)
};
MarkSolid markSolid(const LesionMark& mark, const ImageGeometry& seriesGeometry);

// Centre of the mark in LPS mm (midpoint of the long axis / line / box centre).
Vector3 markCentreLpsMm(const LesionMark& mark, const ImageGeometry& seriesGeometry);

// Parts of the mark that lie within `halfThicknessMm` of the plane are projected onto it; parts that
// cross it are cut. Nothing when the mark misses the plane.
std::vector<PlaneMarkShape> intersectMarkWithPlane(
    const LesionMark& mark, const ImageGeometry& seriesGeometry, const PlaneGrid& grid, double halfThicknessMm);

} // namespace radmark::annotation
