#include "radmark/viewer/SliceRenderer.h"

#include "MarkOverlay.h"
#include "PlaneImageProp.h"
#include "PlaneViewport.h"
#include "SliceOverlay.h"
#include "SliceTextFormat.h"
#include "VolumeImageData.h"
#include "radmark/annotation/SliceDisplayOrientation.h"
#include "radmark/viewer/SaliencyOverlay.h"

#include <vtkCamera.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace radmark::viewer {

struct SliceRenderer::Private {
    std::shared_ptr<const annotation::ImageVolume> volume;
    vtkSmartPointer<vtkImageData> imageData;
    vtkNew<vtkRenderer> renderer;
    std::unique_ptr<PlaneImageProp> image;
    std::unique_ptr<SliceOverlay> overlay;
    std::unique_ptr<MarkOverlay> marks;
    std::unique_ptr<SaliencyOverlay> saliency;
    MarkOverlayState markState;

    int sliceIndex = 0;
    annotation::WindowLevel window;
    SliceOverlayText overlayText;
    std::optional<VoxelProbe> hoverProbe;
    SliceInterpolation interpolation = SliceInterpolation::Linear;

    // The world is the DISPLAY image frame in mm (x = display column * its spacing, y = display row * its
    // spacing, z = slice index): the stored slice is transposed / mirrored into it (orientation) so that
    // it appears in the radiological orientation of its nearest anatomical plane. Marks stay in stored
    // pixels; mapping() converts both ways.
    PlaneViewport view;
    annotation::SliceDisplayOrientation orientation;

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
};

void SliceRenderer::Private::updateCamera()
{
    view.applyTo(*renderer->GetActiveCamera(), sliceIndex);
    overlay->layout(view.widthPx(), view.heightPx(), volume ? view.pixelsPerMm() : 0.0);
    saliency->showSlice(sliceIndex);
    updateMarks();
}

PixelDisplayMapping SliceRenderer::Private::mapping() const
{
    const annotation::ImageGeometry* g = geometry();
    const annotation::PixelSpacing display
        = orientation.displaySpacing({ g ? g->columnSpacingMm : 1.0, g ? g->rowSpacingMm : 1.0 });
    PixelDisplayMapping result = view.mapping(display.columnMm, display.rowMm);
    result.orientation = orientation;
    return result;
}

void SliceRenderer::Private::updateMarks()
{
    if (!volume) {
        marks->clear();
        return;
    }
    markState.sliceIndex = sliceIndex;
    markState.draftSpacing = { volume->geometry().columnSpacingMm, volume->geometry().rowSpacingMm };
    marks->update(markState, mapping(), overlay->boxesPx());
}

void SliceRenderer::Private::updateTexts()
{
    if (!volume) {
        overlay->clearTexts();
        return;
    }
    const annotation::ImageGeometry& g = volume->geometry();
    overlay->setCornerText(ViewCorner::TopLeft, seriesHeaderText(overlayText));
    char sliceLine[64];
    std::snprintf(sliceLine, sizeof(sliceLine), "Slice %d / %d", sliceIndex + 1, g.slices);
    char positionLine[64];
    std::snprintf(positionLine, sizeof(positionLine), "Pos %.1f mm", slicePositionAlongNormalMm(g, sliceIndex));
    overlay->setCornerText(ViewCorner::BottomLeft, joinLines({ sliceLine, positionLine }));
    overlay->setCornerText(ViewCorner::BottomRight, windowLevelText(window));
    overlay->setEdgeLabels(edgeLabelsFacing(orientation.displayRightLps(g.rowDirectionLps, g.columnDirectionLps),
        orientation.displayDownLps(g.rowDirectionLps, g.columnDirectionLps)));
    overlay->setCornerText(ViewCorner::TopRight, hoverProbe ? readoutText(*volume, *hoverProbe) : std::string());
}

SliceRenderer::SliceRenderer()
    : m_private(std::make_unique<Private>())
{
    Private& p = *m_private;
    p.overlay = std::make_unique<SliceOverlay>(p.renderer);
    p.marks = std::make_unique<MarkOverlay>(p.renderer);
    p.saliency = std::make_unique<SaliencyOverlay>(p.renderer);
    p.image = std::make_unique<PlaneImageProp>(p.renderer);
    p.window = p.image->setWindowLevel(p.window);
    p.renderer->SetBackground(0.0, 0.0, 0.0);
    p.updateAll();
}

SliceRenderer::~SliceRenderer() = default;

