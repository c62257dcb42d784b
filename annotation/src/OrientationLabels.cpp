#include "radmark/annotation/OrientationLabels.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace radmark::annotation {

std::string orientationLabel(const Vector3& directionLps, double minimumFraction)
{
    const double norm = length(directionLps);
    if (norm == 0.0) {
        return {};
    }
    struct Component {
        double magnitude;
        char letter;
    };
    std::array<Component, 3> components { {
        { std::abs(directionLps.x), directionLps.x >= 0.0 ? 'L' : 'R' },
        { std::abs(directionLps.y), directionLps.y >= 0.0 ? 'P' : 'A' },
        { std::abs(directionLps.z), directionLps.z >= 0.0 ? 'S' : 'I' },
    } };
    std::stable_sort(components.begin(), components.end(),
        [](const Component& a, const Component& b) { return a.magnitude > b.magnitude; });
    std::string label;
    for (const Component& component : components) {
        if (component.magnitude >= minimumFraction * norm) {
            label += component.letter;
        }
    }
    return label;
}

} // namespace radmark::annotation
