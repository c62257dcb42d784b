#pragma once

#include "PixelDisplayMapping.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/AnnotationTool.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace radmark::viewer {

// Everything the annotation layer of a slice view shows, besides the view itself.
struct MarkOverlayState {
    const annotation::AnnotationDocument* document = nullptr; // may be null: no marks
    std::string seriesUid;
    int sliceIndex = 0;
    annotation::MarkId selectedMarkId; // empty: none
    annotation::MarkId hoveredMarkId; // empty: none
    annotation::ToolDraft draft;
    annotation::PixelSpacing draftSpacing; // of the shown slice, for the draft's lengths
    // Comparing readers (adjudication): marks of these authors are drawn in the author's colour with the
    // author's name beside them; empty: colours by shape.
    std::vector<std::pair<std::string, std::array<double, 3>>> authorColors;
};

struct OverlayColor {
    double red = 1.0;
    double green = 1.0;
    double blue = 1.0;

    bool operator==(const OverlayColor& other) const
    {
        return red == other.red && green == other.green && blue == other.blue;
    }
};

enum class LineWeight { Faint, Normal, Bold };

// Display positions: device pixels, origin at the top-left of the viewport (as SliceRenderer's).
struct DrawSegment {
    double x0 = 0.0;
    double y0 = 0.0;
    double x1 = 0.0;
    double y1 = 0.0;
    OverlayColor color;
    LineWeight weight = LineWeight::Normal;
};

struct DrawSquare {
    double centerX = 0.0;
    double centerY = 0.0;
    double sizePx = 0.0;
    OverlayColor color;
};

struct DrawLabel {
    std::string text;
    double x = 0.0; // left end of the text's baseline region
    double y = 0.0; // vertical centre of the text
    OverlayColor color;
};

// Painter's order: segments, then squares, then labels; each list in drawing order.
struct MarkDrawList {
    std::vector<DrawSegment> segments;
    std::vector<DrawSquare> squares;
    std::vector<DrawLabel> labels;
    int markCount = 0; // marks of the document drawn on this slice
};

// Side of a handle square in screen pixels, the same at every zoom.
constexpr double kHandleSizePx = 7.0;

namespace markColors {
constexpr OverlayColor recistLongAxis { 1.0, 0.9, 0.0 };
constexpr OverlayColor recistShortAxis { 0.0, 0.9, 1.0 };
constexpr OverlayColor line { 0.35, 1.0, 0.35 };
constexpr OverlayColor box2d { 1.0, 0.55, 0.1 };
constexpr OverlayColor derivedBox { 1.0, 0.35, 1.0 };
constexpr OverlayColor box3d { 0.4, 0.65, 1.0 };
constexpr OverlayColor draftBox { 1.0, 1.0, 1.0 };
constexpr OverlayColor handleFill { 1.0, 1.0, 1.0 };
constexpr OverlayColor handleBorder { 0.0, 0.0, 0.0 };
} // namespace markColors

// The marks of the shown slice (selected with handles, hovered highlighted) and the tool draft.
MarkDrawList buildMarkDrawList(const MarkOverlayState& state, const PixelDisplayMapping& mapping);

// "23.4 mm".
std::string formatMarkLengthMm(double lengthMm);

} // namespace radmark::viewer
