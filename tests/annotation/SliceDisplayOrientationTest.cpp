#include "radmark/annotation/SliceDisplayOrientation.h"
#include "radmark/annotation/OrientationLabels.h"

#include <catch2/catch.hpp>

using namespace radmark::annotation;

namespace {

struct Case {
    const char* name;
    Vector3 row;
    Vector3 column;
    bool transposed;
    bool flipColumns;
    bool flipRows;
    const char* right; // patient side on the screen's right
    const char* down; // patient side at the screen's bottom
};

} // namespace

TEST_CASE("every acquired plane is shown in the radiological orientation of its nearest plane", "[orientation]")
{
    const Case cases[] = {
        // Axial: anterior up, patient's right on the screen's left.
        { "axial LPS (DICOM supine)", { 1, 0, 0 }, { 0, 1, 0 }, false, false, false, "L", "P" },
        { "axial RAS-stored (NIfTI)", { -1, 0, 0 }, { 0, -1, 0 }, false, true, true, "L", "P" },
        { "axial prone", { -1, 0, 0 }, { 0, -1, 0 }, false, true, true, "L", "P" },
        { "axial mirrored columns", { -1, 0, 0 }, { 0, 1, 0 }, false, true, false, "L", "P" },
        { "axial transposed", { 0, 1, 0 }, { 1, 0, 0 }, true, false, false, "L", "P" },
        { "axial transposed and flipped", { 0, -1, 0 }, { -1, 0, 0 }, true, true, true, "L", "P" },
        // Coronal: superior up, patient's right on the screen's left.
        { "coronal DICOM", { 1, 0, 0 }, { 0, 0, -1 }, false, false, false, "L", "I" },
        { "coronal RAS-stored", { -1, 0, 0 }, { 0, 0, 1 }, false, true, true, "L", "I" },
        { "coronal transposed", { 0, 0, 1 }, { 1, 0, 0 }, true, false, true, "L", "I" },
        // Sagittal: superior up, anterior on the screen's left.
        { "sagittal DICOM", { 0, 1, 0 }, { 0, 0, -1 }, false, false, false, "P", "I" },
        { "sagittal RAS-stored", { 0, -1, 0 }, { 0, 0, 1 }, false, true, true, "P", "I" },
        { "sagittal transposed (rows along z)", { 0, 0, -1 }, { 0, -1, 0 }, true, true, false, "P", "I" },
    };
    for (const Case& c : cases) {
        INFO(c.name);
        const SliceDisplayOrientation o = radiologicalDisplayOrientation(c.row, c.column, 30, 20);
        CHECK(o.transposed == c.transposed);
        CHECK(o.flipColumns == c.flipColumns);
        CHECK(o.flipRows == c.flipRows);
        CHECK(orientationLabel(o.displayRightLps(c.row, c.column)) == c.right);
        CHECK(orientationLabel(o.displayDownLps(c.row, c.column)) == c.down);
    }
}

TEST_CASE("the nearest plane of oblique slices decides their display", "[orientation]")
{
    // 20 degrees about x from axial: still axial; the row direction keeps the screen's right.
    const double c = std::cos(20.0 * M_PI / 180.0);
    const double s = std::sin(20.0 * M_PI / 180.0);
    CHECK(nearestAnatomicalPlane({ 1, 0, 0 }, { 0, c, s }) == AnatomicalPlane::Axial);
    CHECK(nearestAnatomicalPlane({ 1, 0, 0 }, { 0, s, -c }) == AnatomicalPlane::Coronal);
    CHECK(nearestAnatomicalPlane({ 0, c, s }, { 0, s, -c }) == AnatomicalPlane::Sagittal);
    const SliceDisplayOrientation o = radiologicalDisplayOrientation({ -1, 0, 0 }, { 0, -c, -s }, 10, 10);
    CHECK(o.flipColumns);
    CHECK(o.flipRows);
    CHECK_FALSE(o.transposed);
}

TEST_CASE("stored and display pixel positions map exactly both ways", "[orientation]")
{
    SliceDisplayOrientation o;
    o.storedColumns = 30;
    o.storedRows = 20;
    CHECK(o.isIdentity());
    CHECK(o.toDisplay({ 3.25, 7.5 }) == PixelPoint { 3.25, 7.5 });

    o.flipColumns = true;
    o.flipRows = true;
    CHECK(o.displayColumns() == 30);
    CHECK(o.displayRows() == 20);
    CHECK(o.toDisplay({ 0.0, 0.0 }) == PixelPoint { 29.0, 19.0 });
    CHECK(o.toDisplay({ 3.25, 7.5 }) == PixelPoint { 25.75, 11.5 });
    // The image area [-0.5, n-0.5] maps onto itself.
    CHECK(o.toDisplay({ -0.5, -0.5 }) == PixelPoint { 29.5, 19.5 });
    CHECK(o.toStored({ 25.75, 11.5 }) == PixelPoint { 3.25, 7.5 });

    o.transposed = true;
    o.flipColumns = false;
    o.flipRows = true;
    CHECK(o.displayColumns() == 20);
    CHECK(o.displayRows() == 30);
    // Display column = stored row; display row = 29 - stored column.
    CHECK(o.toDisplay({ 3.25, 7.5 }) == PixelPoint { 7.5, 25.75 });
    CHECK(o.toStored({ 7.5, 25.75 }) == PixelPoint { 3.25, 7.5 });
    CHECK(o.displaySpacing({ 0.7, 2.5 }).columnMm == 2.5);
    CHECK(o.displaySpacing({ 0.7, 2.5 }).rowMm == 0.7);
}

TEST_CASE("the millimetre map agrees with the pixel map", "[orientation]")
{
    const PixelSpacing stored { 0.5, 2.0 };
    for (const bool transposed : { false, true }) {
        for (const bool flipColumns : { false, true }) {
            for (const bool flipRows : { false, true }) {
                SliceDisplayOrientation o;
                o.storedColumns = 30;
                o.storedRows = 20;
                o.transposed = transposed;
                o.flipColumns = flipColumns;
                o.flipRows = flipRows;
                const auto m = o.storedToDisplayMm(stored);
                const PixelSpacing display = o.displaySpacing(stored);
                for (const PixelPoint p :
                    { PixelPoint { 0.0, 0.0 }, PixelPoint { 29.0, 19.0 }, PixelPoint { 4.0, 11.5 } }) {
                    const double x = p.column * stored.columnMm;
                    const double y = p.row * stored.rowMm;
                    const PixelPoint d = o.toDisplay(p);
                    CHECK(m[0] * x + m[1] * y + m[2] == Approx(d.column * display.columnMm));
                    CHECK(m[3] * x + m[4] * y + m[5] == Approx(d.row * display.rowMm));
                    CHECK(o.toStored(d) == p);
                }
            }
        }
    }
}
