#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/viewer/SliceOverlayText.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

class vtkRenderer;

namespace radmark::viewer {

// What lies under a display position.
struct VoxelProbe {
    annotation::VoxelCoordinate voxel;  // continuous voxel coordinate on the shown slice
    annotation::Vector3 patientLpsMm;
    double value = 0.0;                 // stored value at the nearest voxel (HU for CT)
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

enum class SliceInterpolation { Nearest, Linear };

// The scene of one 2D slice view: the slice image with window/level, corner text (slice index and
// position, W/L, patient age/sex), orientation letters, a scale bar in mm and the hover readout.
// Used both by the on-screen widget and by headless rendering, so both show the same picture.
//
// Display coordinates are device pixels with the origin at the top-left of the viewport.
// The image is shown as stored: column i to the right, row j downwards, looking at slice k.
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
    void setSliceIndex(int k);  // clamped to [0, sliceCount-1]

    annotation::WindowLevel windowLevel() const;
    void setWindowLevel(const annotation::WindowLevel& window);

    void setOverlayText(const SliceOverlayText& text);
    void setIdentifyingTextVisible(bool visible);
    bool identifyingTextVisible() const;
    void setOverlayVisible(bool visible);  // all corner text, letters and scale bar

    void setViewportSize(int widthPx, int heightPx);
    void fitToViewport();
    void zoomBy(double factor, double anchorXPx, double anchorYPx);
    void panBy(double deltaXPx, double deltaYPx);
    double zoomFactor() const;  // screen pixels per image column at the current zoom

    VoxelProbe probeAt(double displayXPx, double displayYPx) const;
    // Display position of a patient point projected onto the shown slice.
    std::optional<std::pair<double, double>> displayPositionOf(const annotation::Vector3& pointLpsMm) const;
    void setHoverProbe(const std::optional<VoxelProbe>& probe);
    std::optional<VoxelProbe> hoverProbe() const;

    vtkRenderer* renderer() const;

    // Added beyond the first sketch: display options and what the overlay currently shows.
    void setInterpolation(SliceInterpolation interpolation);
    SliceInterpolation interpolation() const;
    bool overlayVisible() const;
    int viewportWidthPx() const;
    int viewportHeightPx() const;
    double pixelsPerMm() const;  // screen pixels per millimetre in the slice plane
    EdgeLabels edgeLabels() const;
    std::string cornerText(ViewCorner corner) const;  // lines joined by '\n'
    double scaleBarLengthMm() const;                  // 0 when no scale bar is shown
    double scaleBarLengthPx() const;
    // "(i, j, k)  x, y, z mm  value unit" for a probe inside the image, empty otherwise.
    std::string hoverReadout(const VoxelProbe& probe) const;
    // Position of slice k's plane along the slice normal, in mm (what DICOM viewers call slice location).
    double slicePositionMm(int k) const;

private:
    struct Private;
    std::unique_ptr<Private> m_private;
};

}  // namespace radmark::viewer
