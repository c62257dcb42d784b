#include "MarkDrawList.h"

#include "radmark/annotation/team/LesionMatching.h"

#include "radmark/annotation/MarkEditing.h"
#include "radmark/annotation/RecistMeasurement.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <type_traits>
#include <variant>

namespace radmark::viewer {

namespace {

constexpr double kDashPx = 6.0;
constexpr double kGapPx = 4.0;
constexpr double kLabelOffsetPx = 8.0;
constexpr double kHandleBorderPx = 1.0;
constexpr double kFaintFactor = 0.55;
constexpr double kHoverLighten = 0.45;
constexpr double kAuthorLabelShiftPx = 15.0;

OverlayColor lighter(const OverlayColor& color)
{
    return { color.red + (1.0 - color.red) * kHoverLighten, color.green + (1.0 - color.green) * kHoverLighten,
        color.blue + (1.0 - color.blue) * kHoverLighten };
}

OverlayColor dimmer(const OverlayColor& color)
{
    return { color.red * kFaintFactor, color.green * kFaintFactor, color.blue * kFaintFactor };
}

// How one mark (or the draft) is drawn.
struct Style {
    LineWeight weight = LineWeight::Normal;
    bool emphasized = false; // hovered or selected: bold and lighter
    bool faint = false; // a 3D box away from its key slice
    bool dashed = false;

    OverlayColor apply(const OverlayColor& color) const
    {
        return faint ? dimmer(color) : (emphasized ? lighter(color) : color);
    }
};

class Builder {
public:
    Builder(const PixelDisplayMapping& mapping, MarkDrawList& list)
        : m_mapping(mapping)
        , m_list(list)
    {
    }

    void segment(const annotation::PixelSegment& segmentPx, const OverlayColor& color, const Style& style)
    {
        const auto [x0, y0] = m_mapping.toDisplay(segmentPx.start);
        const auto [x1, y1] = m_mapping.toDisplay(segmentPx.end);
        if (!style.dashed) {
            m_list.segments.push_back({ x0, y0, x1, y1, style.apply(color), style.weight });
            return;
        }
        // Dashes of a constant screen length, whatever the zoom.
        const double lengthPx = std::hypot(x1 - x0, y1 - y0);
        for (double from = 0.0; from < lengthPx; from += kDashPx + kGapPx) {
            const double to = std::min(from + kDashPx, lengthPx);
            const double a = from / lengthPx;
            const double b = to / lengthPx;
            m_list.segments.push_back({ x0 + (x1 - x0) * a, y0 + (y1 - y0) * a, x0 + (x1 - x0) * b, y0 + (y1 - y0) * b,
                style.apply(color), style.weight });
        }
    }

    void box(const annotation::PixelBox& boxPx, const OverlayColor& color, const Style& style)
    {
        const annotation::PixelPoint corners[4]
            = { { boxPx.x1, boxPx.y1 }, { boxPx.x2, boxPx.y1 }, { boxPx.x2, boxPx.y2 }, { boxPx.x1, boxPx.y2 } };
        for (int index = 0; index < 4; ++index) {
            segment({ corners[index], corners[(index + 1) % 4] }, color, style);
        }
    }

    // A length label beside the right-hand end of the segment.
    void lengthLabel(
        const annotation::PixelSegment& segmentPx, double lengthMm, const OverlayColor& color, const Style& style)
    {
        const auto [x0, y0] = m_mapping.toDisplay(segmentPx.start);
        const auto [x1, y1] = m_mapping.toDisplay(segmentPx.end);
        const bool startIsRight = x0 > x1;
        m_list.labels.push_back({ formatMarkLengthMm(lengthMm), (startIsRight ? x0 : x1) + kLabelOffsetPx,
            startIsRight ? y0 : y1, style.apply(color) });
    }

    // A label just above the top-left corner of a box.
    void boxLabel(
        const annotation::PixelBox& boxPx, const std::string& text, const OverlayColor& color, const Style& style)
    {
        const DisplayRect rect = displayRect(boxPx);
        m_list.labels.push_back({ text, rect.left, rect.top - kLabelOffsetPx - 2.0, style.apply(color) });
    }

