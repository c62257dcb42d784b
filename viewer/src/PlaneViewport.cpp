#include "PlaneViewport.h"

#include <vtkCamera.h>

#include <algorithm>

namespace radmark::viewer {

namespace {

// Distance of the camera from the plane in the (arbitrary) world z unit.
constexpr double kCameraDistance = 100.0;

} // namespace

bool PlaneViewport::setSize(int widthPx, int heightPx)
{
    widthPx = std::max(widthPx, 1);
    heightPx = std::max(heightPx, 1);
    if (widthPx == m_widthPx && heightPx == m_heightPx) {
        return false;
    }
    m_widthPx = widthPx;
    m_heightPx = heightPx;
    if (m_fitted) {
        fit();
    }
    return true;
}

void PlaneViewport::setImageExtent(int columns, int rows, double columnSpacingMm, double rowSpacingMm)
{
    m_hasImage = true;
    m_imageColumns = columns;
    m_imageRows = rows;
    m_columnSpacingMm = columnSpacingMm;
    m_rowSpacingMm = rowSpacingMm;
}

void PlaneViewport::fit()
{
    m_fitted = true;
    if (!m_hasImage) {
        return;
    }
    const double widthMm = m_imageColumns * m_columnSpacingMm;
    const double heightMm = m_imageRows * m_rowSpacingMm;
    m_pixelsPerMm = std::min(m_widthPx / widthMm, m_heightPx / heightMm);
    m_centerXMm = (m_imageColumns - 1) * m_columnSpacingMm / 2.0;
    m_centerYMm = (m_imageRows - 1) * m_rowSpacingMm / 2.0;
}

bool PlaneViewport::zoomBy(double factor, double anchorXPx, double anchorYPx)
{
    if (!(factor > 0.0)) {
        return false;
    }
    const auto [anchorXMm, anchorYMm] = displayToPlaneMm(anchorXPx, anchorYPx);
    m_pixelsPerMm = std::clamp(m_pixelsPerMm * factor, 1e-3, 1e4);
    m_centerXMm = anchorXMm - (anchorXPx - m_widthPx / 2.0) / m_pixelsPerMm;
    m_centerYMm = anchorYMm - (anchorYPx - m_heightPx / 2.0) / m_pixelsPerMm;
    m_fitted = false;
    return true;
}

void PlaneViewport::panBy(double deltaXPx, double deltaYPx)
{
    m_centerXMm -= deltaXPx / m_pixelsPerMm;
    m_centerYMm -= deltaYPx / m_pixelsPerMm;
    m_fitted = false;
}

std::pair<double, double> PlaneViewport::displayToPlaneMm(double xPx, double yPx) const
{
    return { m_centerXMm + (xPx - m_widthPx / 2.0) / m_pixelsPerMm,
        m_centerYMm + (yPx - m_heightPx / 2.0) / m_pixelsPerMm };
}

PixelDisplayMapping PlaneViewport::mapping(double columnSpacingMm, double rowSpacingMm) const
{
    PixelDisplayMapping result;
    result.centerXMm = m_centerXMm;
    result.centerYMm = m_centerYMm;
    result.pixelsPerMm = m_pixelsPerMm;
    result.columnSpacingMm = columnSpacingMm;
    result.rowSpacingMm = rowSpacingMm;
    result.viewportWidthPx = m_widthPx;
    result.viewportHeightPx = m_heightPx;
    return result;
}

void PlaneViewport::applyTo(vtkCamera& camera, double zWorld) const
{
    camera.ParallelProjectionOn();
    camera.SetFocalPoint(m_centerXMm, m_centerYMm, zWorld);
    camera.SetPosition(m_centerXMm, m_centerYMm, zWorld - kCameraDistance);
    camera.SetViewUp(0.0, -1.0, 0.0);
    camera.SetParallelScale(m_heightPx / (2.0 * m_pixelsPerMm));
    camera.SetClippingRange(kCameraDistance / 2.0, kCameraDistance * 1.5);
}

} // namespace radmark::viewer
