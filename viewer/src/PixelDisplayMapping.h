#pragma once

#include "radmark/annotation/PixelGeometry.h"

#include <utility>

namespace radmark::viewer {

// Maps continuous image pixel positions of the shown slice (centre of the first pixel = (0, 0), see
// annotation::PixelPoint) to display positions (device pixels, origin at the top-left of the
// viewport) and back, for the view's current pan and zoom. The slice view's world is the image
// frame in mm: x = column * column spacing, y = row * row spacing.
struct PixelDisplayMapping {
    double centerXMm = 0.0;  // image-frame point at the viewport centre
    double centerYMm = 0.0;
    double pixelsPerMm = 1.0;
    double columnSpacingMm = 1.0;
    double rowSpacingMm = 1.0;
    int viewportWidthPx = 1;
    int viewportHeightPx = 1;

    std::pair<double, double> toDisplay(const annotation::PixelPoint& pointPx) const
    {
        return {(pointPx.column * columnSpacingMm - centerXMm) * pixelsPerMm + viewportWidthPx / 2.0,
                (pointPx.row * rowSpacingMm - centerYMm) * pixelsPerMm + viewportHeightPx / 2.0};
    }

    annotation::PixelPoint toPixel(double displayXPx, double displayYPx) const
    {
        return {(centerXMm + (displayXPx - viewportWidthPx / 2.0) / pixelsPerMm) / columnSpacingMm,
                (centerYMm + (displayYPx - viewportHeightPx / 2.0) / pixelsPerMm) / rowSpacingMm};
    }

    // Screen pixels per image column (the zoom seen along x).
    double screenPxPerColumn() const { return pixelsPerMm * columnSpacingMm; }
};

}  // namespace radmark::viewer
