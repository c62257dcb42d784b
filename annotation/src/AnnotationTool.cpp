#include "radmark/annotation/AnnotationTool.h"

namespace radmark::annotation {

void AnnotationTool::setSlice(const SliceContext& slice)
{
    cancel();
    m_slice = slice;
}

LesionMark AnnotationTool::newMark(const MarkShape& shape) const
{
    LesionMark mark;
    mark.slice = m_slice.reference;
    mark.plane = m_slice.plane;
    mark.shape = shape;
    mark.lesionType = m_lesionType;
    return mark;
}

bool AnnotationTool::insideImage(const PixelPoint& pointPx) const
{
    return isInsideImage(pointPx, m_slice.columns, m_slice.rows);
}

PixelPoint AnnotationTool::clamped(const PixelPoint& pointPx) const
{
    return clampToImage(pointPx, m_slice.columns, m_slice.rows);
}

} // namespace radmark::annotation
