#include "radmark/annotation/Vector3.h"

#include <algorithm>

namespace radmark::annotation {

double angleBetweenDegrees(const Vector3& a, const Vector3& b)
{
    const double lengths = length(a) * length(b);
    if (lengths == 0.0) {
        return 0.0;
    }
    const double cosine = std::clamp(dot(a, b) / lengths, -1.0, 1.0);
    constexpr double degreesPerRadian = 57.295779513082320876798;
    return std::acos(cosine) * degreesPerRadian;
}

} // namespace radmark::annotation
