#pragma once

#include "radmark/annotation/PixelGeometry.h"
#include "radmark/annotation/SliceDisplayOrientation.h"

#include <utility>

namespace radmark::viewer {

// Maps continuous image pixel positions of the shown slice (centre of the first pixel = (0, 0), see
// annotation::PixelPoint) to display positions (device pixels, origin at the top-left of the
// viewport) and back, for the view's current pan and zoom. Stored pixel positions first go through the
// slice's display orientation (transpose / mirror, identity for MPR planes); the view's world is the
// display image frame in mm: x = display column * columnSpacingMm, y = display row * rowSpacingMm.
struct PixelDisplayMapping {
    double centerXMm = 0.0; // display-frame point at the viewport centre
    double centerYMm = 0.0;
    double pixelsPerMm = 1.0;
    double columnSpacingMm = 1.0; // between display columns
    double rowSpacingMm = 1.0; // between display rows
    int viewportWidthPx = 1;
    int viewportHeightPx = 1;
    annotation::SliceDisplayOrientation orientation; // stored -> display pixels

    std::pair<double, double> toDisplay(const annotation::PixelPoint& storedPx) const
    {
        const annotation::PixelPoint pointPx = orientation.toDisplay(storedPx);
        return { (pointPx.column * columnSpacingMm - centerXMm) * pixelsPerMm + viewportWidthPx / 2.0,
            (pointPx.row * rowSpacingMm - centerYMm) * pixelsPerMm + viewportHeightPx / 2.0 };
    }

    annotation::PixelPoint toPixel(double displayXPx, double displayYPx) const
    {
        return orientation.toStored(
            { (centerXMm + (displayXPx - viewportWidthPx / 2.0) / pixelsPerMm) / columnSpacingMm,
                (centerYMm + (displayYPx - viewportHeightPx / 2.0) / pixelsPerMm) / rowSpacingMm });
    }
};

} // namespace radmark::viewer
