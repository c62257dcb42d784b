#include "gui/VolumeImageConversion.h"

#include "radmark/annotation/SliceDisplayOrientation.h"

#include <algorithm>
#include <cmath>

namespace radmark::app {

QImage sliceToImage(
    const annotation::ImageVolume& volume, int k, const annotation::WindowLevel& window, int maximumSizePx)
{
    const auto& geometry = volume.geometry();
    if (geometry.columns <= 0 || geometry.rows <= 0 || k < 0 || k >= geometry.slices) {
        return {};
    }
    // Shown as the slice view shows it: in the radiological orientation of the slice's nearest plane.
    const annotation::SliceDisplayOrientation orientation = annotation::radiologicalDisplayOrientation(
        geometry.rowDirectionLps, geometry.columnDirectionLps, geometry.columns, geometry.rows);
    const int columns = orientation.displayColumns();
    const int rows = orientation.displayRows();
    const bool rgb = volume.voxelType() == annotation::VoxelType::Rgb8;
    QImage image(columns, rows, rgb ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
    const double lowest = window.level - window.width / 2.0;
    const double scale = 255.0 / std::max(window.width, 1e-6);
    const auto* rgbSource = static_cast<const uchar*>(volume.sliceData(k));
    for (int y = 0; y < rows; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < columns; ++x) {
            const annotation::PixelPoint storedPx = orientation.toStored({ double(x), double(y) });
            const int i = static_cast<int>(storedPx.column);
            const int j = static_cast<int>(storedPx.row);
            if (rgb) {
                const uchar* source
                    = rgbSource + (static_cast<std::size_t>(j) * static_cast<std::size_t>(geometry.columns) + i) * 3;
                std::copy(source, source + 3, line + x * 3);
                continue;
            }
            const double grey = (volume.valueAt(i, j, k) - lowest) * scale;
            line[x] = static_cast<uchar>(std::clamp(grey, 0.0, 255.0));
        }
    }
    const annotation::PixelSpacing spacing
        = orientation.displaySpacing({ geometry.columnSpacingMm, geometry.rowSpacingMm });
    const double widthMm = columns * spacing.columnMm;
    const double heightMm = rows * spacing.rowMm;
    const double fit = maximumSizePx / std::max(widthMm, heightMm);
    const int targetWidth = std::max(1, static_cast<int>(std::lround(widthMm * fit)));
    const int targetHeight = std::max(1, static_cast<int>(std::lround(heightMm * fit)));
    return image.scaled(targetWidth, targetHeight, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

} // namespace radmark::app
