#include "BenchVolume.h"

#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <cmath>
#include <cstdint>

namespace radmark::bench {

std::shared_ptr<annotation::ImageVolume> makePhantomVolume(int slices)
{
    constexpr int size = 512;
    constexpr double spacingMm = 0.4;
    constexpr double sliceStepMm = 0.5;
    const annotation::Vector3 origin { -102.0, -102.0, -0.5 * sliceStepMm * slices };
    const annotation::ImageGeometry geometry = annotation::ImageGeometry::regular(size, size, slices, spacingMm,
        spacingMm, origin, { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 0.0, sliceStepMm });
    auto volume = std::make_shared<annotation::ImageVolume>(geometry, annotation::VoxelType::Int16);
    auto* voxels = static_cast<std::int16_t*>(volume->data());
    std::size_t index = 0;
    for (int k = 0; k < slices; ++k) {
        for (int j = 0; j < size; ++j) {
            for (int i = 0; i < size; ++i) {
                const annotation::Vector3 position { origin.x + i * spacingMm, origin.y + j * spacingMm,
                    origin.z + k * sliceStepMm };
                voxels[index++] = static_cast<std::int16_t>(std::lround(storage::phantomHuAt(position)));
            }
        }
    }
    volume->setValueUnit("HU");
    volume->setSourceWindows({ annotation::WindowLevel { 400.0, 40.0 } });
    return volume;
}

} // namespace radmark::bench
