#include "radmark/annotation/Box3dTool.h"

#include <algorithm>

namespace radmark::annotation {

Box3dTool::Box3dTool(AnnotationDocument& document, int slicesBefore, int slicesAfter)
    : DragTool(document)
{
    setSliceExtent(slicesBefore, slicesAfter);
}

void Box3dTool::setSliceExtent(int slicesBefore, int slicesAfter)
{
    m_slicesBefore = std::max(0, slicesBefore);
    m_slicesAfter = std::max(0, slicesAfter);
}

std::optional<MarkShape> Box3dTool::shapeBetween(const PixelPoint& fromPx, const PixelPoint& toPx) const
{
    const PixelBox box = boxFromCorners(fromPx, toPx);
    if (box.x1 == box.x2 || box.y1 == box.y2) {
        return std::nullopt;
    }
    const int current = m_slice.reference.sliceIndex;
    const int lastInSeries = std::max(current, m_slice.sliceCount - 1);
    return Box3dMark { box, std::max(0, current - m_slicesBefore), std::min(lastInSeries, current + m_slicesAfter) };
}

} // namespace radmark::annotation
