#include "radmark/viewer/SliceRenderer.h"

#include "MarkOverlay.h"
#include "radmark/viewer/SaliencyOverlay.h"
#include "SliceOverlay.h"
#include "SliceTextFormat.h"
#include "VolumeImageData.h"

#include "radmark/annotation/OrientationLabels.h"

#include <vtkCamera.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkNew.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace radmark::viewer {

namespace {

// Distance of the camera from the slice plane in the (arbitrary) world z unit: one unit per slice.
constexpr double kCameraDistance = 100.0;

}  // namespace

struct SliceRenderer::Private {
    std::shared_ptr<const annotation::ImageVolume> volume;
    vtkSmartPointer<vtkImageData> imageData;
    vtkNew<vtkImageSliceMapper> mapper;
    vtkNew<vtkImageProperty> property;
    vtkNew<vtkImageSlice> slice;
    vtkNew<vtkRenderer> renderer;
    std::unique_ptr<SliceOverlay> overlay;
    std::unique_ptr<MarkOverlay> marks;
    std::unique_ptr<SaliencyOverlay> saliency;
    MarkOverlayState markState;

    int sliceIndex = 0;
    annotation::WindowLevel window;
    SliceOverlayText overlayText;
    std::optional<VoxelProbe> hoverProbe;
    SliceInterpolation interpolation = SliceInterpolation::Linear;

    int viewportWidthPx = 512;
    int viewportHeightPx = 512;
    // The view: image-frame point (x = i * column spacing, y = j * row spacing) at the viewport centre.
    double centerXMm = 0.0;
    double centerYMm = 0.0;
    double pixelsPerMm = 1.0;
    // While true the view refits itself whenever the viewport changes size.
    bool fitted = true;

    const annotation::ImageGeometry* geometry() const { return volume ? &volume->geometry() : nullptr; }
    void updateCamera();
    void updateTexts();
    void updateMarks();
    PixelDisplayMapping mapping() const;
    void updateAll()
    {
        updateCamera();
        updateTexts();
    }
    std::pair<double, double> displayToImageMm(double xPx, double yPx) const
    {
        return {centerXMm + (xPx - viewportWidthPx / 2.0) / pixelsPerMm,
                centerYMm + (yPx - viewportHeightPx / 2.0) / pixelsPerMm};
    }
};

void SliceRenderer::Private::updateCamera()
{
    vtkCamera* camera = renderer->GetActiveCamera();
    camera->ParallelProjectionOn();
    // Looking along +z with view-up -y puts column i to the right and row j downwards.
    camera->SetFocalPoint(centerXMm, centerYMm, sliceIndex);
    camera->SetPosition(centerXMm, centerYMm, sliceIndex - kCameraDistance);
    camera->SetViewUp(0.0, -1.0, 0.0);
    camera->SetParallelScale(viewportHeightPx / (2.0 * pixelsPerMm));
    camera->SetClippingRange(kCameraDistance / 2.0, kCameraDistance * 1.5);
    overlay->layout(viewportWidthPx, viewportHeightPx, volume ? pixelsPerMm : 0.0);
    saliency->showSlice(sliceIndex);
    updateMarks();
}

PixelDisplayMapping SliceRenderer::Private::mapping() const
{
    PixelDisplayMapping result;
    result.centerXMm = centerXMm;
    result.centerYMm = centerYMm;
    result.pixelsPerMm = pixelsPerMm;
    if (const annotation::ImageGeometry* g = geometry()) {
        result.columnSpacingMm = g->columnSpacingMm;
        result.rowSpacingMm = g->rowSpacingMm;
    }
    result.viewportWidthPx = viewportWidthPx;
    result.viewportHeightPx = viewportHeightPx;
    return result;
}

void SliceRenderer::Private::updateMarks()
{
    if (!volume) {
        marks->clear();
        return;
    }
    markState.sliceIndex = sliceIndex;
    markState.draftSpacing = {volume->geometry().columnSpacingMm, volume->geometry().rowSpacingMm};
    marks->update(markState, mapping());
}

