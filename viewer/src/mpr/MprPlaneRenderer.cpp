#include "radmark/viewer/MprPlaneRenderer.h"

#include "PlaneImageProp.h"
#include "PlaneViewport.h"
#include "SliceOverlay.h"
#include "SliceTextFormat.h"
#include "VolumeImageData.h"
#include "mpr/DisplayLines.h"

#include "radmark/annotation/MarkPlaneIntersection.h"

#include <vtkCamera.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace radmark::viewer {

namespace {

constexpr double kCrosshairGapPx = 10.0;
constexpr double kMarkPointHalfSizePx = 5.0;
constexpr std::array<double, 3> kMarkColour = { 1.0, 0.85, 0.2 };

const char* planeTitle(annotation::MprOrientation orientation)
{
    switch (orientation) {
    case annotation::MprOrientation::Axial:
        return "Axial";
    case annotation::MprOrientation::Coronal:
        return "Coronal";
    case annotation::MprOrientation::Sagittal:
        return "Sagittal";
    }
    return "";
}

annotation::MprOrientation planeWithNormalAxis(int axis)
{
    return axis == 0 ? annotation::MprOrientation::Sagittal
                     : (axis == 1 ? annotation::MprOrientation::Coronal : annotation::MprOrientation::Axial);
}

int dominantAxis(const annotation::Vector3& direction)
{
    const double ax = std::abs(direction.x);
    const double ay = std::abs(direction.y);
    const double az = std::abs(direction.z);
    return ax >= ay && ax >= az ? 0 : (ay >= az ? 1 : 2);
}

} // namespace

std::array<double, 3> mprPlaneColour(annotation::MprOrientation orientation)
{
    switch (orientation) {
    case annotation::MprOrientation::Axial:
        return { 1.0, 0.3, 0.3 };
    case annotation::MprOrientation::Coronal:
        return { 0.3, 0.9, 0.3 };
    case annotation::MprOrientation::Sagittal:
        return { 0.35, 0.6, 1.0 };
    }
    return { 1.0, 1.0, 1.0 };
}

struct MprPlaneRenderer::Private {
    annotation::MprOrientation orientation;
    std::shared_ptr<const annotation::PlaneResampler> resampler;
    annotation::PlaneGrid grid;
    std::shared_ptr<annotation::ImageVolume> planeImage;
    vtkSmartPointer<vtkImageData> imageData;
    vtkNew<vtkRenderer> renderer;
    std::unique_ptr<PlaneImageProp> image;
    std::unique_ptr<SliceOverlay> overlay;
    std::unique_ptr<DisplayLines> crosshairLines;
    std::unique_ptr<DisplayLines> markLines;

    annotation::Vector3 crosshair;
    bool crosshairVisible = true;
    annotation::WindowLevel window;
    SliceOverlayText overlayText;
    std::string hoverText;
    const annotation::AnnotationDocument* document = nullptr;
    std::string seriesUid;
    int drawnMarkShapes = 0;

    // The world is the plane image's frame in mm (x = column * spacing, y = row * spacing, z = 0).
    PlaneViewport view;

    explicit Private(annotation::MprOrientation o)
        : orientation(o)
    {
    }

    int normalAxis() const { return annotation::mprNormalAxis(orientation); }
    std::pair<double, double> toDisplay(double column, double row) const
    {
        return view.mapping(grid.columnSpacingMm, grid.rowSpacingMm).toDisplay({ column, row });
    }
    std::pair<double, double> toPlanePixel(double xPx, double yPx) const
    {
        const annotation::PixelPoint pointPx = view.mapping(grid.columnSpacingMm, grid.rowSpacingMm).toPixel(xPx, yPx);
        return { pointPx.column, pointPx.row };
    }
    void reslice();
    void updateCamera();
    void updateTexts();
    void updateLines();
};

void MprPlaneRenderer::Private::reslice()
{
    if (!resampler || !planeImage) {
        return;
    }
    resampler->resample(grid, *planeImage);
    imageData->GetPointData()->GetScalars()->Modified();
    imageData->Modified();
}

void MprPlaneRenderer::Private::updateCamera()
{
    view.applyTo(*renderer->GetActiveCamera(), 0.0);
    overlay->layout(view.widthPx(), view.heightPx(), planeImage ? view.pixelsPerMm() : 0.0);
    updateLines();
}

