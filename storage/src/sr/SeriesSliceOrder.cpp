#include "sr/SeriesSliceOrder.h"

#include <algorithm>

namespace radmark::storage {

std::vector<SliceImage> sliceImagesInGeometricOrder(const std::vector<InstanceRecord>& instances)
{
    if (instances.empty()) {
        return {};
    }
    const std::vector<double>& orientation = instances.front().imageOrientationPatient;
    if (orientation.size() != 6) {
        return {};
    }
    const double normal[3] = { orientation[1] * orientation[5] - orientation[2] * orientation[4],
        orientation[2] * orientation[3] - orientation[0] * orientation[5],
        orientation[0] * orientation[4] - orientation[1] * orientation[3] };
    std::vector<std::pair<double, const InstanceRecord*>> byPosition;
    for (const InstanceRecord& instance : instances) {
        if (instance.numberOfFrames != 1 || instance.imagePositionPatient.size() != 3) {
            return {};
        }
        const std::vector<double>& position = instance.imagePositionPatient;
        byPosition.emplace_back(position[0] * normal[0] + position[1] * normal[1] + position[2] * normal[2], &instance);
    }
    std::stable_sort(
        byPosition.begin(), byPosition.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<SliceImage> slices;
    for (const auto& entry : byPosition) {
        slices.push_back(SliceImage { entry.second, 0 });
    }
    return slices;
}

} // namespace radmark::storage
