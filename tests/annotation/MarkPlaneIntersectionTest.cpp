#include "radmark/annotation/MarkPlaneIntersection.h"

#include "radmark/annotation/RecistMeasurement.h"

#include <catch2/catch.hpp>

using namespace radmark::annotation;

namespace {

// 1 mm pixels, 2 mm slices, slice k at z = 2k, pixel (i, j) at x = i, y = j.
ImageGeometry seriesGeometry()
{
    return ImageGeometry::regular(
        100, 100, 20, 1.0, 1.0, { 0.0, 0.0, 0.0 }, { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 0.0, 2.0 });
}

LesionMark markOnSlice(int k, MarkShape shape)
{
    LesionMark mark;
    mark.slice.seriesUid = "1.2.3";
    mark.slice.sliceIndex = k;
    mark.plane = SlicePlane::fromGeometry(seriesGeometry(), k);
    mark.shape = std::move(shape);
    return mark;
}

} // namespace

TEST_CASE("a line on an axial slice is drawn whole in that axial plane and as a point in a crossing coronal plane",
    "[mpr][marks]")
{
    const ImageGeometry g = seriesGeometry();
    const LesionMark line = markOnSlice(5, LineMark { { { 20.0, 30.0 }, { 40.0, 50.0 } } });
    const PlaneGrid axial = mprPlaneGrid(g, MprOrientation::Axial, { 0.0, 0.0, 10.0 });
    const auto inPlane = intersectMarkWithPlane(line, g, axial, 1.0);
    REQUIRE(inPlane.size() == 1);
    REQUIRE(inPlane[0].pointsPx.size() == 2);
    CHECK(inPlane[0].pointsPx[0].column == Approx(20.0));
    CHECK(inPlane[0].pointsPx[0].row == Approx(30.0));
    CHECK(inPlane[0].pointsPx[1].column == Approx(40.0));

    // The coronal plane y = 40 crosses the line at x = 30, z = 10.
    const PlaneGrid coronal = mprPlaneGrid(g, MprOrientation::Coronal, { 0.0, 40.0, 0.0 });
    const auto crossing = intersectMarkWithPlane(line, g, coronal, 1.0);
    REQUIRE(crossing.size() == 1);
    REQUIRE(crossing[0].pointsPx.size() == 1);
    const Vector3 point = coronal.toPatient(crossing[0].pointsPx[0].column, crossing[0].pointsPx[0].row);
    CHECK(point.x == Approx(30.0));
    CHECK(point.y == Approx(40.0));
    CHECK(point.z == Approx(10.0));

    // Another axial plane misses it.
    CHECK(intersectMarkWithPlane(line, g, mprPlaneGrid(g, MprOrientation::Axial, { 0.0, 0.0, 14.0 }), 1.0).empty());
}

TEST_CASE("a 3D box is cut by a sagittal plane into its rectangle", "[mpr][marks]")
{
    const ImageGeometry g = seriesGeometry();
    // Columns 10..30, rows 20..60, slices 4..6: z from 7 to 13 mm (half a slice beyond each end).
    const LesionMark box = markOnSlice(5, Box3dMark { { 10.0, 20.0, 30.0, 60.0 }, 4, 6 });
    const PlaneGrid sagittal = mprPlaneGrid(g, MprOrientation::Sagittal, { 25.0, 0.0, 0.0 });
    const auto cut = intersectMarkWithPlane(box, g, sagittal, 1.0);
    REQUIRE(cut.size() == 1);
    CHECK(cut[0].closed);
    REQUIRE(cut[0].pointsPx.size() == 4);
    double minY = 1e9, maxY = -1e9, minZ = 1e9, maxZ = -1e9;
    for (const PixelPoint& p : cut[0].pointsPx) {
        const Vector3 lps = sagittal.toPatient(p.column, p.row);
        CHECK(lps.x == Approx(25.0));
        minY = std::min(minY, lps.y);
        maxY = std::max(maxY, lps.y);
        minZ = std::min(minZ, lps.z);
        maxZ = std::max(maxZ, lps.z);
    }
    CHECK(minY == Approx(20.0));
    CHECK(maxY == Approx(60.0));
    CHECK(minZ == Approx(7.0));
    CHECK(maxZ == Approx(13.0));
    CHECK(markCentreLpsMm(box, g).z == Approx(10.0));
}