void MprPlaneRenderer::Private::updateTexts()
{
    if (!planeImage) {
        overlay->clearTexts();
        return;
    }
    overlay->setCornerText(ViewCorner::TopLeft, seriesHeaderText(overlayText));
    static const char* axisNames[3] = { "x", "y", "z" };
    const int axis = normalAxis();
    const double position = crosshair[axis];
    const annotation::ImageGeometry& g = resampler->volume().geometry();
    char planeLine[64];
    std::snprintf(planeLine, sizeof(planeLine), "%s %d / %d", planeTitle(orientation),
        annotation::mprPlaneIndexAt(g, orientation, position) + 1, annotation::mprPlaneCount(g, orientation));
    char positionLine[64];
    std::snprintf(positionLine, sizeof(positionLine), "%s %.1f mm (%s)", axisNames[axis], position,
        axis == 0       ? (position >= 0 ? "L" : "R")
            : axis == 1 ? (position >= 0 ? "P" : "A")
                        : (position >= 0 ? "S" : "I"));
    overlay->setCornerText(ViewCorner::BottomLeft, joinLines({ planeLine, positionLine }));
    overlay->setCornerText(ViewCorner::BottomRight, windowLevelText(window));
    overlay->setCornerText(ViewCorner::TopRight, hoverText);
    overlay->setEdgeLabels(edgeLabelsFacing(grid.rightLps, grid.downLps));
}

void MprPlaneRenderer::Private::updateLines()
{
    crosshairLines->clear();
    markLines->clear();
    drawnMarkShapes = 0;
    if (planeImage) {
        double column = 0.0;
        double row = 0.0;
        grid.toPixel(crosshair, &column, &row);
        const auto [x, y] = toDisplay(column, row);
        const auto vertical = mprPlaneColour(planeWithNormalAxis(dominantAxis(grid.rightLps)));
        const auto horizontal = mprPlaneColour(planeWithNormalAxis(dominantAxis(grid.downLps)));
        const double w = view.widthPx();
        const double h = view.heightPx();
        if (crosshairVisible) {
            crosshairLines->addSegment(x, 0.0, x, std::max(0.0, y - kCrosshairGapPx), vertical);
            crosshairLines->addSegment(x, std::min(h, y + kCrosshairGapPx), x, h, vertical);
            crosshairLines->addSegment(0.0, y, std::max(0.0, x - kCrosshairGapPx), y, horizontal);
            crosshairLines->addSegment(std::min(w, x + kCrosshairGapPx), y, w, y, horizontal);
        }
        if (document != nullptr && resampler) {
            const annotation::ImageGeometry& seriesGeometry = resampler->volume().geometry();
            const double halfThicknessMm
                = std::max(0.5, annotation::samplingDistanceAlongAxisMm(seriesGeometry, normalAxis()) / 2.0);
            for (const annotation::LesionMark& mark : document->marks()) {
                if (mark.slice.seriesUid != seriesUid) {
                    continue;
                }
                const auto shapes = annotation::intersectMarkWithPlane(mark, seriesGeometry, grid, halfThicknessMm);
                for (const annotation::PlaneMarkShape& shape : shapes) {
                    ++drawnMarkShapes;
                    const std::size_t count = shape.pointsPx.size();
                    if (count == 1) {
                        const auto [px, py] = toDisplay(shape.pointsPx[0].column, shape.pointsPx[0].row);
                        markLines->addCross(px, py, kMarkPointHalfSizePx, kMarkColour);
                        continue;
                    }
                    const std::size_t segments = shape.closed ? count : count - 1;
                    for (std::size_t index = 0; index < segments; ++index) {
                        const auto& a = shape.pointsPx[index];
                        const auto& b = shape.pointsPx[(index + 1) % count];
                        const auto [ax, ay] = toDisplay(a.column, a.row);
                        const auto [bx, by] = toDisplay(b.column, b.row);
                        markLines->addSegment(ax, ay, bx, by, kMarkColour);
                    }
                }
            }
        }
    }
    crosshairLines->commit(view.heightPx());
    markLines->commit(view.heightPx());
}

