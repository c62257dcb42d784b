#pragma once

#include "radmark/annotation/ImageGeometry.h"
#include "radmark/annotation/ImageVolume.h"
#include "radmark/annotation/Vector3.h"

#include <optional>
#include <string>

namespace radmark::annotation {

// The three patient planes of multiplanar reformatting (MPR). They follow the patient axes (LPS),
// not the voxel axes, so oblique and gantry-tilted acquisitions are resliced onto true planes.
// Screen conventions (radiological): axial seen from the feet (patient's left on screen right,
// anterior up); coronal seen from the front (left on the right, superior up); sagittal seen from
// the patient's left (anterior on the left, superior up).
enum class MprOrientation { Axial, Coronal, Sagittal };

const char* mprOrientationName(MprOrientation orientation); // "axial", "coronal", "sagittal"
std::optional<MprOrientation> parseMprOrientation(const std::string& name);

// Axis-aligned box in LPS mm that holds every voxel (centres padded by half a voxel).
struct PatientBounds {
    Vector3 minimumLpsMm;
    Vector3 maximumLpsMm;
    Vector3 centreLpsMm() const { return (minimumLpsMm + maximumLpsMm) * 0.5; }
};
PatientBounds patientBounds(const ImageGeometry& geometry);

// A regular pixel grid on a plane in patient space. Pixel (column, row) = (0, 0) is the centre of
// the top-left pixel; columns go along `rightLps` (screen right), rows along `downLps`.
struct PlaneGrid {
    Vector3 originLpsMm; // centre of pixel (0, 0)
    Vector3 rightLps { 1.0, 0.0, 0.0 };
    Vector3 downLps { 0.0, 1.0, 0.0 };
    double columnSpacingMm = 1.0; // along rightLps
    double rowSpacingMm = 1.0; // along downLps
    int columns = 0;
    int rows = 0;

    Vector3 normalLps() const { return cross(rightLps, downLps); }
    Vector3 toPatient(double column, double row) const
    {
        return originLpsMm + rightLps * (column * columnSpacingMm) + downLps * (row * rowSpacingMm);
    }
    // Continuous (column, row) of the point projected onto the plane, and its signed distance (mm).
    void toPixel(const Vector3& pointLpsMm, double* column, double* row, double* distanceMm = nullptr) const;
};

// Screen-right and screen-down directions of an MPR plane (see MprOrientation).
Vector3 mprRightLps(MprOrientation orientation);
Vector3 mprDownLps(MprOrientation orientation);
// The patient axis (0 = x, 1 = y, 2 = z) the plane is perpendicular to.
int mprNormalAxis(MprOrientation orientation);

// The volume's sampling distance along a patient axis (0 = x, 1 = y, 2 = z): the spacing of the voxel
// axis that runs most nearly along it, divided by how closely it does, so 0.6 mm pixels and 5 mm slices
// of an axial series give 0.6, 0.6 and 5 mm.
double samplingDistanceAlongAxisMm(const ImageGeometry& geometry, int axis);

// The grid of an MPR plane through `throughLpsMm`: covers the volume's patient bounds, pixel
// spacing = the volume's sampling distances along the two in-plane axes, so the image keeps the
// physical aspect (0.6 x 5 mm pixels for the coronal of a 5 mm-slice series).
PlaneGrid mprPlaneGrid(const ImageGeometry& geometry, MprOrientation orientation, const Vector3& throughLpsMm);

// The planes of one orientation through the volume, one sampling step apart along the normal axis,
// index 0 at the smallest patient coordinate (the right, anterior or inferior end), centred on the
// volume's bounds. For an axial series the axial planes fall on the slices (index = k).
int mprPlaneCount(const ImageGeometry& geometry, MprOrientation orientation);
double mprPlanePositionMm(const ImageGeometry& geometry, MprOrientation orientation, int index);
int mprPlaneIndexAt(const ImageGeometry& geometry, MprOrientation orientation, double positionMm); // nearest, clamped

// Why MPR / 3D cannot be shown for this volume (single slice, colour), or nothing when it can.
std::optional<std::string> mprUnavailableReason(const ImageVolume& volume);

} // namespace radmark::annotation
