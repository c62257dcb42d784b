#pragma once

#include "MarkDrawList.h"

#include "radmark/viewer/SliceRenderer.h"

#include <array>
#include <memory>
#include <vector>

class vtkRenderer;

namespace radmark::viewer {

// The annotation layer of a slice view: lesion marks and the active tool's draft drawn with VTK 2D
// actors in display coordinates, recomputed from pixel coordinates at every change of the view or
// of the marks, so line widths, handles and text keep their screen size at any zoom.
class MarkOverlay {
public:
    explicit MarkOverlay(vtkRenderer* renderer);
    ~MarkOverlay();
    MarkOverlay(const MarkOverlay&) = delete;
    MarkOverlay& operator=(const MarkOverlay&) = delete;

    // Labels keep clear of `keepClearOf` (the view's overlay texts and scale bar) where they can.
    void update(const MarkOverlayState& state, const PixelDisplayMapping& mapping,
        const std::vector<OverlayBox>& keepClearOf = {});
    void clear();

    const MarkDrawList& drawList() const { return m_drawList; }
    // Where the labels were drawn: left, top, right, bottom in display pixels (origin top-left), each kept
    // inside the viewport (a label beside a mark at the image edge moves in rather than being cut).
    const std::vector<std::array<double, 4>>& labelRectsPx() const { return m_labelRectsPx; }

private:
    void show(const MarkDrawList& list, int viewportWidthPx, int viewportHeightPx,
        const std::vector<OverlayBox>& keepClearOf);

    struct Actors;
    std::unique_ptr<Actors> m_actors;
    MarkDrawList m_drawList;
    std::vector<std::array<double, 4>> m_labelRectsPx;
};

} // namespace radmark::viewer