MprPlaneRenderer::MprPlaneRenderer(annotation::MprOrientation orientation)
    : m_private(std::make_unique<Private>(orientation))
{
    Private& p = *m_private;
    p.image = std::make_unique<PlaneImageProp>(p.renderer);
    p.renderer->SetBackground(0.0, 0.0, 0.0);
    p.markLines = std::make_unique<DisplayLines>(p.renderer, 2.0f);
    p.crosshairLines = std::make_unique<DisplayLines>(p.renderer, 1.0f);
    p.overlay = std::make_unique<SliceOverlay>(p.renderer);
    p.updateCamera();
    p.updateTexts();
}

MprPlaneRenderer::~MprPlaneRenderer() = default;

annotation::MprOrientation MprPlaneRenderer::orientation() const
{
    return m_private->orientation;
}

void MprPlaneRenderer::setResampler(std::shared_ptr<const annotation::PlaneResampler> resampler)
{
    Private& p = *m_private;
    p.hoverText.clear();
    p.resampler = std::move(resampler);
    if (!p.resampler || annotation::mprUnavailableReason(p.resampler->volume())) {
        p.resampler = nullptr;
        p.planeImage = nullptr;
        p.imageData = nullptr;
        p.image->hide();
        p.view.clearImageExtent();
        p.updateTexts();
        p.updateCamera();
        return;
    }
    const annotation::ImageGeometry& g = p.resampler->volume().geometry();
    p.crosshair = annotation::patientBounds(g).centreLpsMm();
    p.grid = annotation::mprPlaneGrid(g, p.orientation, p.crosshair);
    p.planeImage = p.resampler->makePlaneImage(p.grid);
    p.imageData = wrapVolume(p.planeImage);
    p.image->show(p.imageData, 0);
    p.view.setImageExtent(p.grid.columns, p.grid.rows, p.grid.columnSpacingMm, p.grid.rowSpacingMm);
    p.reslice();
    setWindowLevel(p.resampler->volume().defaultWindow());
    fitToViewport();
}

const annotation::ImageVolume* MprPlaneRenderer::volume() const
{
    return m_private->resampler ? &m_private->resampler->volume() : nullptr;
}

void MprPlaneRenderer::setCrosshair(const annotation::Vector3& pointLpsMm)
{
    Private& p = *m_private;
    const int axis = p.normalAxis();
    const bool planeMoved = pointLpsMm[axis] != p.crosshair[axis];
    p.crosshair = pointLpsMm;
    if (planeMoved && p.planeImage) {
        annotation::Vector3 origin = p.grid.originLpsMm;
        (axis == 0 ? origin.x : axis == 1 ? origin.y : origin.z) = pointLpsMm[axis];
        p.grid.originLpsMm = origin;
        p.reslice();
    }
    p.updateTexts();
    p.updateLines();
}

annotation::Vector3 MprPlaneRenderer::crosshair() const
{
    return m_private->crosshair;
}

void MprPlaneRenderer::setCrosshairVisible(bool visible)
{
    m_private->crosshairVisible = visible;
    m_private->updateLines();
}

const annotation::PlaneGrid& MprPlaneRenderer::planeGrid() const
{
    return m_private->grid;
}

std::shared_ptr<const annotation::ImageVolume> MprPlaneRenderer::planeImage() const
{
    return m_private->planeImage;
}

double MprPlaneRenderer::stepAlongNormalMm() const
{
    const Private& p = *m_private;
    return p.resampler ? annotation::samplingDistanceAlongAxisMm(p.resampler->volume().geometry(), p.normalAxis())
                       : 1.0;
}

annotation::WindowLevel MprPlaneRenderer::windowLevel() const
{
    return m_private->window;
}

void MprPlaneRenderer::setWindowLevel(const annotation::WindowLevel& window)
{
    m_private->window = m_private->image->setWindowLevel(window);
    m_private->updateTexts();
}

void MprPlaneRenderer::setOverlayText(const SliceOverlayText& text)
{
    m_private->overlayText = text;
    m_private->updateTexts();
}

void MprPlaneRenderer::setIdentifyingTextVisible(bool visible)
{
    m_private->overlayText.showIdentifyingText = visible;
    m_private->updateTexts();
}

void MprPlaneRenderer::setOverlayVisible(bool visible)
{
    m_private->overlay->setVisible(visible);
}

bool MprPlaneRenderer::overlayVisible() const
{
    return m_private->overlay->visible();
}

void MprPlaneRenderer::setViewportSize(int widthPx, int heightPx)
{
    if (m_private->view.setSize(widthPx, heightPx)) {
        m_private->updateCamera();
    }
}