    // A label just below the bottom-left corner of a box (the second reader's name, when marks overlap).
    void boxLabelBelow(
        const annotation::PixelBox& boxPx, const std::string& text, const OverlayColor& color, const Style& style)
    {
        const DisplayRect rect = displayRect(boxPx);
        m_list.labels.push_back({ text, rect.left, rect.bottom + kLabelOffsetPx + 2.0, style.apply(color) });
    }

    void handles(const annotation::MarkShape& shape)
    {
        for (const annotation::PixelPoint& pointPx : annotation::handlePositionsPx(shape)) {
            const auto [x, y] = m_mapping.toDisplay(pointPx);
            m_list.squares.push_back({ x, y, kHandleSizePx + 2.0 * kHandleBorderPx, markColors::handleBorder });
            m_list.squares.push_back({ x, y, kHandleSizePx, markColors::handleFill });
        }
    }

private:
    // A box's extent on screen, in display pixels (y down): from any of its stored corners, once the slice is shown
    // mirrored or transposed.
    struct DisplayRect {
        double left = 0.0;
        double top = 0.0;
        double right = 0.0;
        double bottom = 0.0;
    };

    DisplayRect displayRect(const annotation::PixelBox& boxPx) const
    {
        DisplayRect rect;
        bool first = true;
        for (const annotation::PixelPoint& cornerPx :
            { annotation::PixelPoint { boxPx.x1, boxPx.y1 }, annotation::PixelPoint { boxPx.x2, boxPx.y2 },
                annotation::PixelPoint { boxPx.x1, boxPx.y2 }, annotation::PixelPoint { boxPx.x2, boxPx.y1 } }) {
            const auto [x, y] = m_mapping.toDisplay(cornerPx);
            rect.left = first ? x : std::min(rect.left, x);
            rect.top = first ? y : std::min(rect.top, y);
            rect.right = first ? x : std::max(rect.right, x);
            rect.bottom = first ? y : std::max(rect.bottom, y);
            first = false;
        }
        return rect;
    }

