#include "radmark/annotation/LineTool.h"

namespace radmark::annotation {

std::optional<MarkShape> LineTool::shapeBetween(const PixelPoint& fromPx, const PixelPoint& toPx) const
{
    if (fromPx == toPx) {
        return std::nullopt;
    }
    return LineMark { { fromPx, toPx } };
}

} // namespace radmark::annotation
