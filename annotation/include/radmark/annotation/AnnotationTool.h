#pragma once

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/PixelGeometry.h"
#include "radmark/annotation/SliceReference.h"

#include <optional>
#include <vector>

namespace radmark::annotation {

// What a tool wants drawn while a gesture is under way. Never stored; empty when idle.
struct ToolDraft {
    std::vector<PixelSegment> segmentsPx;
    std::optional<PixelBox> boxPx;

    bool empty() const { return segmentsPx.empty() && !boxPx; }
};

// A tool is a small state machine fed with pointer events already converted to continuous pixel
// positions of the current slice (see PixelPoint). Each completed gesture commits at most one
// command to the document; a gesture that would make a degenerate shape commits nothing.
// A press outside the image is ignored; later positions of a drawing gesture are clamped to it.
class AnnotationTool {
public:
    explicit AnnotationTool(AnnotationDocument& document)
        : m_document(document)
    {
    }
    virtual ~AnnotationTool() = default;
    AnnotationTool(const AnnotationTool&) = delete;
    AnnotationTool& operator=(const AnnotationTool&) = delete;

    // The slice that positions refer to. Changing it abandons a gesture in progress.
    void setSlice(const SliceContext& slice);
    const SliceContext& slice() const { return m_slice; }

    // Lesion type given to marks this tool creates.
    void setLesionType(int lesionType) { m_lesionType = lesionType; }

    virtual void press(const PixelPoint& pointPx) = 0;
    virtual void move(const PixelPoint& pointPx) = 0;
    virtual void release(const PixelPoint& pointPx) = 0;
    // Abandons the gesture in progress (Escape) without leaving anything in the document.
    virtual void cancel() = 0;
    virtual bool isIdle() const = 0;
    virtual ToolDraft draft() const { return {}; }

protected:
    // A mark on the current slice; the document stamps id, author and times when it is added.
    LesionMark newMark(const MarkShape& shape) const;
    bool insideImage(const PixelPoint& pointPx) const;
    PixelPoint clamped(const PixelPoint& pointPx) const;

    AnnotationDocument& m_document;
    SliceContext m_slice;
    int m_lesionType = kUnknownLesionType;
};

} // namespace radmark::annotation
