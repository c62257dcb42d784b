#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

namespace radmark::storage {

namespace {

using annotation::Vector3;

// (p - centre) scaled by the radii; inside when the squared length is at most 1.
bool insideEllipsoid(const Vector3& p, const Vector3& centre, const Vector3& radii)
{
    const double x = (p.x - centre.x) / radii.x;
    const double y = (p.y - centre.y) / radii.y;
    const double z = (p.z - centre.z) / radii.z;
    return x * x + y * y + z * z <= 1.0;
}

bool insideCircleXy(const Vector3& p, const Vector3& centre, double radiusMm)
{
    const double x = p.x - centre.x;
    const double y = p.y - centre.y;
    return x * x + y * y <= radiusMm * radiusMm;
}

constexpr Vector3 liverCentreLpsMm { -45.0, -5.0, -10.0 };
constexpr Vector3 liverRadiiMm { 38.0, 42.0, 45.0 };
constexpr Vector3 rightLungCentreLpsMm { -45.0, 0.0, 60.0 };
constexpr Vector3 leftLungCentreLpsMm { 45.0, 0.0, 60.0 };
constexpr Vector3 lungRadiiMm { 32.0, 45.0, 35.0 };
constexpr Vector3 rightKidneyCentreLpsMm { -55.0, 35.0, -50.0 };
constexpr Vector3 leftKidneyCentreLpsMm { 55.0, 35.0, -50.0 };
constexpr Vector3 kidneyRadiiMm { 15.0, 20.0, 25.0 };
constexpr double fatRimFraction = 0.92;

} // namespace

// Structures are tested from the most to the least specific, so overlaps resolve predictably.
double phantomHuAt(const Vector3& positionLpsMm)
{
    const Vector3& p = positionLpsMm;
    const double bx = p.x / phantom::bodySemiAxisXMm;
    const double by = p.y / phantom::bodySemiAxisYMm;
    const double bodyRadius2 = bx * bx + by * by;
    if (bodyRadius2 > 1.0) {
        return phantom::airHu;
    }
    if (insideCircleXy(p, phantom::markerCentreLpsMm, phantom::markerRadiusMm)) {
        return phantom::markerHu;
    }
    for (const auto& lesion : phantom::lesions) {
        const double radius = lesion.diameterMm / 2.0;
        if (insideEllipsoid(p, lesion.centreLpsMm, { radius, radius, radius })) {
            return phantom::lesionHu;
        }
    }
    if (insideCircleXy(p, phantom::spineCentreLpsMm, phantom::spineRadiusMm)) {
        return phantom::boneHu;
    }
    if (p.z >= phantom::lungBottomZMm
        && (insideEllipsoid(p, rightLungCentreLpsMm, lungRadiiMm)
            || insideEllipsoid(p, leftLungCentreLpsMm, lungRadiiMm))) {
        return phantom::lungHu;
    }
    if (insideEllipsoid(p, rightKidneyCentreLpsMm, kidneyRadiiMm)
        || insideEllipsoid(p, leftKidneyCentreLpsMm, kidneyRadiiMm)) {
        return phantom::kidneyHu;
    }
    if (insideEllipsoid(p, liverCentreLpsMm, liverRadiiMm)) {
        return phantom::liverHu;
    }
    if (bodyRadius2 > fatRimFraction * fatRimFraction) {
        return phantom::fatHu;
    }
    return phantom::softTissueHu;
}

} // namespace radmark::storage
