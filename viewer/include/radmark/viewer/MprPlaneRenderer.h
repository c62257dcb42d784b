#pragma once

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/ImageVolume.h"
#include "radmark/annotation/MprPlane.h"
#include "radmark/annotation/PlaneResampler.h"
#include "radmark/viewer/SliceOverlayText.h"
#include "radmark/viewer/SliceRenderer.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

class vtkRenderer;

namespace radmark::viewer {

// The scene of one MPR view (axial, coronal or sagittal through the crosshair point, resliced in
// patient space by a PlaneResampler shared by all views of the volume): the plane image with
// window/level, the crosshair lines of the two other planes, orientation letters, a scale bar in mm,
// corner text (plane, position, W/L, hover readout) and the lesion marks that meet the plane.
// Used by the on-screen MprViewWidget and by headless rendering.
//
// Display coordinates are device pixels with the origin at the top-left of the viewport. The plane
// image buffer is this renderer's only copy of voxels (one plane, not a volume); it is rewritten in
// place when the crosshair leaves the plane.
class MprPlaneRenderer {
public:
    explicit MprPlaneRenderer(annotation::MprOrientation orientation);
    ~MprPlaneRenderer();
    MprPlaneRenderer(const MprPlaneRenderer&) = delete;
    MprPlaneRenderer& operator=(const MprPlaneRenderer&) = delete;

    annotation::MprOrientation orientation() const;

    // The resampler shared by the views of one volume (null: nothing shown). Puts the crosshair at the
    // volume's centre and uses the volume's default window.
    void setResampler(std::shared_ptr<const annotation::PlaneResampler> resampler);
    const annotation::ImageVolume* volume() const;

    // The crosshair point in LPS mm. Reslices when the point leaves the shown plane.
    void setCrosshair(const annotation::Vector3& pointLpsMm);
    annotation::Vector3 crosshair() const;
    void setCrosshairVisible(bool visible);

    const annotation::PlaneGrid& planeGrid() const;
    // The plane image shown (one slice; shares nothing with the volume). Null without a volume.
    std::shared_ptr<const annotation::ImageVolume> planeImage() const;
    // Moves the plane along its normal by this many sampling steps (scrolling).
    double stepAlongNormalMm() const;

    annotation::WindowLevel windowLevel() const;
    void setWindowLevel(const annotation::WindowLevel& window);

    void setOverlayText(const SliceOverlayText& text);
    void setIdentifyingTextVisible(bool visible);
    void setOverlayVisible(bool visible);
    bool overlayVisible() const;

    void setViewportSize(int widthPx, int heightPx);
    int viewportWidthPx() const;
    int viewportHeightPx() const;
    void fitToViewport();
    void zoomBy(double factor, double anchorXPx, double anchorYPx);
    void panBy(double deltaXPx, double deltaYPx);
    double pixelsPerMm() const;

    // Patient point on the shown plane under a display position, and the display position of a point
    // projected onto the plane.
    annotation::Vector3 patientPositionAt(double displayXPx, double displayYPx) const;
    std::pair<double, double> displayPositionOf(const annotation::Vector3& pointLpsMm) const;
    // "x, y, z mm  value unit" of the plane image under a display position; empty outside the volume.
    std::string readoutAt(double displayXPx, double displayYPx) const;
    void setHoverReadout(const std::string& text);

    // Lesion marks of `seriesUid` in the document (null: none) that meet the plane (within half the
    // plane's sampling step) are drawn: in-plane parts as lines, crossings as points. Call
    // markOverlayChanged() after every change of the document.
    void setAnnotationDocument(const annotation::AnnotationDocument* document, const std::string& seriesUid);
    void markOverlayChanged();
    int drawnMarkShapeCount() const;

    EdgeLabels edgeLabels() const;
    std::string cornerText(ViewCorner corner) const;
    std::vector<OverlayBox> overlayBoxesPx() const; // see SliceRenderer::overlayBoxesPx
    double scaleBarLengthMm() const;

    vtkRenderer* renderer() const;

private:
    struct Private;
    std::unique_ptr<Private> m_private;
};

// RGB colour (0..1) of the crosshair line that stands for a plane in the other views.
std::array<double, 3> mprPlaneColour(annotation::MprOrientation orientation);

} // namespace radmark::viewer
