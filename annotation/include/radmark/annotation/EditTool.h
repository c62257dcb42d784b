#pragma once

#include "radmark/annotation/AnnotationTool.h"
#include "radmark/annotation/MarkHitTest.h"

namespace radmark::annotation {

// Edits marks on the current slice. A press on a handle drags that handle (MarkEditing rules); a
// press on a mark's body drags the whole mark; elsewhere nothing happens. Each drag step is
// applied to the document at once (views show it live) with one merge id per gesture, so the
// whole drag is one undo step; a press and release without movement changes nothing.
class EditTool : public AnnotationTool {
public:
    using AnnotationTool::AnnotationTool;

    // Pick radius in image pixels (the caller converts its screen tolerance with the zoom).
    void setTolerancePx(double tolerancePx) { m_tolerancePx = tolerancePx; }
    double tolerancePx() const { return m_tolerancePx; }

    void press(const PixelPoint& pointPx) override;
    void move(const PixelPoint& pointPx) override;
    void release(const PixelPoint& pointPx) override;
    // Puts back what the drag changed (by undoing its one merged command).
    void cancel() override;
    bool isIdle() const override { return m_mode == Mode::Idle; }

    // What a press at this position would grab (for hover feedback).
    MarkHit hitAt(const PixelPoint& pointPx) const;
    // Deletes the mark under the position as one command; false when there is none.
    bool deleteAt(const PixelPoint& pointPx);

    // The mark and handle being dragged, for highlighting (empty / -1 when idle).
    const MarkId& activeMarkId() const { return m_markId; }
    int activeHandleIndex() const { return m_handleIndex; }

private:
    enum class Mode { Idle, DraggingHandle, DraggingMark };

    Mode m_mode = Mode::Idle;
    double m_tolerancePx = 4.0;
    MarkId m_markId;
    int m_handleIndex = -1;
    MergeId m_mergeId = kNoMerge;
    PixelPoint m_lastPx;
    bool m_changed = false;
};

} // namespace radmark::annotation
