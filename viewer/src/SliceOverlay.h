#pragma once

#include "radmark/viewer/SliceRenderer.h"

#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

class vtkRenderer;

namespace radmark::viewer {

// The 2D annotations drawn over a slice: corner text, orientation letters at the edge middles and
// a scale bar whose length in mm is a round number that fits the current zoom.
class SliceOverlay {
public:
    explicit SliceOverlay(vtkRenderer* renderer);
    ~SliceOverlay();
    SliceOverlay(const SliceOverlay&) = delete;
    SliceOverlay& operator=(const SliceOverlay&) = delete;

    void setVisible(bool visible);
    bool visible() const { return m_visible; }
    void setCornerText(ViewCorner corner, const std::string& text);
    std::string cornerText(ViewCorner corner) const;
    void setEdgeLabels(const EdgeLabels& labels);
    const EdgeLabels& edgeLabels() const { return m_edgeLabels; }
    // Empty corners and edges, for a view with nothing loaded.
    void clearTexts();

    // Places everything for a viewport of the given size; pixelsPerMm <= 0 hides the scale bar.
    // Texts are measured, so that nothing overlaps: a corner text (e.g. the hover readout) moves away from
    // the edge past the edge letter or the other corner's text when it would reach them, and the scale bar
    // sits above the bottom-right text (W/L), however many lines that has.
    void layout(int widthPx, int heightPx, double pixelsPerMm);
    // Every visible item as drawn (display pixels, origin top-left).
    std::vector<OverlayBox> boxesPx() const;
    // Width and height in pixels of a corner's text at the current font size.
    std::pair<int, int> cornerTextSizePx(ViewCorner corner) const;
    double scaleBarLengthMm() const { return m_scaleBarLengthMm; }
    double scaleBarLengthPx() const { return m_scaleBarLengthPx; }

private:
    struct Actors;
    std::unique_ptr<Actors> m_actors;
    std::array<std::string, 4> m_cornerTexts;
    EdgeLabels m_edgeLabels;
    bool m_visible = true;
    double m_scaleBarLengthMm = 0.0;
    double m_scaleBarLengthPx = 0.0;
    int m_widthPx = 1;
    int m_heightPx = 1;
    void placeCorners();
};

} // namespace radmark::viewer