void SliceRenderer::Private::updateTexts()
{
    if (!volume) {
        for (ViewCorner corner : {ViewCorner::TopLeft, ViewCorner::TopRight, ViewCorner::BottomLeft,
                                  ViewCorner::BottomRight}) {
            overlay->setCornerText(corner, {});
        }
        overlay->setEdgeLabels({});
        return;
    }
    const annotation::ImageGeometry& g = volume->geometry();
    std::string identifying;
    if (overlayText.showIdentifyingText) {
        const std::string ageAndSex = overlayText.patientAge.empty() || overlayText.patientSex.empty()
                                          ? overlayText.patientAge + overlayText.patientSex
                                          : overlayText.patientAge + " " + overlayText.patientSex;
        identifying = joinLines({ageAndSex, overlayText.institutionName});
    }
    overlay->setCornerText(ViewCorner::TopLeft,
                           joinLines({identifying, overlayText.modality, overlayText.seriesDescription}));
    char sliceLine[64];
    std::snprintf(sliceLine, sizeof(sliceLine), "Slice %d / %d", sliceIndex + 1, g.slices);
    char positionLine[64];
    std::snprintf(positionLine, sizeof(positionLine), "Pos %.1f mm", slicePositionAlongNormalMm(g, sliceIndex));
    overlay->setCornerText(ViewCorner::BottomLeft, joinLines({sliceLine, positionLine}));
    overlay->setCornerText(ViewCorner::BottomRight,
                           "W " + formatNumber(window.width) + " L " + formatNumber(window.level));

    EdgeLabels labels;
    labels.right = annotation::orientationLabel(g.rowDirectionLps);
    labels.left = annotation::orientationLabel(g.rowDirectionLps * -1.0);
    labels.bottom = annotation::orientationLabel(g.columnDirectionLps);
    labels.top = annotation::orientationLabel(g.columnDirectionLps * -1.0);
    overlay->setEdgeLabels(labels);
    overlay->setCornerText(ViewCorner::TopRight, hoverProbe ? readoutText(*volume, *hoverProbe) : std::string());
}

SliceRenderer::SliceRenderer() : m_private(std::make_unique<Private>())
{
    Private& p = *m_private;
    p.overlay = std::make_unique<SliceOverlay>(p.renderer);
    p.marks = std::make_unique<MarkOverlay>(p.renderer);
    p.saliency = std::make_unique<SaliencyOverlay>(p.renderer);
    p.mapper->SetOrientationToZ();
    p.mapper->SliceAtFocalPointOff();
    p.mapper->SliceFacesCameraOff();
    // The textured polygon covers whole edge pixels, not just up to their centres.
    p.mapper->BorderOn();
    p.property->SetInterpolationTypeToLinear();
    p.property->SetColorWindow(p.window.width);
    p.property->SetColorLevel(p.window.level);
    p.slice->SetMapper(p.mapper);
    p.slice->SetProperty(p.property);
    p.slice->VisibilityOff();
    p.renderer->AddViewProp(p.slice);
    p.renderer->SetBackground(0.0, 0.0, 0.0);
    p.updateAll();
}

SliceRenderer::~SliceRenderer() = default;

void SliceRenderer::setVolume(std::shared_ptr<const annotation::ImageVolume> volume)
{
    Private& p = *m_private;
    p.hoverProbe.reset();
    p.markState.draft = {};
    p.saliency->clearMap();  // a map belongs to the series it was loaded for
    p.volume = volume && volume->voxelCount() > 0 ? std::move(volume) : nullptr;
    if (!p.volume) {
        p.slice->VisibilityOff();
        p.mapper->RemoveAllInputs();
        p.imageData = nullptr;
        p.updateAll();
        return;
    }
    p.imageData = wrapVolume(p.volume);
    p.mapper->SetInputData(p.imageData);
    p.slice->VisibilityOn();
    p.sliceIndex = p.volume->geometry().slices / 2;
    p.mapper->SetSliceNumber(p.sliceIndex);
    setWindowLevel(p.volume->defaultWindow());
    fitToViewport();
}

const annotation::ImageVolume* SliceRenderer::volume() const
{
    return m_private->volume.get();
}

int SliceRenderer::sliceCount() const
{
    return m_private->volume ? m_private->volume->geometry().slices : 0;
}

int SliceRenderer::sliceIndex() const
{
    return m_private->sliceIndex;
}

void SliceRenderer::setSliceIndex(int k)
{
    Private& p = *m_private;
    const int clamped = std::clamp(k, 0, std::max(sliceCount() - 1, 0));
    if (clamped == p.sliceIndex) {
        return;
    }
    p.sliceIndex = clamped;
    p.mapper->SetSliceNumber(clamped);
    if (p.hoverProbe) {
        // The mouse stays where it is; what lies under it is now on the new slice.
        p.hoverProbe->voxel.k = clamped;
        if (p.hoverProbe->insideImage) {
            p.hoverProbe->patientLpsMm = p.volume->geometry().voxelToPatient(p.hoverProbe->voxel);
            p.hoverProbe->value = p.volume->valueAt(static_cast<int>(std::lround(p.hoverProbe->voxel.i)),
                                                    static_cast<int>(std::lround(p.hoverProbe->voxel.j)), clamped);
        }
    }
    p.updateAll();
}

