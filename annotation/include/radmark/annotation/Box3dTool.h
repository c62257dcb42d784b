#pragma once

#include "radmark/annotation/DragTool.h"

namespace radmark::annotation {

// Draws a Box3dMark: the box as Box2dTool on the current slice, the slice range from parameters:
// `slicesBefore` slices before and `slicesAfter` after the current one, cut to the series
// [0, sliceCount-1].
class Box3dTool : public DragTool {
public:
    explicit Box3dTool(AnnotationDocument& document, int slicesBefore = 0, int slicesAfter = 0);

    void setSliceExtent(int slicesBefore, int slicesAfter);

protected:
    std::optional<MarkShape> shapeBetween(const PixelPoint& fromPx, const PixelPoint& toPx) const override;

private:
    int m_slicesBefore = 0;
    int m_slicesAfter = 0;
};

} // namespace radmark::annotation
