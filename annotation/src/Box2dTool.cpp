#include "radmark/annotation/Box2dTool.h"

namespace radmark::annotation {

std::optional<MarkShape> Box2dTool::shapeBetween(const PixelPoint& fromPx, const PixelPoint& toPx) const
{
    const PixelBox box = boxFromCorners(fromPx, toPx);
    if (box.x1 == box.x2 || box.y1 == box.y2) {
        return std::nullopt;
    }
    return Box2dMark { box };
}

} // namespace radmark::annotation
