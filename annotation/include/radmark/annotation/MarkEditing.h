#pragma once

#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/PixelGeometry.h"

#include <optional>
#include <vector>

namespace radmark::annotation {

// Handles are numbered per shape, in this order:
//   RECIST   0 long-axis start, 1 long-axis end, 2 short-axis start, 3 short-axis end
//   line     0 start, 1 end
//   boxes    0 (x1, y1), 1 (x2, y1), 2 (x2, y2), 3 (x1, y2)
enum class RecistHandle { LongStart = 0, LongEnd = 1, ShortStart = 2, ShortEnd = 3 };

std::vector<PixelPoint> handlePositionsPx(const MarkShape& shape);

// Result of dragging a handle. handleIndex is the index of the dragged point afterwards: it
// changes when RECIST axes swap roles or a box corner is dragged past the opposite edge, and the
// caller keeps dragging that index.
struct HandleMove {
    MarkShape shape;
    int handleIndex = -1;
};

// Moves one handle to `targetPx`. Empty when the index is out of range or the result would be
// degenerate (a zero-length axis or line, a box of zero width or height). RECIST rules, worked in
// mm space so that perpendicularity is physical on anisotropic pixels:
//  - a long-axis endpoint: the other endpoint stays; the short axis keeps its fractional position
//    along the long axis and its two signed half-lengths, and stays perpendicular;
//  - a short-axis endpoint: only its distance from the long axis changes (the pointer projected
//    onto the perpendicular); it cannot cross to the other endpoint's side of the long axis;
//  - afterwards, when the short axis is longer than the long one, the axes swap roles.
// The first edit of a hand-drawn, not quite perpendicular mark snaps its short axis perpendicular.
// RECIST LPS segments are not touched here: see refreshPatientCoordinates / LesionMark helpers.
std::optional<HandleMove> moveHandle(
    const MarkShape& shape, int handleIndex, const PixelPoint& targetPx, const PixelSpacing& spacing);

// Translates every point of the shape (a Box3d keeps its slice range).
MarkShape translateShape(const MarkShape& shape, const PixelOffset& offsetPx);

// The same operations on a whole mark, with the RECIST LPS segments refreshed.
std::optional<LesionMark> withHandleMoved(
    const LesionMark& mark, int handleIndex, const PixelPoint& targetPx, int* newHandleIndex = nullptr);
LesionMark withTranslation(const LesionMark& mark, const PixelOffset& offsetPx);

} // namespace radmark::annotation
