#include "SliceOverlay.h"

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTextRenderer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>

namespace radmark::viewer {

namespace {

constexpr double kMarginPx = 6.0;
constexpr double kScaleBarTickPx = 6.0;

int cornerIndex(ViewCorner corner)
{
    return static_cast<int>(corner);
}

void placeAt(vtkTextActor* actor, double xPx, double yPx)
{
    actor->SetDisplayPosition(static_cast<int>(std::lround(xPx)), static_cast<int>(std::lround(yPx)));
}

void styleText(vtkTextActor* actor)
{
    vtkTextProperty* property = actor->GetTextProperty();
    property->SetFontFamilyToArial();
    property->SetColor(0.95, 0.95, 0.75);
    property->SetShadow(1);
    property->SetBold(0);
    actor->GetPositionCoordinate()->SetCoordinateSystemToDisplay();
}

// Width and height in pixels of a text drawn with the actor's property (0, 0 when empty).
std::pair<int, int> textSizePx(vtkTextActor* actor, const std::string& text)
{
    if (text.empty()) {
        return { 0, 0 };
    }
    int box[4] = { 0, 0, 0, 0 };
    vtkTextRenderer* renderer = vtkTextRenderer::GetInstance();
    if (renderer == nullptr || !renderer->GetBoundingBox(actor->GetTextProperty(), text, box, 72)) {
        const int size = actor->GetTextProperty()->GetFontSize();
        int lines = 1;
        std::size_t longest = 0;
        std::size_t current = 0;
        for (const char c : text) {
            current = c == '\n' ? 0 : current + 1;
            lines += c == '\n' ? 1 : 0;
            longest = std::max(longest, current);
        }
        return { static_cast<int>(longest * size * 0.6), static_cast<int>(lines * size * 1.2) };
    }
    return { box[1] - box[0] + 1, box[3] - box[2] + 1 };
}

std::string formatLengthMm(double lengthMm)
{
    char text[32];
    std::snprintf(text, sizeof(text), "%.0f mm", lengthMm);
    return text;
}

} // namespace

struct SliceOverlay::Actors {
    vtkRenderer* renderer = nullptr;
    std::array<vtkNew<vtkTextActor>, 4> corners;
    std::array<vtkNew<vtkTextActor>, 4> edges; // left, right, top, bottom
    vtkNew<vtkTextActor> scaleBarLabel;
    vtkNew<vtkPoints> scaleBarPoints;
    vtkNew<vtkPolyData> scaleBarLine;
    vtkNew<vtkPolyDataMapper2D> scaleBarMapper;
    vtkNew<vtkActor2D> scaleBar;
};

SliceOverlay::SliceOverlay(vtkRenderer* renderer)
    : m_actors(std::make_unique<Actors>())
{
    Actors& a = *m_actors;
    a.renderer = renderer;
    for (int index = 0; index < 4; ++index) {
        styleText(a.corners[index]);
        vtkTextProperty* property = a.corners[index]->GetTextProperty();
        const bool top = index == cornerIndex(ViewCorner::TopLeft) || index == cornerIndex(ViewCorner::TopRight);
        const bool right = index == cornerIndex(ViewCorner::TopRight) || index == cornerIndex(ViewCorner::BottomRight);
        property->SetVerticalJustification(top ? VTK_TEXT_TOP : VTK_TEXT_BOTTOM);
        property->SetJustification(right ? VTK_TEXT_RIGHT : VTK_TEXT_LEFT);
        renderer->AddActor2D(a.corners[index]);

        styleText(a.edges[index]);
        vtkTextProperty* edgeProperty = a.edges[index]->GetTextProperty();
        edgeProperty->SetBold(1);
        edgeProperty->SetColor(1.0, 0.85, 0.3);
        edgeProperty->SetJustification(index == 0 ? VTK_TEXT_LEFT : (index == 1 ? VTK_TEXT_RIGHT : VTK_TEXT_CENTERED));
        edgeProperty->SetVerticalJustification(
            index == 2 ? VTK_TEXT_TOP : (index == 3 ? VTK_TEXT_BOTTOM : VTK_TEXT_CENTERED));
        renderer->AddActor2D(a.edges[index]);
    }
    styleText(a.scaleBarLabel);
    a.scaleBarLabel->GetTextProperty()->SetJustificationToCentered();
    a.scaleBarLabel->GetTextProperty()->SetVerticalJustificationToBottom();
    renderer->AddActor2D(a.scaleBarLabel);

    a.scaleBarPoints->SetNumberOfPoints(4);
    vtkNew<vtkCellArray> lines;
    const vtkIdType polyline[4] = { 0, 1, 2, 3 };
    lines->InsertNextCell(4, polyline);
    a.scaleBarLine->SetPoints(a.scaleBarPoints);
    a.scaleBarLine->SetLines(lines);
    a.scaleBarMapper->SetInputData(a.scaleBarLine);
    a.scaleBar->SetMapper(a.scaleBarMapper);
    a.scaleBar->GetProperty()->SetColor(0.95, 0.95, 0.75);
    a.scaleBar->GetProperty()->SetLineWidth(2.0f);
    renderer->AddActor2D(a.scaleBar);
}

SliceOverlay::~SliceOverlay() = default;

void SliceOverlay::setVisible(bool visible)
{
    m_visible = visible;
    Actors& a = *m_actors;
    for (int index = 0; index < 4; ++index) {
        a.corners[index]->SetVisibility(visible);
        a.edges[index]->SetVisibility(visible);
    }
    a.scaleBar->SetVisibility(visible && m_scaleBarLengthMm > 0.0);
    a.scaleBarLabel->SetVisibility(visible && m_scaleBarLengthMm > 0.0);
}

void SliceOverlay::setCornerText(ViewCorner corner, const std::string& text)
{
    const int index = cornerIndex(corner);
    if (m_cornerTexts[index] == text) {
        return;
    }
    m_cornerTexts[index] = text;
    m_actors->corners[index]->SetInput(text.c_str());
    placeCorners();
}

std::vector<OverlayBox> SliceOverlay::boxesPx() const
{
    std::vector<OverlayBox> boxes;
    if (!m_visible) {
        return boxes;
    }
    const Actors& a = *m_actors;
    const double height = m_heightPx;
    auto add = [&](const char* name, vtkTextActor* actor, const std::string& text) {
        const auto [w, h] = textSizePx(actor, text);
        if (w == 0 || !actor->GetVisibility()) {
            return;
        }
        const double* position = actor->GetPositionCoordinate()->GetValue();
        const double x = position[0];
        const double y = position[1];
        vtkTextProperty* property = actor->GetTextProperty();
        const int horizontal = property->GetJustification();
        const int vertical = property->GetVerticalJustification();
        const double left = horizontal == VTK_TEXT_RIGHT ? x - w : (horizontal == VTK_TEXT_CENTERED ? x - w / 2.0 : x);
        const double bottomUp = vertical == VTK_TEXT_TOP ? y - h : (vertical == VTK_TEXT_CENTERED ? y - h / 2.0 : y);
        boxes.push_back({ name, left, height - (bottomUp + h), left + w, height - bottomUp });
    };
    static const char* cornerNames[4] = { "top-left", "top-right", "bottom-left", "bottom-right" };
    for (int index = 0; index < 4; ++index) {
        add(cornerNames[index], a.corners[index], m_cornerTexts[index]);
    }
    add("letter left", a.edges[0], m_edgeLabels.left);
    add("letter right", a.edges[1], m_edgeLabels.right);
    add("letter top", a.edges[2], m_edgeLabels.top);
    add("letter bottom", a.edges[3], m_edgeLabels.bottom);
    if (m_scaleBarLengthMm > 0.0) {
        add("scale bar label", a.scaleBarLabel, formatLengthMm(m_scaleBarLengthMm));
        // The bar itself (its end ticks rise beside the label, never into it).
        double start[3];
        double end[3];
        a.scaleBarPoints->GetPoint(1, start);
        a.scaleBarPoints->GetPoint(2, end);
        boxes.push_back({ "scale bar", start[0], height - start[1] - 1.0, end[0], height - start[1] + 1.0 });
    }
    return boxes;
}

std::pair<int, int> SliceOverlay::cornerTextSizePx(ViewCorner corner) const
{
    const int index = cornerIndex(corner);
    return textSizePx(m_actors->corners[index], m_cornerTexts[index]);
}

namespace {

// A text block along the top or bottom edge: its horizontal extent and height, and how far from the edge
// it ends up (0 = at the margin).
struct EdgeBlock {
    double left = 0.0;
    double right = 0.0;
    double height = 0.0;
    double offset = 0.0;
    bool present() const { return right > left; }
};

// Moves `block` away from the edge past every placed block it would overlap (greedy, in order).
void stackAwayFrom(EdgeBlock& block, std::initializer_list<const EdgeBlock*> placed)
{
    constexpr double kGapPx = 3.0;
    for (bool moved = true; moved;) {
        moved = false;
        for (const EdgeBlock* other : placed) {
            const bool sideBySide = block.right + kGapPx <= other->left || other->right + kGapPx <= block.left;
            const bool apart = block.offset >= other->offset + other->height + kGapPx
                || other->offset >= block.offset + block.height + kGapPx;
            if (other->present() && block.present() && !sideBySide && !apart) {
                block.offset = other->offset + other->height + kGapPx;
                moved = true;
            }
        }
    }
}

} // namespace

// The corner texts stay in their corners unless they would overlap the edge letter between them or each
// other (narrow views, e.g. 1x3 on a laptop): then they move away from the edge past it. The scale bar
// and its label sit above the bottom-right text and move with it.
void SliceOverlay::placeCorners()
{
    Actors& a = *m_actors;
    const double width = m_widthPx;
    const double height = m_heightPx;
    auto cornerBlock = [&](ViewCorner corner, bool right) {
        const auto [w, h] = cornerTextSizePx(corner);
        EdgeBlock block;
        block.left = right ? width - kMarginPx - w : kMarginPx;
        block.right = block.left + w;
        block.height = h;
        return block;
    };
    auto letterBlock = [&](int edge, const std::string& text) {
        const auto [w, h] = textSizePx(a.edges[edge], text);
        return EdgeBlock { width / 2.0 - w / 2.0, width / 2.0 + w / 2.0, static_cast<double>(h), 0.0 };
    };

    const EdgeBlock topLetter = letterBlock(2, m_edgeLabels.top);
    EdgeBlock topLeft = cornerBlock(ViewCorner::TopLeft, false);
    EdgeBlock topRight = cornerBlock(ViewCorner::TopRight, true);
    stackAwayFrom(topLeft, { &topLetter });
    stackAwayFrom(topRight, { &topLetter, &topLeft });

    const EdgeBlock bottomLetter = letterBlock(3, m_edgeLabels.bottom);
    EdgeBlock bottomLeft = cornerBlock(ViewCorner::BottomLeft, false);
    EdgeBlock bottomRight = cornerBlock(ViewCorner::BottomRight, true);
    // The scale bar with its label above the bottom-right text belongs to that block.
    const int fontSizePx = a.scaleBarLabel->GetTextProperty()->GetFontSize();
    const bool bar = m_scaleBarLengthMm > 0.0;
    const double textHeight = std::max(bottomRight.height, static_cast<double>(fontSizePx));
    const double barAboveTextPx = fontSizePx / 3.0 + 2.0;
    const auto [labelWidth, labelHeight]
        = bar ? textSizePx(a.scaleBarLabel, formatLengthMm(m_scaleBarLengthMm)) : std::pair<int, int> { 0, 0 };
    if (bar) {
        const double blockWidth = std::max(
            { bottomRight.right - bottomRight.left, m_scaleBarLengthPx + 2.0, static_cast<double>(labelWidth) });
        bottomRight.left = width - kMarginPx - blockWidth;
        bottomRight.right = width - kMarginPx;
        bottomRight.height = textHeight + barAboveTextPx + 3.0 + labelHeight;
    }
    stackAwayFrom(bottomLeft, { &bottomLetter });
    stackAwayFrom(bottomRight, { &bottomLetter, &bottomLeft });

    // VTK display coordinates have their origin at the bottom-left.
    placeAt(a.corners[cornerIndex(ViewCorner::TopLeft)], kMarginPx, height - kMarginPx - topLeft.offset);
    placeAt(a.corners[cornerIndex(ViewCorner::TopRight)], width - kMarginPx, height - kMarginPx - topRight.offset);
    placeAt(a.corners[cornerIndex(ViewCorner::BottomLeft)], kMarginPx, kMarginPx + bottomLeft.offset);
    placeAt(a.corners[cornerIndex(ViewCorner::BottomRight)], width - kMarginPx, kMarginPx + bottomRight.offset);

    const bool barShown = m_visible && bar;
    a.scaleBar->SetVisibility(barShown);
    a.scaleBarLabel->SetVisibility(barShown);
    if (!bar) {
        return;
    }
    const double rightX = width - kMarginPx - 2.0;
    const double leftX = rightX - m_scaleBarLengthPx;
    const double barY = kMarginPx + bottomRight.offset + textHeight + barAboveTextPx;
    a.scaleBarPoints->SetPoint(0, leftX, barY + kScaleBarTickPx, 0.0);
    a.scaleBarPoints->SetPoint(1, leftX, barY, 0.0);
    a.scaleBarPoints->SetPoint(2, rightX, barY, 0.0);
    a.scaleBarPoints->SetPoint(3, rightX, barY + kScaleBarTickPx, 0.0);
    a.scaleBarPoints->Modified();
    a.scaleBarLabel->SetInput(formatLengthMm(m_scaleBarLengthMm).c_str());
    // Centred over the bar, but never past the view's right edge (a short bar in a narrow view).
    const double labelCentreX = std::min((leftX + rightX) / 2.0, width - kMarginPx - labelWidth / 2.0);
    placeAt(a.scaleBarLabel, labelCentreX, barY + 3.0);
}

std::string SliceOverlay::cornerText(ViewCorner corner) const
{
    return m_cornerTexts[cornerIndex(corner)];
}

void SliceOverlay::clearTexts()
{
    for (ViewCorner corner :
        { ViewCorner::TopLeft, ViewCorner::TopRight, ViewCorner::BottomLeft, ViewCorner::BottomRight }) {
        setCornerText(corner, {});
    }
    setEdgeLabels({});
}

void SliceOverlay::setEdgeLabels(const EdgeLabels& labels)
{
    m_edgeLabels = labels;
    m_actors->edges[0]->SetInput(labels.left.c_str());
    m_actors->edges[1]->SetInput(labels.right.c_str());
    m_actors->edges[2]->SetInput(labels.top.c_str());
    m_actors->edges[3]->SetInput(labels.bottom.c_str());
    placeCorners();
}

void SliceOverlay::layout(int widthPx, int heightPx, double pixelsPerMm)
{
    Actors& a = *m_actors;
    m_widthPx = std::max(widthPx, 1);
    m_heightPx = std::max(heightPx, 1);
    const double width = m_widthPx;
    const double height = m_heightPx;
    const int fontSizePx = std::clamp(static_cast<int>(height / 56.0), 11, 22);
    for (int index = 0; index < 4; ++index) {
        a.corners[index]->GetTextProperty()->SetFontSize(fontSizePx);
        a.edges[index]->GetTextProperty()->SetFontSize(fontSizePx + 2);
    }
    a.scaleBarLabel->GetTextProperty()->SetFontSize(fontSizePx);

    // VTK display coordinates have their origin at the bottom-left.
    placeAt(a.edges[0], kMarginPx, height / 2.0);
    placeAt(a.edges[1], width - kMarginPx, height / 2.0);
    placeAt(a.edges[2], width / 2.0, height - kMarginPx);
    placeAt(a.edges[3], width / 2.0, kMarginPx);

    // The longest round length that takes at most a fifth of the width.
    static const double kRoundLengthsMm[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 };
    m_scaleBarLengthMm = 0.0;
    m_scaleBarLengthPx = 0.0;
    if (pixelsPerMm > 0.0) {
        for (double lengthMm : kRoundLengthsMm) {
            if (lengthMm * pixelsPerMm <= width / 5.0) {
                m_scaleBarLengthMm = lengthMm;
            }
        }
        if (m_scaleBarLengthMm * pixelsPerMm < 10.0) {
            m_scaleBarLengthMm = 0.0;
        }
        m_scaleBarLengthPx = m_scaleBarLengthMm * pixelsPerMm;
    }
    placeCorners();
}

} // namespace radmark::viewer
