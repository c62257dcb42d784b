#include "MarkOverlay.h"

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTextRenderer.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace radmark::viewer {

namespace {

constexpr int kLabelFontSizePx = 14;
constexpr double kLabelMarginPx = 3.0;
constexpr std::array<float, 3> kLineWidthsPx = { 1.0f, 2.0f, 3.0f }; // Faint, Normal, Bold

unsigned char channel(double value)
{
    return static_cast<unsigned char>(std::lround(std::clamp(value, 0.0, 1.0) * 255.0));
}

// One batch of 2D geometry with per-point colours, in VTK display coordinates (origin bottom-left).
struct Layer {
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> cells;
    vtkNew<vtkUnsignedCharArray> colors;
    vtkNew<vtkPolyData> polyData;
    vtkNew<vtkPolyDataMapper2D> mapper;
    vtkNew<vtkActor2D> actor;

    void setUp(vtkRenderer* renderer, bool polygons, float lineWidthPx)
    {
        colors->SetNumberOfComponents(3);
        polyData->SetPoints(points);
        if (polygons) {
            polyData->SetPolys(cells);
        } else {
            polyData->SetLines(cells);
        }
        polyData->GetPointData()->SetScalars(colors);
        mapper->SetInputData(polyData);
        mapper->ScalarVisibilityOn();
        mapper->SetColorModeToDirectScalars();
        mapper->SetScalarModeToUsePointData();
        actor->SetMapper(mapper);
        actor->GetProperty()->SetLineWidth(lineWidthPx);
        renderer->AddActor2D(actor);
    }

    void reset()
    {
        points->Reset();
        cells->Reset();
        colors->Reset();
    }

    vtkIdType addPoint(double x, double y, const OverlayColor& color)
    {
        const unsigned char rgb[3] = { channel(color.red), channel(color.green), channel(color.blue) };
        colors->InsertNextTypedTuple(rgb);
        return points->InsertNextPoint(x, y, 0.0);
    }

    void commit()
    {
        points->Modified();
        cells->Modified();
        colors->Modified();
        polyData->Modified();
        actor->SetVisibility(cells->GetNumberOfCells() > 0);
    }
};

} // namespace

struct MarkOverlay::Actors {
    vtkRenderer* renderer = nullptr;
    std::array<Layer, 3> lines; // by LineWeight
    Layer squares;
    std::vector<vtkSmartPointer<vtkTextActor>> labels; // a pool, grown on demand
};

MarkOverlay::MarkOverlay(vtkRenderer* renderer)
    : m_actors(std::make_unique<Actors>())
{
    Actors& a = *m_actors;
    a.renderer = renderer;
    for (std::size_t weight = 0; weight < a.lines.size(); ++weight) {
        a.lines[weight].setUp(renderer, false, kLineWidthsPx[weight]);
    }
    a.squares.setUp(renderer, true, 1.0f);
    clear();
}

MarkOverlay::~MarkOverlay()
{
    Actors& a = *m_actors;
    for (Layer& layer : a.lines) {
        a.renderer->RemoveActor2D(layer.actor);
    }
    a.renderer->RemoveActor2D(a.squares.actor);
    for (const vtkSmartPointer<vtkTextActor>& label : a.labels) {
        a.renderer->RemoveActor2D(label);
    }
}

void MarkOverlay::update(
    const MarkOverlayState& state, const PixelDisplayMapping& mapping, const std::vector<OverlayBox>& keepClearOf)
{
    m_drawList = buildMarkDrawList(state, mapping);
    show(m_drawList, mapping.viewportWidthPx, mapping.viewportHeightPx, keepClearOf);
}

void MarkOverlay::clear()
{
    m_drawList = MarkDrawList();
    show(m_drawList, 1, 1, {});
}

void MarkOverlay::show(
    const MarkDrawList& list, int viewportWidthPx, int viewportHeightPx, const std::vector<OverlayBox>& keepClearOf)
{
    Actors& a = *m_actors;
    // Display positions of the list have their origin at the top-left; VTK's at the bottom-left.
    const double height = viewportHeightPx;
    for (Layer& layer : a.lines) {
        layer.reset();
    }
    for (const DrawSegment& segment : list.segments) {
        Layer& layer = a.lines[static_cast<std::size_t>(segment.weight)];
        const vtkIdType ids[2] = { layer.addPoint(segment.x0, height - segment.y0, segment.color),
            layer.addPoint(segment.x1, height - segment.y1, segment.color) };
        layer.cells->InsertNextCell(2, ids);
    }
    for (Layer& layer : a.lines) {
        layer.commit();
    }

    a.squares.reset();
    for (const DrawSquare& square : list.squares) {
        const double half = square.sizePx / 2.0;
        const double x = square.centerX;
        const double y = height - square.centerY;
        const vtkIdType ids[4] = { a.squares.addPoint(x - half, y - half, square.color),
            a.squares.addPoint(x + half, y - half, square.color), a.squares.addPoint(x + half, y + half, square.color),
            a.squares.addPoint(x - half, y + half, square.color) };
        a.squares.cells->InsertNextCell(4, ids);
    }
    a.squares.commit();

    m_labelRectsPx.clear();
    while (a.labels.size() < list.labels.size()) {
        auto label = vtkSmartPointer<vtkTextActor>::New();
        vtkTextProperty* property = label->GetTextProperty();
        property->SetFontFamilyToArial();
        property->SetFontSize(kLabelFontSizePx);
        property->SetShadow(1);
        property->SetJustificationToLeft();
        property->SetVerticalJustificationToCentered();
        label->GetPositionCoordinate()->SetCoordinateSystemToDisplay();
        a.renderer->AddActor2D(label);
        a.labels.push_back(label);
    }
    for (std::size_t index = 0; index < a.labels.size(); ++index) {
        vtkTextActor* label = a.labels[index];
        if (index >= list.labels.size()) {
            label->SetVisibility(false);
            continue;
        }
        const DrawLabel& text = list.labels[index];
        label->SetInput(text.text.c_str());
        label->GetTextProperty()->SetColor(text.color.red, text.color.green, text.color.blue);
        // Kept inside the view: a label beside a mark at the image's edge moves in instead of being cut.
        int box[4] = { 0, 0, 0, 0 };
        vtkTextRenderer* textRenderer = vtkTextRenderer::GetInstance();
        const bool measured
            = textRenderer != nullptr && textRenderer->GetBoundingBox(label->GetTextProperty(), text.text, box, 72);
        const double widthPx = measured ? box[1] - box[0] + 1 : text.text.size() * kLabelFontSizePx * 0.6;
        const double heightPx = measured ? box[3] - box[2] + 1 : kLabelFontSizePx * 1.2;
        const double maxLeft = std::max(kLabelMarginPx, viewportWidthPx - kLabelMarginPx - widthPx);
        const double minCentreY = kLabelMarginPx + heightPx / 2.0;
        const double maxCentreY = std::max(minCentreY, height - kLabelMarginPx - heightPx / 2.0);
        const double left = std::clamp(text.x, kLabelMarginPx, maxLeft);
        double centreY = std::clamp(text.y, minCentreY, maxCentreY);
        // Off the corner texts, letters and scale bar: moved just above (else below) what it would cover.
        for (int attempt = 0; attempt < 4; ++attempt) {
            bool moved = false;
            const OverlayBox labelBox { "", left, centreY - heightPx / 2.0, left + widthPx, centreY + heightPx / 2.0 };
            for (const OverlayBox& occupied : keepClearOf) {
                if (!labelBox.overlaps(occupied)) {
                    continue;
                }
                const double above = occupied.top - heightPx / 2.0 - 2.0;
                centreY = above >= minCentreY ? above : std::min(occupied.bottom + heightPx / 2.0 + 2.0, maxCentreY);
                moved = true;
                break;
            }
            if (!moved) {
                break;
            }
        }
        label->SetDisplayPosition(static_cast<int>(std::lround(left)), static_cast<int>(std::lround(height - centreY)));
        label->SetVisibility(true);
        m_labelRectsPx.push_back({ left, centreY - heightPx / 2.0, left + widthPx, centreY + heightPx / 2.0 });
    }
}

} // namespace radmark::viewer
