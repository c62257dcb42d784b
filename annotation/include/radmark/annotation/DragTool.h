#pragma once

#include "radmark/annotation/AnnotationTool.h"

#include <optional>

namespace radmark::annotation {

// Base of the tools whose gesture is one press-drag-release from one point to another: the
// shape is made from the press and release positions and added as one command.
class DragTool : public AnnotationTool {
public:
    using AnnotationTool::AnnotationTool;

    void press(const PixelPoint& pointPx) override;
    void move(const PixelPoint& pointPx) override;
    void release(const PixelPoint& pointPx) override;
    void cancel() override { m_dragging = false; }
    bool isIdle() const override { return !m_dragging; }
    ToolDraft draft() const override;

protected:
    // The shape from `fromPx` to `toPx`, or nothing when it would be degenerate.
    virtual std::optional<MarkShape> shapeBetween(const PixelPoint& fromPx, const PixelPoint& toPx) const = 0;

private:
    bool m_dragging = false;
    PixelPoint m_pressPx;
    PixelPoint m_currentPx;
};

} // namespace radmark::annotation
