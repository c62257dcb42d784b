#include "radmark/annotation/DragTool.h"

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
    if (const auto* line = shape ? std::get_if<LineMark>(&*shape) : nullptr) {
        draft.segmentsPx.push_back(line->segmentPx);
    } else if (shape) {
        draft.boxPx = std::holds_alternative<Box2dMark>(*shape) ? std::get<Box2dMark>(*shape).boxPx
                                                                : std::get<Box3dMark>(*shape).boxPx;
    }
    return draft;
}

} // namespace radmark::annotation
