#include "radmark/annotation/RecistTool.h"

#include "radmark/annotation/RecistMeasurement.h"

#include <algorithm>
#include <cmath>

namespace radmark::annotation {

PixelSegment RecistTool::shortAxisFor(
    const PixelSegment& longAxisPx, const PixelPoint& pressPx, const PixelPoint& currentPx, const PixelSpacing& spacing)
{
    const PlanePointMm startMm = toPlaneMm(longAxisPx.start, spacing);
    const PlanePointMm endMm = toPlaneMm(longAxisPx.end, spacing);
    const double longMm = std::hypot(endMm.x - startMm.x, endMm.y - startMm.y);
    const double shortMm = std::min(lengthMm({ pressPx, currentPx }, spacing), longMm);
    const PlanePointMm centreMm { (startMm.x + endMm.x) / 2.0, (startMm.y + endMm.y) / 2.0 };
    const double normalX = longMm > 0.0 ? -(endMm.y - startMm.y) / longMm : 0.0;
    const double normalY = longMm > 0.0 ? (endMm.x - startMm.x) / longMm : 0.0;
    const double half = shortMm / 2.0;
    return { fromPlaneMm({ centreMm.x - normalX * half, centreMm.y - normalY * half }, spacing),
        fromPlaneMm({ centreMm.x + normalX * half, centreMm.y + normalY * half }, spacing) };
}

void RecistTool::press(const PixelPoint& pointPx)
{
    if (m_phase == Phase::Idle && insideImage(pointPx)) {
        m_longAxisPx = { pointPx, pointPx };
        m_phase = Phase::DrawingLongAxis;
    } else if (m_phase == Phase::AwaitingShortAxis) {
        m_shortPressPx = pointPx;
        m_shortCurrentPx = pointPx;
        m_phase = Phase::DrawingShortAxis;
    }
}

void RecistTool::move(const PixelPoint& pointPx)
{
    if (m_phase == Phase::DrawingLongAxis) {
        m_longAxisPx.end = clamped(pointPx);
    } else if (m_phase == Phase::DrawingShortAxis) {
        m_shortCurrentPx = pointPx;
    }
}

void RecistTool::release(const PixelPoint& pointPx)
{
    move(pointPx);
    if (m_phase == Phase::DrawingLongAxis) {
        m_phase = lengthMm(m_longAxisPx, m_slice.plane.spacing) > 0.0 ? Phase::AwaitingShortAxis : Phase::Idle;
    } else if (m_phase == Phase::DrawingShortAxis) {
        const PixelSegment shortAxisPx
            = shortAxisFor(m_longAxisPx, m_shortPressPx, m_shortCurrentPx, m_slice.plane.spacing);
        const RecistCheck check = makeRecist(m_longAxisPx, shortAxisPx, m_slice.plane);
        if (!check.mark) {
            m_phase = Phase::AwaitingShortAxis;
            return;
        }
        m_phase = Phase::Idle;
        m_document.addMark(newMark(*check.mark));
    }
}

ToolDraft RecistTool::draft() const
{
    ToolDraft draft;
    if (m_phase != Phase::Idle) {
        draft.segmentsPx.push_back(m_longAxisPx);
    }
    if (m_phase == Phase::DrawingShortAxis) {
        draft.segmentsPx.push_back(shortAxisFor(m_longAxisPx, m_shortPressPx, m_shortCurrentPx, m_slice.plane.spacing));
    }
    return draft;
}

} // namespace radmark::annotation
