#include "gui/VolumeImageConversion.h"

#include <algorithm>
#include <cmath>

namespace radmark::app {

QImage sliceToImage(const annotation::ImageVolume& volume, int k, const annotation::WindowLevel& window,
                    int maximumSizePx)
{
    const auto& geometry = volume.geometry();
    if (geometry.columns <= 0 || geometry.rows <= 0 || k < 0 || k >= geometry.slices) {
        return {};
    }
    QImage image(geometry.columns, geometry.rows,
                 volume.voxelType() == annotation::VoxelType::Rgb8 ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
    const double lowest = window.level - window.width / 2.0;
    const double scale = 255.0 / std::max(window.width, 1e-6);
    for (int j = 0; j < geometry.rows; ++j) {
        uchar* line = image.scanLine(j);
        if (volume.voxelType() == annotation::VoxelType::Rgb8) {
            const auto* source = static_cast<const uchar*>(volume.sliceData(k)) +
                                 static_cast<std::size_t>(j) * static_cast<std::size_t>(geometry.columns) * 3;
            std::copy(source, source + geometry.columns * 3, line);
            continue;
        }
        for (int i = 0; i < geometry.columns; ++i) {
            const double grey = (volume.valueAt(i, j, k) - lowest) * scale;
            line[i] = static_cast<uchar>(std::clamp(grey, 0.0, 255.0));
        }
    }
    const double widthMm = geometry.columns * geometry.columnSpacingMm;
    const double heightMm = geometry.rows * geometry.rowSpacingMm;
    const double fit = maximumSizePx / std::max(widthMm, heightMm);
    const int targetWidth = std::max(1, static_cast<int>(std::lround(widthMm * fit)));
    const int targetHeight = std::max(1, static_cast<int>(std::lround(heightMm * fit)));
    return image.scaled(targetWidth, targetHeight, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

}  // namespace radmark::app