void SliceRenderer::setVolume(std::shared_ptr<const annotation::ImageVolume> volume)
{
    Private& p = *m_private;
    p.hoverProbe.reset();
    p.markState.draft = {};
    p.saliency->clearMap(); // a map belongs to the series it was loaded for
    p.volume = volume && volume->voxelCount() > 0 ? std::move(volume) : nullptr;
    if (!p.volume) {
        p.image->hide();
        p.imageData = nullptr;
        p.orientation = {};
        p.view.clearImageExtent();
        p.updateAll();
        return;
    }
    p.imageData = wrapVolume(p.volume);
    p.sliceIndex = p.volume->geometry().slices / 2;
    const annotation::ImageGeometry& g = p.volume->geometry();
    p.orientation
        = annotation::radiologicalDisplayOrientation(g.rowDirectionLps, g.columnDirectionLps, g.columns, g.rows);
    const annotation::PixelSpacing storedSpacing { g.columnSpacingMm, g.rowSpacingMm };
    const annotation::PixelSpacing displaySpacing = p.orientation.displaySpacing(storedSpacing);
    p.image->setInPlaneAffine(p.orientation.storedToDisplayMm(storedSpacing));
    p.saliency->setStoredToDisplayMm(p.orientation.storedToDisplayMm(storedSpacing));
    p.image->show(p.imageData, p.sliceIndex);
    p.view.setImageExtent(
        p.orientation.displayColumns(), p.orientation.displayRows(), displaySpacing.columnMm, displaySpacing.rowMm);
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
    p.image->setSliceNumber(clamped);
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
    m_private->window = m_private->image->setWindowLevel(window);
    m_private->updateTexts();
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
    if (m_private->view.setSize(widthPx, heightPx)) {
        m_private->updateCamera();
    }
}

int SliceRenderer::viewportWidthPx() const
{
    return m_private->view.widthPx();
}

int SliceRenderer::viewportHeightPx() const
{
    return m_private->view.heightPx();
}

void SliceRenderer::fitToViewport()
{
    m_private->view.fit();
    m_private->updateCamera();
}

void SliceRenderer::zoomBy(double factor, double anchorXPx, double anchorYPx)
{
    if (m_private->view.zoomBy(factor, anchorXPx, anchorYPx)) {
        m_private->updateCamera();
    }
}

void SliceRenderer::panBy(double deltaXPx, double deltaYPx)
{
    m_private->view.panBy(deltaXPx, deltaYPx);
    m_private->updateCamera();
}

double SliceRenderer::zoomFactor() const
{
    const annotation::ImageGeometry* g = m_private->geometry();
    return m_private->view.pixelsPerMm() * (g ? g->columnSpacingMm : 1.0);
}

double SliceRenderer::pixelsPerMm() const
{
    return m_private->view.pixelsPerMm();
}

VoxelProbe SliceRenderer::probeAt(double displayXPx, double displayYPx) const
{
    const Private& p = *m_private;
    VoxelProbe probe;
    const annotation::ImageGeometry* g = p.geometry();
    if (g == nullptr) {
        return probe;
    }
    const annotation::PixelPoint pointPx = p.mapping().toPixel(displayXPx, displayYPx);
    probe.voxel = { pointPx.column, pointPx.row, static_cast<double>(p.sliceIndex) };
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
    return p.mapping().toDisplay({ voxel.i, voxel.j });
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

void SliceRenderer::setMarkAuthorColors(const std::vector<std::pair<std::string, std::array<double, 3>>>& colors)
{
    m_private->markState.authorColors = colors;
    m_private->updateMarks();
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

std::vector<std::array<double, 4>> SliceRenderer::markLabelRectsPx() const
{
    return m_private->marks->labelRectsPx();
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
    m_private->image->setNearestInterpolation(interpolation == SliceInterpolation::Nearest);
}

SliceInterpolation SliceRenderer::interpolation() const
{
    return m_private->interpolation;
}

void SliceRenderer::setImageDrawing(SliceImageDrawing drawing)
{
    m_private->image->setDrawing(drawing);
}

SliceImageDrawing SliceRenderer::imageDrawing() const
{
    return m_private->image->drawing();
}

int SliceRenderer::sliceTextureUploadCount() const
{
    return m_private->image->textureUploadCount();
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

std::vector<OverlayBox> SliceRenderer::overlayBoxesPx() const
{
    return m_private->overlay->boxesPx();
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

annotation::SliceDisplayOrientation SliceRenderer::displayOrientation() const
{
    return m_private->orientation;
}

} // namespace radmark::viewer
