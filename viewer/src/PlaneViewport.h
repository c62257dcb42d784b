#pragma once

#include "PixelDisplayMapping.h"

#include <utility>

class vtkCamera;

namespace radmark::viewer {

// The 2D view onto one image plane, shared by the slice and MPR renderers: the viewport size (display
// pixels, y down), the zoom (display pixels per mm) and the plane point at the viewport centre, in mm along
// the image's columns (x = column * column spacing) and rows (y = row * row spacing).
class PlaneViewport {
public:
    // Sizes below 1 pixel count as 1; a fitted view is refitted. Returns false when the size did not change.
    bool setSize(int widthPx, int heightPx);
    int widthPx() const { return m_widthPx; }
    int heightPx() const { return m_heightPx; }

    double pixelsPerMm() const { return m_pixelsPerMm; }
    double centerXMm() const { return m_centerXMm; }
    double centerYMm() const { return m_centerYMm; }

    // The image shown: columns x rows pixels of the given spacing (none until set).
    void setImageExtent(int columns, int rows, double columnSpacingMm, double rowSpacingMm);
    void clearImageExtent() { m_hasImage = false; }
    // Shows the whole image, centred, as large as the viewport allows, and keeps doing so whenever the
    // viewport changes size, until the next zoom or pan.
    void fit();
    // Zooms by factor keeping the plane point under the anchor (display pixels) in place; false for factor <= 0.
    bool zoomBy(double factor, double anchorXPx, double anchorYPx);
    void panBy(double deltaXPx, double deltaYPx);

    std::pair<double, double> displayToPlaneMm(double xPx, double yPx) const;
    // Display <-> image pixel conversion for an image with these pixel spacings.
    PixelDisplayMapping mapping(double columnSpacingMm, double rowSpacingMm) const;

    // Parallel projection onto the plane at world depth zWorld, looking along +z with view-up -y so that
    // columns run to the right and rows downwards.
    void applyTo(vtkCamera& camera, double zWorld) const;

private:
    int m_widthPx = 512;
    int m_heightPx = 512;
    double m_centerXMm = 0.0;
    double m_centerYMm = 0.0;
    double m_pixelsPerMm = 1.0;
    bool m_fitted = true;
    bool m_hasImage = false;
    int m_imageColumns = 0;
    int m_imageRows = 0;
    double m_columnSpacingMm = 1.0;
    double m_rowSpacingMm = 1.0;
};

} // namespace radmark::viewer
