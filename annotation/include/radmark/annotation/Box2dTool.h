#pragma once

#include "radmark/annotation/DragTool.h"

namespace radmark::annotation {

// Press-drag-release draws a Box2dMark with the press and release points as opposite corners.
class Box2dTool : public DragTool {
public:
    using DragTool::DragTool;

protected:
    std::optional<MarkShape> shapeBetween(const PixelPoint& fromPx, const PixelPoint& toPx) const override;
};

} // namespace radmark::annotation
