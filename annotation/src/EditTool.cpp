#include "radmark/annotation/EditTool.h"

namespace radmark::annotation {

MarkHit EditTool::hitAt(const PixelPoint& pointPx) const
{
    return hitTestMarks(
        m_document.marks(), m_slice.reference.seriesUid, m_slice.reference.sliceIndex, pointPx, m_tolerancePx);
}

void EditTool::press(const PixelPoint& pointPx)
{
    if (m_mode != Mode::Idle) {
        return;
    }
    const MarkHit hit = hitAt(pointPx);
    if (hit.kind == HitKind::None) {
        return;
    }
    m_mode = hit.kind == HitKind::Handle ? Mode::DraggingHandle : Mode::DraggingMark;
    m_markId = hit.markId;
    m_handleIndex = hit.handleIndex;
    m_mergeId = m_document.newMergeId();
    m_lastPx = pointPx;
    m_changed = false;
}

void EditTool::move(const PixelPoint& pointPx)
{
    if (m_mode == Mode::Idle || pointPx == m_lastPx) {
        return;
    }
    EditResult result;
    if (m_mode == Mode::DraggingHandle) {
        result = m_document.moveHandle(m_markId, m_handleIndex, pointPx, m_mergeId);
        if (result) {
            m_handleIndex = result.handleIndex;
        }
    } else {
        result = m_document.moveMark(m_markId, pointPx - m_lastPx, m_mergeId);
    }
    if (result) {
        m_lastPx = pointPx;
        m_changed = true;
    }
}

void EditTool::release(const PixelPoint& pointPx)
{
    move(pointPx);
    m_mode = Mode::Idle;
    m_markId.clear();
    m_handleIndex = -1;
}

void EditTool::cancel()
{
    if (m_mode != Mode::Idle && m_changed) {
        m_document.undo();
    }
    m_mode = Mode::Idle;
    m_markId.clear();
    m_handleIndex = -1;
}

bool EditTool::deleteAt(const PixelPoint& pointPx)
{
    if (m_mode != Mode::Idle) {
        return false;
    }
    const MarkHit hit = hitAt(pointPx);
    return hit.kind != HitKind::None && m_document.deleteMark(hit.markId).applied;
}

} // namespace radmark::annotation
