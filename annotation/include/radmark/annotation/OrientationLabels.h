#pragma once

#include "radmark/annotation/Vector3.h"

#include <string>

namespace radmark::annotation {

// Patient-side letters of a direction in LPS: +x is Left, +y Posterior, +z Superior.
// The strongest component comes first; components under `minimumFraction` of the length are
// left out, so an axial row direction (1,0,0) gives "L" and an oblique one may give "LP".
std::string orientationLabel(const Vector3& directionLps, double minimumFraction = 0.25);

} // namespace radmark::annotation