int MprPlaneRenderer::viewportWidthPx() const
{
    return m_private->view.widthPx();
}

int MprPlaneRenderer::viewportHeightPx() const
{
    return m_private->view.heightPx();
}

void MprPlaneRenderer::fitToViewport()
{
    m_private->view.fit();
    m_private->updateCamera();
}

void MprPlaneRenderer::zoomBy(double factor, double anchorXPx, double anchorYPx)
{
    if (m_private->view.zoomBy(factor, anchorXPx, anchorYPx)) {
        m_private->updateCamera();
    }
}

void MprPlaneRenderer::panBy(double deltaXPx, double deltaYPx)
{
    m_private->view.panBy(deltaXPx, deltaYPx);
    m_private->updateCamera();
}

double MprPlaneRenderer::pixelsPerMm() const
{
    return m_private->view.pixelsPerMm();
}

annotation::Vector3 MprPlaneRenderer::patientPositionAt(double displayXPx, double displayYPx) const
{
    const auto [column, row] = m_private->toPlanePixel(displayXPx, displayYPx);
    annotation::Vector3 point = m_private->grid.toPatient(column, row);
    // Exactly on the plane, whatever rounding the grid's origin went through.
    const int axis = m_private->normalAxis();
    (axis == 0 ? point.x : axis == 1 ? point.y : point.z) = m_private->crosshair[axis];
    return point;
}

std::pair<double, double> MprPlaneRenderer::displayPositionOf(const annotation::Vector3& pointLpsMm) const
{
    double column = 0.0;
    double row = 0.0;
    m_private->grid.toPixel(pointLpsMm, &column, &row);
    return m_private->toDisplay(column, row);
}

std::string MprPlaneRenderer::readoutAt(double displayXPx, double displayYPx) const
{
    const Private& p = *m_private;
    if (!p.planeImage) {
        return {};
    }
    const auto [column, row] = p.toPlanePixel(displayXPx, displayYPx);
    const int i = static_cast<int>(std::lround(column));
    const int j = static_cast<int>(std::lround(row));
    if (!p.planeImage->contains(i, j, 0)) {
        return {};
    }
    const annotation::Vector3 point = patientPositionAt(displayXPx, displayYPx);
    const annotation::VoxelCoordinate voxel = p.resampler->volume().geometry().patientToVoxel(point);
    const annotation::ImageGeometry& g = p.resampler->volume().geometry();
    if (voxel.i < -0.5 || voxel.j < -0.5 || voxel.k < -0.5 || voxel.i > g.columns - 0.5 || voxel.j > g.rows - 0.5
        || voxel.k > g.slices - 0.5) {
        return {};
    }
    const std::string& unit = p.planeImage->valueUnit();
    const std::string value = formatNumber(p.planeImage->valueAt(i, j, 0));
    return hoverReadoutLines(std::lround(voxel.i), std::lround(voxel.j), std::lround(voxel.k), g.slices, point,
        unit.empty() ? value : value + " " + unit);
}

void MprPlaneRenderer::setHoverReadout(const std::string& text)
{
    m_private->hoverText = text;
    m_private->updateTexts();
}

void MprPlaneRenderer::setAnnotationDocument(
    const annotation::AnnotationDocument* document, const std::string& seriesUid)
{
    m_private->document = document;
    m_private->seriesUid = seriesUid;
    m_private->updateLines();
}

void MprPlaneRenderer::markOverlayChanged()
{
    m_private->updateLines();
}

int MprPlaneRenderer::drawnMarkShapeCount() const
{
    return m_private->drawnMarkShapes;
}

EdgeLabels MprPlaneRenderer::edgeLabels() const
{
    return m_private->overlay->edgeLabels();
}

std::vector<OverlayBox> MprPlaneRenderer::overlayBoxesPx() const
{
    return m_private->overlay->boxesPx();
}

std::string MprPlaneRenderer::cornerText(ViewCorner corner) const
{
    return m_private->overlay->cornerText(corner);
}

double MprPlaneRenderer::scaleBarLengthMm() const
{
    return m_private->overlay->scaleBarLengthMm();
}

vtkRenderer* MprPlaneRenderer::renderer() const
{
    return m_private->renderer;
}

} // namespace radmark::viewer
