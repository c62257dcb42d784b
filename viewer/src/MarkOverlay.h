#pragma once

#include "MarkDrawList.h"

#include <memory>

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

    void update(const MarkOverlayState& state, const PixelDisplayMapping& mapping);
    void clear();

    const MarkDrawList& drawList() const { return m_drawList; }

private:
    void show(const MarkDrawList& list, int viewportHeightPx);

    struct Actors;
    std::unique_ptr<Actors> m_actors;
    MarkDrawList m_drawList;
};

}  // namespace radmark::viewer
