#pragma once

#include "radmark/annotation/Vector3.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

namespace radmark::storage::orientation_phantom {

// A phantom for checking left/right, anterior/posterior and superior/inferior in every view: a soft
// tissue cylinder along z in air with three spheres of distinct HU on the patient's LEFT (+x),
// ANTERIOR (-y) and SUPERIOR (+z) sides. Values in HU; positions in LPS mm.
constexpr double bodyHu = 40.0;
constexpr double airHu = -1000.0;
constexpr double bodySemiAxisXMm = 80.0;
constexpr double bodySemiAxisYMm = 65.0;
constexpr double bodyHalfLengthZMm = 80.0;
constexpr double markerRadiusMm = 10.0;
constexpr annotation::Vector3 leftMarkerLpsMm { 60.0, 0.0, 0.0 };
constexpr double leftMarkerHu = 1000.0;
constexpr annotation::Vector3 anteriorMarkerLpsMm { 0.0, -45.0, 0.0 };
constexpr double anteriorMarkerHu = 600.0;
constexpr annotation::Vector3 superiorMarkerLpsMm { 0.0, 0.0, 60.0 };
constexpr double superiorMarkerHu = 300.0;

double huAt(const annotation::Vector3& positionLpsMm);

// An axial CT series of the phantom: 128 x 128 pixels of 1.5 mm, 46 slices 4 mm apart (anisotropic
// on purpose), centred on the origin; `gantryTiltDegrees` tilts the stack about the x axis (the slice
// planes stay axial-oriented in the scanner's frame, their origins shift along y as on a tilted
// gantry). The phantom is placed in patient space, so every acquisition shows it at the same place.
SyntheticSeriesSpec seriesSpec(double gantryTiltDegrees = 0.0);

} // namespace radmark::storage::orientation_phantom
