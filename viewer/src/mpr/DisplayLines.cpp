#include "mpr/DisplayLines.h"

#include <vtkPointData.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>

namespace radmark::viewer {

DisplayLines::DisplayLines(vtkRenderer* renderer, float lineWidthPx)
{
    m_colours->SetNumberOfComponents(3);
    m_polyData->SetPoints(m_points);
    m_polyData->SetLines(m_lines);
    m_polyData->GetPointData()->SetScalars(m_colours);
    m_mapper->SetInputData(m_polyData);
    m_mapper->ScalarVisibilityOn();
    m_mapper->SetColorModeToDirectScalars();
    m_actor->SetMapper(m_mapper);
    m_actor->GetProperty()->SetLineWidth(lineWidthPx);
    renderer->AddActor2D(m_actor);
}

void DisplayLines::clear()
{
    m_pending.clear();
}

void DisplayLines::addSegment(double x1Px, double y1Px, double x2Px, double y2Px, const std::array<double, 3>& rgb)
{
    m_pending.push_back({ x1Px, y1Px, x2Px, y2Px, rgb });
}

void DisplayLines::addCross(double xPx, double yPx, double halfSizePx, const std::array<double, 3>& rgb)
{
    addSegment(xPx - halfSizePx, yPx, xPx + halfSizePx, yPx, rgb);
    addSegment(xPx, yPx - halfSizePx, xPx, yPx + halfSizePx, rgb);
}

void DisplayLines::commit(int viewportHeightPx)
{
    m_points->Reset();
    m_lines->Reset();
    m_colours->Reset();
    for (const Segment& segment : m_pending) {
        unsigned char rgb[3];
        for (int channel = 0; channel < 3; ++channel) {
            rgb[channel] = static_cast<unsigned char>(std::lround(std::clamp(segment.rgb[channel], 0.0, 1.0) * 255.0));
        }
        m_colours->InsertNextTypedTuple(rgb);
        m_colours->InsertNextTypedTuple(rgb);
        const vtkIdType a = m_points->InsertNextPoint(segment.x1, viewportHeightPx - segment.y1, 0.0);
        const vtkIdType b = m_points->InsertNextPoint(segment.x2, viewportHeightPx - segment.y2, 0.0);
        const vtkIdType ids[2] = { a, b };
        m_lines->InsertNextCell(2, ids);
    }
    m_segments = static_cast<int>(m_pending.size());
    m_points->Modified();
    m_lines->Modified();
    m_colours->Modified();
    m_polyData->Modified();
}

void DisplayLines::setVisible(bool visible)
{
    m_actor->SetVisibility(visible ? 1 : 0);
}

} // namespace radmark::viewer
