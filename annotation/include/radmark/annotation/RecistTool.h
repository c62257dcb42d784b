#pragma once

#include "radmark/annotation/AnnotationTool.h"

namespace radmark::annotation {

// Draws a RECIST mark in two drags:
//  1. press-drag-release draws the long axis (press = start, release = end);
//  2. a second press anywhere, drag, release sets the short axis: its length (mm) is the length
//     of this second drag, capped at the long axis length, and it lies perpendicular (in mm
//     space) through the long axis midpoint: shortStart = centre - normal * length/2 and
//     shortEnd = centre + normal * length/2, with normal = (-along.y, along.x) in mm.
// Only the release of the second drag commits (one AddMark). A zero-length first drag returns to
// idle; a zero-length second drag keeps waiting for a short axis. cancel() drops everything.
class RecistTool : public AnnotationTool {
public:
    enum class Phase { Idle, DrawingLongAxis, AwaitingShortAxis, DrawingShortAxis };

    using AnnotationTool::AnnotationTool;

    void press(const PixelPoint& pointPx) override;
    void move(const PixelPoint& pointPx) override;
    void release(const PixelPoint& pointPx) override;
    void cancel() override { m_phase = Phase::Idle; }
    bool isIdle() const override { return m_phase == Phase::Idle; }
    ToolDraft draft() const override;

    Phase phase() const { return m_phase; }

    // The short axis a second drag from `pressPx` to `currentPx` gives for `longAxisPx`.
    static PixelSegment shortAxisFor(const PixelSegment& longAxisPx, const PixelPoint& pressPx,
        const PixelPoint& currentPx, const PixelSpacing& spacing);

private:
    Phase m_phase = Phase::Idle;
    PixelSegment m_longAxisPx;
    PixelPoint m_shortPressPx;
    PixelPoint m_shortCurrentPx;
};

} // namespace radmark::annotation