annotation::WindowLevel SliceRenderer::windowLevel() const
{
    return m_private->window;
}

void SliceRenderer::setWindowLevel(const annotation::WindowLevel& window)
{
    Private& p = *m_private;
    p.window.width = std::max(window.width, 1e-3);
    p.window.level = window.level;
    p.property->SetColorWindow(p.window.width);
    p.property->SetColorLevel(p.window.level);
    p.updateTexts();
}

void SliceRenderer::setOverlayText(const SliceOverlayText& text)
{
    m_private->overlayText = text;
    m_private->updateTexts();
}

void SliceRenderer::setIdentifyingTextVisible(bool visible)
{
    m_private->overlayText.showIdentifyingText = visible;
    m_private->updateTexts();
}

bool SliceRenderer::identifyingTextVisible() const
{
    return m_private->overlayText.showIdentifyingText;
}

void SliceRenderer::setOverlayVisible(bool visible)
{
    m_private->overlay->setVisible(visible);
}

bool SliceRenderer::overlayVisible() const
{
    return m_private->overlay->visible();
}

void SliceRenderer::setViewportSize(int widthPx, int heightPx)
{
    Private& p = *m_private;
    widthPx = std::max(widthPx, 1);
    heightPx = std::max(heightPx, 1);
    if (widthPx == p.viewportWidthPx && heightPx == p.viewportHeightPx) {
        return;
    }
    p.viewportWidthPx = widthPx;
    p.viewportHeightPx = heightPx;
    if (p.fitted) {
        fitToViewport();
    } else {
        p.updateCamera();
    }
}

int SliceRenderer::viewportWidthPx() const
{
    return m_private->viewportWidthPx;
}

int SliceRenderer::viewportHeightPx() const
{
    return m_private->viewportHeightPx;
}

void SliceRenderer::fitToViewport()
{
    Private& p = *m_private;
    p.fitted = true;
    if (const annotation::ImageGeometry* g = p.geometry()) {
        const double widthMm = g->columns * g->columnSpacingMm;
        const double heightMm = g->rows * g->rowSpacingMm;
        p.pixelsPerMm = std::min(p.viewportWidthPx / widthMm, p.viewportHeightPx / heightMm);
        p.centerXMm = (g->columns - 1) * g->columnSpacingMm / 2.0;
        p.centerYMm = (g->rows - 1) * g->rowSpacingMm / 2.0;
    }
    p.updateCamera();
}

void SliceRenderer::zoomBy(double factor, double anchorXPx, double anchorYPx)
{
    Private& p = *m_private;
    if (!(factor > 0.0)) {
        return;
    }
    const auto [anchorXMm, anchorYMm] = p.displayToImageMm(anchorXPx, anchorYPx);
    p.pixelsPerMm = std::clamp(p.pixelsPerMm * factor, 1e-3, 1e4);
    p.centerXMm = anchorXMm - (anchorXPx - p.viewportWidthPx / 2.0) / p.pixelsPerMm;
    p.centerYMm = anchorYMm - (anchorYPx - p.viewportHeightPx / 2.0) / p.pixelsPerMm;
    p.fitted = false;
    p.updateCamera();
}

void SliceRenderer::panBy(double deltaXPx, double deltaYPx)
{
    Private& p = *m_private;
    p.centerXMm -= deltaXPx / p.pixelsPerMm;
    p.centerYMm -= deltaYPx / p.pixelsPerMm;
    p.fitted = false;
    p.updateCamera();
}

double SliceRenderer::zoomFactor() const
{
    const annotation::ImageGeometry* g = m_private->geometry();
    return m_private->pixelsPerMm * (g ? g->columnSpacingMm : 1.0);
}

double SliceRenderer::pixelsPerMm() const
{
    return m_private->pixelsPerMm;
}

VoxelProbe SliceRenderer::probeAt(double displayXPx, double displayYPx) const
{
    const Private& p = *m_private;
    VoxelProbe probe;
    const annotation::ImageGeometry* g = p.geometry();
    if (g == nullptr) {
        return probe;
    }
    const auto [xMm, yMm] = p.displayToImageMm(displayXPx, displayYPx);
    probe.voxel = {xMm / g->columnSpacingMm, yMm / g->rowSpacingMm, static_cast<double>(p.sliceIndex)};
    probe.patientLpsMm = g->voxelToPatient(probe.voxel);
    const int i = static_cast<int>(std::lround(probe.voxel.i));
    const int j = static_cast<int>(std::lround(probe.voxel.j));
    probe.insideImage = p.volume->contains(i, j, p.sliceIndex);
    probe.value = probe.insideImage ? p.volume->valueAt(i, j, p.sliceIndex) : 0.0;
    return probe;
}

