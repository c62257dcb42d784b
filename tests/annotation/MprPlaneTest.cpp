#include "radmark/annotation/MprPlane.h"
#include "radmark/annotation/OrientationLabels.h"

#include <catch2/catch.hpp>

using namespace radmark::annotation;

namespace {

ImageGeometry axialGeometry(int columns, int rows, int slices, double pixelMm, double sliceMm)
{
    return ImageGeometry::regular(columns, rows, slices, pixelMm, pixelMm, { -10.0, -20.0, -30.0 }, { 1.0, 0.0, 0.0 },
        { 0.0, 1.0, 0.0 }, { 0.0, 0.0, sliceMm });
}

} // namespace

TEST_CASE("MPR planes follow the radiological screen conventions", "[mpr]")
{
    // Axial from the feet: patient's left on the right, anterior up.
    CHECK(orientationLabel(mprRightLps(MprOrientation::Axial)) == "L");
    CHECK(orientationLabel(mprDownLps(MprOrientation::Axial)) == "P");
    // Coronal from the front: left on the right, superior up.
    CHECK(orientationLabel(mprRightLps(MprOrientation::Coronal)) == "L");
    CHECK(orientationLabel(mprDownLps(MprOrientation::Coronal)) == "I");
    // Sagittal from the left: anterior on the left, posterior on the right, superior up.
    CHECK(orientationLabel(mprRightLps(MprOrientation::Sagittal)) == "P");
    CHECK(orientationLabel(mprDownLps(MprOrientation::Sagittal)) == "I");
    CHECK(parseMprOrientation("coronal") == MprOrientation::Coronal);
    CHECK_FALSE(parseMprOrientation("oblique").has_value());
}

TEST_CASE("sampling distances of an anisotropic volume are the pixel and slice spacings", "[mpr]")
{
    const ImageGeometry g = axialGeometry(100, 80, 20, 0.6, 5.0);
    CHECK(samplingDistanceAlongAxisMm(g, 0) == Approx(0.6));
    CHECK(samplingDistanceAlongAxisMm(g, 1) == Approx(0.6));
    CHECK(samplingDistanceAlongAxisMm(g, 2) == Approx(5.0));

    // The coronal grid keeps 0.6 x 5 mm pixels over the whole volume: 100 columns, 20 rows.
    const PlaneGrid coronal = mprPlaneGrid(g, MprOrientation::Coronal, { 0.0, 7.0, 0.0 });
    CHECK(coronal.columns == 100);
    CHECK(coronal.rows == 20);
    CHECK(coronal.columnSpacingMm == Approx(0.6));
    CHECK(coronal.rowSpacingMm == Approx(5.0));
    // Top-left pixel: the patient's right end (smallest x) at the superior end (largest z), on y = 7.
    CHECK(coronal.originLpsMm.x == Approx(-10.0));
    CHECK(coronal.originLpsMm.y == Approx(7.0));
    CHECK(coronal.originLpsMm.z == Approx(-30.0 + 19 * 5.0));
}

TEST_CASE("axial MPR planes of an axial series fall on its slices", "[mpr]")
{
    const ImageGeometry g = axialGeometry(16, 16, 12, 1.0, 2.5);
    REQUIRE(mprPlaneCount(g, MprOrientation::Axial) == 12);
    for (int k = 0; k < 12; ++k) {
        CHECK(mprPlanePositionMm(g, MprOrientation::Axial, k) == Approx(-30.0 + 2.5 * k));
        CHECK(mprPlaneIndexAt(g, MprOrientation::Axial, -30.0 + 2.5 * k + 0.9) == k);
    }
    CHECK(mprPlaneIndexAt(g, MprOrientation::Axial, 1000.0) == 11);
    CHECK(mprPlaneCount(g, MprOrientation::Sagittal) == 16);
    CHECK(mprPlanePositionMm(g, MprOrientation::Sagittal, 0) == Approx(-10.0));
}

TEST_CASE("patient bounds of a tilted stack hold every voxel", "[mpr]")
{
    // Slices step 2 mm in z and 1 mm in y (gantry tilt): the stack is sheared along y.
    const ImageGeometry g = ImageGeometry::regular(
        10, 10, 5, 1.0, 1.0, { 0.0, 0.0, 0.0 }, { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 1.0, 2.0 });
    const PatientBounds bounds = patientBounds(g);
    CHECK(bounds.minimumLpsMm.y == Approx(-0.5 - 0.5 * 1.0));
    CHECK(bounds.maximumLpsMm.y == Approx(9.5 + 4.5 * 1.0));
    CHECK(bounds.minimumLpsMm.z == Approx(-1.0));
    CHECK(bounds.maximumLpsMm.z == Approx(9.0));
}

TEST_CASE("MPR is refused with a reason for single slices and colour", "[mpr]")
{
    ImageVolume single(axialGeometry(8, 8, 1, 1.0, 1.0), VoxelType::Int16);
    REQUIRE(mprUnavailableReason(single).has_value());
    CHECK(mprUnavailableReason(single)->find("single slice") != std::string::npos);
    ImageVolume colour(axialGeometry(8, 8, 4, 1.0, 1.0), VoxelType::Rgb8);
    REQUIRE(mprUnavailableReason(colour).has_value());
    CHECK(mprUnavailableReason(colour)->find("colour") != std::string::npos);
    ImageVolume stack(axialGeometry(8, 8, 4, 1.0, 1.0), VoxelType::Int16);
    CHECK_FALSE(mprUnavailableReason(stack).has_value());
}