    const PixelDisplayMapping& m_mapping;
    MarkDrawList& m_list;
};

// One colour for every part of the mark (reader comparison), or none: colours by shape.
struct AuthorPaint {
    bool active = false;
    OverlayColor color;
    OverlayColor pick(const OverlayColor& byShape) const { return active ? color : byShape; }
};

void drawMark(Builder& builder, const annotation::LesionMark& mark, int sliceIndex, const Style& baseStyle,
    const AuthorPaint& paint = {})
{
    const annotation::PixelSpacing& spacing = mark.plane.spacing;
    std::visit(
        [&](const auto& shape) {
            using Shape = std::decay_t<decltype(shape)>;
            Style style = baseStyle;
            if constexpr (std::is_same_v<Shape, annotation::RecistMark>) {
                // The short axis first, so that the long axis is on top where they cross.
                builder.segment(shape.shortAxisPx, paint.pick(markColors::recistShortAxis), style);
                builder.segment(shape.longAxisPx, paint.pick(markColors::recistLongAxis), style);
                builder.lengthLabel(shape.longAxisPx, annotation::lengthMm(shape.longAxisPx, spacing),
                    paint.pick(markColors::recistLongAxis), style);
                builder.lengthLabel(shape.shortAxisPx, annotation::lengthMm(shape.shortAxisPx, spacing),
                    paint.pick(markColors::recistShortAxis), style);
            } else if constexpr (std::is_same_v<Shape, annotation::LineMark>) {
                builder.segment(shape.segmentPx, paint.pick(markColors::line), style);
                builder.lengthLabel(shape.segmentPx, annotation::lengthMm(shape.segmentPx, spacing),
                    paint.pick(markColors::line), style);
            } else if constexpr (std::is_same_v<Shape, annotation::Box2dMark>) {
                const bool derived = mark.isDerivedFromRecist();
                style.dashed = derived;
                const OverlayColor color = paint.pick(derived ? markColors::derivedBox : markColors::box2d);
                builder.box(shape.boxPx, color, style);
                if (derived) {
                    builder.boxLabel(shape.boxPx, "DL box", color, style);
                }
            } else {
                const bool keySlice = mark.slice.sliceIndex == sliceIndex;
                if (!keySlice && !style.emphasized) {
                    style.faint = true;
                    style.weight = LineWeight::Faint;
                }
                builder.box(shape.boxPx, paint.pick(markColors::box3d), style);
                if (keySlice || style.emphasized) {
                    char text[64];
                    std::snprintf(
                        text, sizeof(text), "3D box %d-%d", shape.firstSliceIndex + 1, shape.lastSliceIndex + 1);
                    builder.boxLabel(shape.boxPx, text, paint.pick(markColors::box3d), style);
                }
            }
        },
        mark.shape);
}

} // namespace

std::string formatMarkLengthMm(double lengthMm)
{
    char text[32];
    std::snprintf(text, sizeof(text), "%.1f mm", lengthMm);
    return text;
}

MarkDrawList buildMarkDrawList(const MarkOverlayState& state, const PixelDisplayMapping& mapping)
{
    MarkDrawList list;
    Builder builder(mapping, list);
    if (state.document != nullptr) {
        const std::vector<annotation::LesionMark> marks
            = state.document->marksOnSlice(state.seriesUid, state.sliceIndex);
        list.markCount = static_cast<int>(marks.size());
        const annotation::LesionMark* selected = nullptr;
        for (const annotation::LesionMark& mark : marks) {
            Style style;
            const bool isSelected = !state.selectedMarkId.empty() && mark.id == state.selectedMarkId;
            const bool isHovered = !state.hoveredMarkId.empty() && mark.id == state.hoveredMarkId;
            if (isSelected || isHovered) {
                style.emphasized = true;
                style.weight = LineWeight::Bold;
            }
            if (isSelected) {
                selected = &mark;
            }
            AuthorPaint paint;
            std::size_t authorIndex = 0;
            for (std::size_t index = 0; index < state.authorColors.size(); ++index) {
                const auto& [author, rgb] = state.authorColors[index];
                if (author == mark.author.name) {
                    paint = { true, OverlayColor { rgb[0], rgb[1], rgb[2] } };
                    authorIndex = index;
                }
            }
            const std::size_t labelsBefore = list.labels.size();
            drawMark(builder, mark, state.sliceIndex, style, paint);
            if (paint.active && authorIndex % 2 == 1) {
                // The readers' marks of one lesion lie on top of each other: the second reader's lengths one line
                // lower, so both stay readable.
                for (std::size_t index = labelsBefore; index < list.labels.size(); ++index) {
                    list.labels[index].y += kAuthorLabelShiftPx;
                }
            }
            if (paint.active) {
                // Readers' marks of one lesion overlap: names alternate above and below the mark.
                const annotation::PixelBox footprint = annotation::lesionFootprint(mark).boxPx;
                if (authorIndex % 2 == 0) {
                    builder.boxLabel(footprint, mark.author.name, paint.color, style);
                } else {
                    builder.boxLabelBelow(footprint, mark.author.name, paint.color, style);
                }
            }
        }
        // Handles on top of every line.
        if (selected != nullptr) {
            builder.handles(selected->shape);
        }
    }
    const annotation::ToolDraft& draft = state.draft;
    Style draftStyle;
    for (std::size_t index = 0; index < draft.segmentsPx.size(); ++index) {
        // RECIST drafts: long axis then short axis; a line draft is one segment.
        const OverlayColor color = index == 0 ? markColors::recistLongAxis : markColors::recistShortAxis;
        const annotation::PixelSegment& segmentPx = draft.segmentsPx[index];
        builder.segment(segmentPx, color, draftStyle);
        builder.lengthLabel(segmentPx, annotation::lengthMm(segmentPx, state.draftSpacing), color, draftStyle);
    }
    if (draft.boxPx) {
        builder.box(*draft.boxPx, markColors::draftBox, draftStyle);
    }
    return list;
}

} // namespace radmark::viewer
