#pragma once

#include "radmark/annotation/PixelGeometry.h"
#include "radmark/annotation/Vector3.h"

#include <array>

namespace radmark::annotation {

// The anatomical plane nearest to a slice: the one whose normal is closest to the slice normal.
enum class AnatomicalPlane { Axial, Coronal, Sagittal };

AnatomicalPlane nearestAnatomicalPlane(const Vector3& rowDirectionLps, const Vector3& columnDirectionLps);

// The patient directions (LPS) that the radiological convention puts on the screen's right (+x) and
// downwards (+y) for a plane, as 3D Slicer and OHIF show them:
//   axial:    right = patient's left (+x), down = posterior (+y)  -> anterior up, patient's right on the left
//   coronal:  right = patient's left (+x), down = inferior  (-z)  -> superior up, patient's right on the left
//   sagittal: right = posterior       (+y), down = inferior  (-z)  -> superior up, anterior on the left
struct ScreenAxesLps {
    Vector3 rightLps;
    Vector3 downLps;
};
ScreenAxesLps radiologicalScreenAxes(AnatomicalPlane plane);

// How the stored pixels of a slice are shown: transposed and/or mirrored, never resampled. Stored pixel
// positions (annotation::PixelPoint, what marks and DeepLesion coordinates use) map to display pixel
// positions of the same convention (centre of the top-left display pixel = (0, 0), column to the right,
// row downwards). Transposing is applied first (display column = stored row), then the flips about the
// middle of the display image. Exact: no rounding anywhere, so toStored(toDisplay(p)) == p.
struct SliceDisplayOrientation {
    bool transposed = false;
    bool flipColumns = false; // display columns run right-to-left over the (transposed) stored axis
    bool flipRows = false; // display rows run bottom-to-top over the (transposed) stored axis
    int storedColumns = 1;
    int storedRows = 1;

    bool isIdentity() const { return !transposed && !flipColumns && !flipRows; }
    int displayColumns() const { return transposed ? storedRows : storedColumns; }
    int displayRows() const { return transposed ? storedColumns : storedRows; }

    PixelPoint toDisplay(const PixelPoint& storedPx) const;
    PixelPoint toStored(const PixelPoint& displayPx) const;

    // Spacing between display columns / rows for a stored spacing.
    PixelSpacing displaySpacing(const PixelSpacing& storedSpacing) const;

    // The patient direction (LPS) of display +column (screen right) and +row (screen down), for a slice
    // with these stored row / column directions.
    Vector3 displayRightLps(const Vector3& rowDirectionLps, const Vector3& columnDirectionLps) const;
    Vector3 displayDownLps(const Vector3& rowDirectionLps, const Vector3& columnDirectionLps) const;

    // The same map on in-plane millimetres (x = column * column spacing, y = row * row spacing): display
    // (x, y) = (m[0] x + m[1] y + m[2], m[3] x + m[4] y + m[5]) for stored (x, y).
    std::array<double, 6> storedToDisplayMm(const PixelSpacing& storedSpacing) const;
};

// The display orientation that shows a columns x rows slice with these direction cosines in the standard
// radiological orientation of its nearest anatomical plane (see radiologicalScreenAxes). Stored axes are
// matched to the screen axes by the larger sum of |cosines| (ties keep the stored order), then each
// axis is mirrored when it points away from the screen axis it was matched to.
SliceDisplayOrientation radiologicalDisplayOrientation(
    const Vector3& rowDirectionLps, const Vector3& columnDirectionLps, int columns, int rows);

} // namespace radmark::annotation
