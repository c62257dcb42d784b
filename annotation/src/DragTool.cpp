#include "radmark/annotation/DragTool.h"

#include "radmark/annotation/Overloaded.h"

namespace radmark::annotation {

void DragTool::press(const PixelPoint& pointPx)
{
    if (!m_dragging && insideImage(pointPx)) {
        m_dragging = true;
        m_pressPx = pointPx;
        m_currentPx = pointPx;
    }
}

void DragTool::move(const PixelPoint& pointPx)
{
    if (m_dragging) {
        m_currentPx = clamped(pointPx);
    }
}

void DragTool::release(const PixelPoint& pointPx)
{
    if (!m_dragging) {
        return;
    }
    m_dragging = false;
    m_currentPx = clamped(pointPx);
    if (const std::optional<MarkShape> shape = shapeBetween(m_pressPx, m_currentPx)) {
        m_document.addMark(newMark(*shape));
    }
}

ToolDraft DragTool::draft() const
{
    ToolDraft draft;
    if (!m_dragging) {
        return draft;
    }
    const std::optional<MarkShape> shape = shapeBetween(m_pressPx, m_currentPx);
    if (!shape) {
        return draft;
    }
    std::visit(Overloaded {
                   [&draft](const RecistMark& recist) {
                       draft.segmentsPx = { recist.longAxisPx, recist.shortAxisPx };
                   },
                   [&draft](const LineMark& line) { draft.segmentsPx.push_back(line.segmentPx); },
                   [&draft](const Box2dMark& box) { draft.boxPx = box.boxPx; },
                   [&draft](const Box3dMark& box) { draft.boxPx = box.boxPx; },
               },
        *shape);
    return draft;
}

} // namespace radmark::annotation