std::optional<std::pair<double, double>> SliceRenderer::displayPositionOf(const annotation::Vector3& pointLpsMm) const
{
    const Private& p = *m_private;
    const annotation::ImageGeometry* g = p.geometry();
    if (g == nullptr) {
        return std::nullopt;
    }
    const annotation::VoxelCoordinate voxel = g->patientToVoxel(pointLpsMm);
    return p.mapping().toDisplay({voxel.i, voxel.j});
}

annotation::PixelPoint SliceRenderer::pixelAt(double displayXPx, double displayYPx) const
{
    return m_private->mapping().toPixel(displayXPx, displayYPx);
}

std::pair<double, double> SliceRenderer::displayPositionOfPixel(const annotation::PixelPoint& pointPx) const
{
    return m_private->mapping().toDisplay(pointPx);
}

void SliceRenderer::setAnnotationDocument(const annotation::AnnotationDocument* document)
{
    m_private->markState.document = document;
    m_private->updateMarks();
}

const annotation::AnnotationDocument* SliceRenderer::annotationDocument() const
{
    return m_private->markState.document;
}

void SliceRenderer::setShownSeriesUid(const std::string& seriesUid)
{
    m_private->markState.seriesUid = seriesUid;
    m_private->updateMarks();
}

const std::string& SliceRenderer::shownSeriesUid() const
{
    return m_private->markState.seriesUid;
}

void SliceRenderer::setSelectedMarkId(const annotation::MarkId& id)
{
    if (id != m_private->markState.selectedMarkId) {
        m_private->markState.selectedMarkId = id;
        m_private->updateMarks();
    }
}

const annotation::MarkId& SliceRenderer::selectedMarkId() const
{
    return m_private->markState.selectedMarkId;
}

void SliceRenderer::setHoveredMarkId(const annotation::MarkId& id)
{
    if (id != m_private->markState.hoveredMarkId) {
        m_private->markState.hoveredMarkId = id;
        m_private->updateMarks();
    }
}

const annotation::MarkId& SliceRenderer::hoveredMarkId() const
{
    return m_private->markState.hoveredMarkId;
}

void SliceRenderer::setToolDraft(const annotation::ToolDraft& draft)
{
    m_private->markState.draft = draft;
    m_private->updateMarks();
}

void SliceRenderer::markOverlayChanged()
{
    m_private->updateMarks();
}

int SliceRenderer::drawnMarkCount() const
{
    return m_private->marks->drawList().markCount;
}

double SliceRenderer::handleSizePx()
{
    return kHandleSizePx;
}

void SliceRenderer::setHoverProbe(const std::optional<VoxelProbe>& probe)
{
    m_private->hoverProbe = probe;
    m_private->updateTexts();
}

std::optional<VoxelProbe> SliceRenderer::hoverProbe() const
{
    return m_private->hoverProbe;
}

SaliencyOverlay& SliceRenderer::saliencyOverlay()
{
    return *m_private->saliency;
}

vtkRenderer* SliceRenderer::renderer() const
{
    return m_private->renderer;
}

void SliceRenderer::setInterpolation(SliceInterpolation interpolation)
{
    m_private->interpolation = interpolation;
    if (interpolation == SliceInterpolation::Linear) {
        m_private->property->SetInterpolationTypeToLinear();
    } else {
        m_private->property->SetInterpolationTypeToNearest();
    }
}

SliceInterpolation SliceRenderer::interpolation() const
{
    return m_private->interpolation;
}

EdgeLabels SliceRenderer::edgeLabels() const
{
    return m_private->overlay->edgeLabels();
}

std::string SliceRenderer::cornerText(ViewCorner corner) const
{
    return m_private->overlay->cornerText(corner);
}

double SliceRenderer::scaleBarLengthMm() const
{
    return m_private->overlay->scaleBarLengthMm();
}

double SliceRenderer::scaleBarLengthPx() const
{
    return m_private->overlay->scaleBarLengthPx();
}

std::string SliceRenderer::hoverReadout(const VoxelProbe& probe) const
{
    return m_private->volume ? readoutText(*m_private->volume, probe) : std::string();
}

double SliceRenderer::slicePositionMm(int k) const
{
    return m_private->volume ? slicePositionAlongNormalMm(m_private->volume->geometry(), k) : 0.0;
}

}  // namespace radmark::viewer
