#pragma once

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkUnsignedCharArray.h>

#include <array>
#include <vector>

class vtkRenderer;

namespace radmark::viewer {

// Coloured line segments drawn over a view in display pixels with the origin at the TOP-left (the
// project's display convention; VTK's own origin is bottom-left). Rebuilt with clear() + add...().
class DisplayLines {
public:
    DisplayLines(vtkRenderer* renderer, float lineWidthPx);

    void clear();
    void addSegment(double x1Px, double y1Px, double x2Px, double y2Px, const std::array<double, 3>& rgb);
    // A plus-shaped marker of the given half size centred on the point.
    void addCross(double xPx, double yPx, double halfSizePx, const std::array<double, 3>& rgb);
    // Call after the additions, with the current viewport height.
    void commit(int viewportHeightPx);
    void setVisible(bool visible);
    int segmentCount() const { return m_segments; }

private:
    struct Segment {
        double x1, y1, x2, y2;
        std::array<double, 3> rgb;
    };
    std::vector<Segment> m_pending;
    int m_segments = 0;
    vtkNew<vtkPoints> m_points;
    vtkNew<vtkCellArray> m_lines;
    vtkNew<vtkUnsignedCharArray> m_colours;
    vtkNew<vtkPolyData> m_polyData;
    vtkNew<vtkPolyDataMapper2D> m_mapper;
    vtkNew<vtkActor2D> m_actor;
};

} // namespace radmark::viewer
