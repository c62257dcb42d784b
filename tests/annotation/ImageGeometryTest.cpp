#include "radmark/annotation/ImageGeometry.h"
#include "radmark/annotation/OrientationLabels.h"

#include <catch2/catch.hpp>

using namespace radmark::annotation;

TEST_CASE("regular geometry maps voxels to LPS millimetres and back", "[geometry]")
{
    const ImageGeometry geometry = ImageGeometry::regular(
        512, 400, 30, 0.7, 0.8, { -100.0, -120.0, 50.0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 2.5 });
    const Vector3 point = geometry.voxelToPatient({ 10.0, 20.0, 4.0 });
    CHECK(point.x == Approx(-100.0 + 10 * 0.7));
    CHECK(point.y == Approx(-120.0 + 20 * 0.8));
    CHECK(point.z == Approx(50.0 + 4 * 2.5));
    const VoxelCoordinate back = geometry.patientToVoxel(point);
    CHECK(back.i == Approx(10.0));
    CHECK(back.j == Approx(20.0));
    CHECK(back.k == Approx(4.0));
    CHECK(geometry.sliceSpacingMm == Approx(2.5));
    CHECK(geometry.voxelCount() == 512u * 400u * 30u);
}

TEST_CASE("uneven slice origins are honoured exactly", "[geometry]")
{
    ImageGeometry geometry
        = ImageGeometry::regular(4, 4, 3, 1.0, 1.0, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 4 });
    geometry.sliceOriginsLpsMm = { { 0, 0, 0 }, { 0, 0, 4 }, { 0, 0, 11 } };
    CHECK(geometry.voxelToPatient({ 0, 0, 2 }).z == Approx(11.0));
    CHECK(geometry.voxelToPatient({ 0, 0, 1.5 }).z == Approx(7.5));
    CHECK(geometry.patientToVoxel({ 0, 0, 7.5 }).k == Approx(1.5));
    CHECK(geometry.patientToVoxel({ 0, 0, 18 }).k == Approx(3.0));
    CHECK(geometry.patientToVoxel({ 0, 0, -4 }).k == Approx(-1.0));
}

TEST_CASE("tilted stacks keep their in-plane shift per slice", "[geometry]")
{
    // Each slice 5 mm up and 1 mm posterior: a gantry tilt.
    const ImageGeometry geometry
        = ImageGeometry::regular(8, 8, 4, 0.5, 0.5, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 1, 5 });
    const Vector3 point = geometry.voxelToPatient({ 2, 2, 3 });
    CHECK(point.x == Approx(1.0));
    CHECK(point.y == Approx(1.0 + 3.0));
    CHECK(point.z == Approx(15.0));
    const VoxelCoordinate back = geometry.patientToVoxel(point);
    CHECK(back.i == Approx(2.0));
    CHECK(back.j == Approx(2.0));
    CHECK(back.k == Approx(3.0));
}

TEST_CASE("sagittal geometry with reversed stack order", "[geometry]")
{
    // Sagittal: i runs posterior, j inferior; the stack steps towards the patient's right.
    const ImageGeometry geometry
        = ImageGeometry::regular(10, 10, 5, 1.0, 1.0, { 20, 0, 0 }, { 0, 1, 0 }, { 0, 0, -1 }, { -2, 0, 0 });
    const VoxelCoordinate voxel = geometry.patientToVoxel({ 14, 3, -7 });
    CHECK(voxel.k == Approx(3.0));
    CHECK(voxel.i == Approx(3.0));
    CHECK(voxel.j == Approx(7.0));
}

TEST_CASE("orientation letters follow LPS", "[geometry]")
{
    CHECK(orientationLabel({ 1, 0, 0 }) == "L");
    CHECK(orientationLabel({ -1, 0, 0 }) == "R");
    CHECK(orientationLabel({ 0, -1, 0 }) == "A");
    CHECK(orientationLabel({ 0, 1, 0 }) == "P");
    CHECK(orientationLabel({ 0, 0, 1 }) == "S");
    CHECK(orientationLabel({ 0, 0, -1 }) == "I");
    CHECK(orientationLabel({ 0, 0.95, -0.31 }) == "PI");
    CHECK(orientationLabel({ 0, 0, 0 }).empty());
}
