#include "radmark/storage/synthetic/OrientationPhantom.h"

#include <cmath>

namespace radmark::storage::orientation_phantom {

namespace {

bool insideSphere(const annotation::Vector3& point, const annotation::Vector3& centre, double radius)
{
    const annotation::Vector3 offset = point - centre;
    return annotation::dot(offset, offset) <= radius * radius;
}

} // namespace

double huAt(const annotation::Vector3& p)
{
    if (insideSphere(p, leftMarkerLpsMm, markerRadiusMm)) {
        return leftMarkerHu;
    }
    if (insideSphere(p, anteriorMarkerLpsMm, markerRadiusMm)) {
        return anteriorMarkerHu;
    }
    if (insideSphere(p, superiorMarkerLpsMm, markerRadiusMm)) {
        return superiorMarkerHu;
    }
    const double ex = p.x / bodySemiAxisXMm;
    const double ey = p.y / bodySemiAxisYMm;
    if (ex * ex + ey * ey <= 1.0 && std::abs(p.z) <= bodyHalfLengthZMm) {
        return bodyHu;
    }
    return airHu;
}

SyntheticSeriesSpec seriesSpec(double gantryTiltDegrees)
{
    SyntheticSeriesSpec spec;
    spec.patientId = "RADMARK-ORIENTATION-001";
    spec.patientName = "Orientation^Phantom";
    spec.studyDescription = "ORIENTATION PHANTOM (SYNTHETIC)";
    spec.seriesDescription = gantryTiltDegrees != 0.0 ? "Axial 4mm tilted" : "Axial 4mm";
    spec.accessionNumber = "ORIENT0001";
    spec.columns = 128;
    spec.rows = 128;
    spec.slices = 46;
    spec.columnSpacingMm = 1.5;
    spec.rowSpacingMm = 1.5;
    spec.sliceThicknessMm = 4.0;
    const double tilt = gantryTiltDegrees * M_PI / 180.0;
    // Slice k's origin: the first pixel's centre, the stack centred on the patient origin.
    const double halfFovMm = (spec.columns - 1) * spec.columnSpacingMm / 2.0;
    const double halfStackMm = (spec.slices - 1) * 4.0 / 2.0;
    spec.sliceStepLpsMm = { 0.0, 4.0 * std::sin(tilt), 4.0 * std::cos(tilt) };
    spec.firstSlicePositionLpsMm
        = { -halfFovMm, -halfFovMm - halfStackMm * std::sin(tilt), -halfStackMm * std::cos(tilt) };
    spec.windowCenter = 0.0;
    spec.windowWidth = 2000.0;
    spec.huAt = huAt;
    return spec;
}

} // namespace radmark::storage::orientation_phantom
