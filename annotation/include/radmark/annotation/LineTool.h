#pragma once

#include "radmark/annotation/DragTool.h"

namespace radmark::annotation {

// Press-drag-release draws a LineMark from the press to the release point.
class LineTool : public DragTool {
public:
    using DragTool::DragTool;

protected:
    std::optional<MarkShape> shapeBetween(const PixelPoint& fromPx, const PixelPoint& toPx) const override;
};

} // namespace radmark::annotation
