#pragma once

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/AnnotationTool.h"
#include "radmark/annotation/ImageVolume.h"
#include "radmark/annotation/PixelGeometry.h"
#include "radmark/annotation/SliceDisplayOrientation.h"
#include "radmark/viewer/SliceImageDrawing.h"
#include "radmark/viewer/SliceOverlayText.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

class vtkRenderer;

namespace radmark::viewer {

class SaliencyOverlay;

// What lies under a display position.
struct VoxelProbe {
    annotation::VoxelCoordinate voxel; // continuous voxel coordinate on the shown slice
    annotation::Vector3 patientLpsMm;
    double value = 0.0; // stored value at the nearest voxel (HU for CT)
    bool insideImage = false;
};

// Patient-side letters shown at the middle of each edge of the view.
struct EdgeLabels {
    std::string left;
    std::string right;
    std::string top;
    std::string bottom;
};

enum class ViewCorner { TopLeft, TopRight, BottomLeft, BottomRight };

// Where an overlay item (a corner text, an edge letter, the scale bar or its label) is drawn, in display
// pixels with the origin at the top-left; for checking that nothing overlaps.
struct OverlayBox {
    std::string name; // "top-right", "letter top", "scale bar", ...
    double left = 0.0;
    double top = 0.0;
    double right = 0.0;
    double bottom = 0.0;
    bool overlaps(const OverlayBox& other) const
    {
        return left < other.right && other.left < right && top < other.bottom && other.top < bottom;
    }
};

enum class SliceInterpolation { Nearest, Linear };

// The scene of one 2D slice view: the slice image with window/level, corner text (slice index and
// position, W/L, patient age/sex), orientation letters, a scale bar in mm, the hover readout and the
// annotation layer (the lesion marks of the shown slice and the active tool's draft).
// Used both by the on-screen widget and by headless rendering, so both show the same picture.
//
// Display coordinates are device pixels with the origin at the top-left of the viewport.
// The stored slice is shown transposed / mirrored (never resampled) into the standard radiological
// orientation of its nearest anatomical plane (annotation::radiologicalDisplayOrientation): axial with
// anterior up and the patient's right on the screen's left, coronal with superior up and the patient's
// right on the left, sagittal with superior up and anterior on the left. Every pixel position this class
// takes or returns (marks, probes, pixelAt) is a STORED pixel position.
class SliceRenderer {
public:
    SliceRenderer();
    ~SliceRenderer();
    SliceRenderer(const SliceRenderer&) = delete;
    SliceRenderer& operator=(const SliceRenderer&) = delete;

    // Shares the volume's voxels with VTK without copying them.
    void setVolume(std::shared_ptr<const annotation::ImageVolume> volume);
    const annotation::ImageVolume* volume() const;

    int sliceCount() const;
    int sliceIndex() const;
    void setSliceIndex(int k); // clamped to [0, sliceCount-1]

    annotation::WindowLevel windowLevel() const;
    void setWindowLevel(const annotation::WindowLevel& window);

    void setOverlayText(const SliceOverlayText& text);
    void setIdentifyingTextVisible(bool visible);
    bool identifyingTextVisible() const;
    void setOverlayVisible(bool visible); // all corner text, letters and scale bar

    void setViewportSize(int widthPx, int heightPx);
    void fitToViewport();
    void zoomBy(double factor, double anchorXPx, double anchorYPx);
    void panBy(double deltaXPx, double deltaYPx);
    double zoomFactor() const; // screen pixels per image column at the current zoom

    VoxelProbe probeAt(double displayXPx, double displayYPx) const;
    // Display position of a patient point projected onto the shown slice.
    std::optional<std::pair<double, double>> displayPositionOf(const annotation::Vector3& pointLpsMm) const;
    void setHoverProbe(const std::optional<VoxelProbe>& probe);
    std::optional<VoxelProbe> hoverProbe() const;

    vtkRenderer* renderer() const;

    // The saliency map layer (see SaliencyOverlay); setVolume clears its map.
    SaliencyOverlay& saliencyOverlay();

    // Added beyond the first sketch: display options and what the overlay currently shows.
    void setInterpolation(SliceInterpolation interpolation);
    SliceInterpolation interpolation() const;
    // How the slice image is drawn (the texture quad by default); both show the same pixels.
    void setImageDrawing(SliceImageDrawing drawing);
    SliceImageDrawing imageDrawing() const;
    // Slice textures uploaded by the texture-quad path so far (a slice or window change uploads one).
    int sliceTextureUploadCount() const;
    bool overlayVisible() const;
    int viewportWidthPx() const;
    int viewportHeightPx() const;
    double pixelsPerMm() const; // screen pixels per millimetre in the slice plane
    EdgeLabels edgeLabels() const;
    std::string cornerText(ViewCorner corner) const; // lines joined by '\n'
    double scaleBarLengthMm() const; // 0 when no scale bar is shown
    double scaleBarLengthPx() const;
    // The visible overlay items as drawn (empty texts left out).
    std::vector<OverlayBox> overlayBoxesPx() const;
    // "(i, j)  Slice k+1 / N", "x, y, z mm", "value unit" (three lines) for a probe inside the image, empty
    // otherwise; i, j are stored pixel positions.
    std::string hoverReadout(const VoxelProbe& probe) const;
    // Position of slice k's plane along the slice normal, in mm (what DICOM viewers call slice location).
    double slicePositionMm(int k) const;
    // How the stored slice is shown (transposed / mirrored); identity for a supine axial DICOM series.
    annotation::SliceDisplayOrientation displayOrientation() const;

    // Annotation layer. The document is read, never changed; it must outlive its use here (null: no
    // marks). Marks of `shownSeriesUid` on the shown slice are drawn (3D boxes on every slice of their
    // range); the selected mark gets handles, the hovered one is highlighted. Call markOverlayChanged()
    // after every change of the document (e.g. from an AnnotationDocument observer).
    void setAnnotationDocument(const annotation::AnnotationDocument* document);
    const annotation::AnnotationDocument* annotationDocument() const;
    void setShownSeriesUid(const std::string& seriesUid);
    const std::string& shownSeriesUid() const;
    void setSelectedMarkId(const annotation::MarkId& id); // empty: none
    const annotation::MarkId& selectedMarkId() const;
    void setHoveredMarkId(const annotation::MarkId& id); // empty: none
    const annotation::MarkId& hoveredMarkId() const;
    void setToolDraft(const annotation::ToolDraft& draft); // drawn, never stored; empty: none
    // Comparing readers: marks by these authors in one colour each (RGB 0..1) with the author's name; empty: by shape.
    void setMarkAuthorColors(const std::vector<std::pair<std::string, std::array<double, 3>>>& colors);
    void markOverlayChanged();
    int drawnMarkCount() const; // marks drawn on the shown slice
    // The mark labels (lengths, box names) as drawn: left, top, right, bottom in display pixels, inside the view.
    std::vector<std::array<double, 4>> markLabelRectsPx() const;
    static double handleSizePx(); // side of a handle square on screen, the same at every zoom

    // Continuous pixel position of the shown slice (centre of the first pixel = (0, 0)) under a
    // display position, and back.
    annotation::PixelPoint pixelAt(double displayXPx, double displayYPx) const;
    std::pair<double, double> displayPositionOfPixel(const annotation::PixelPoint& pointPx) const;

private:
    struct Private;
    std::unique_ptr<Private> m_private;
};

} // namespace radmark::viewer
