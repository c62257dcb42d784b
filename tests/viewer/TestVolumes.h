#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <QImage>

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>

namespace radmark::viewer::testing {

// An axial Int16 volume with the given spacing whose voxel values come from `valueAt(i, j, k)`.
inline std::shared_ptr<annotation::ImageVolume> makeInt16Volume(int columns, int rows, int slices,
    double columnSpacingMm, double rowSpacingMm, const std::function<int(int, int, int)>& valueAt,
    const annotation::Vector3& originLpsMm = {}, double sliceStepMm = 1.0)
{
    const annotation::ImageGeometry geometry = annotation::ImageGeometry::regular(columns, rows, slices,
        columnSpacingMm, rowSpacingMm, originLpsMm, { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 0.0, sliceStepMm });
    auto volume = std::make_shared<annotation::ImageVolume>(geometry, annotation::VoxelType::Int16);
    auto* voxels = static_cast<std::int16_t*>(volume->data());
    std::size_t index = 0;
    for (int k = 0; k < slices; ++k) {
        for (int j = 0; j < rows; ++j) {
            for (int i = 0; i < columns; ++i) {
                voxels[index++] = static_cast<std::int16_t>(valueAt(i, j, k));
            }
        }
    }
    volume->setValueUnit("HU");
    return volume;
}

// Grey level 0..255 that window W / level L gives to a value (VTK's linear ramp).
inline double expectedGray(double value, double width, double level)
{
    const double gray = (value - (level - width / 2.0)) / width * 255.0;
    return gray < 0.0 ? 0.0 : (gray > 255.0 ? 255.0 : gray);
}

inline int grayAt(const QImage& image, int xPx, int yPx)
{
    return qGray(image.pixel(xPx, yPx));
}

} // namespace radmark::viewer::testing
