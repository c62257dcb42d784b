#include "radmark/annotation/PlaneResampler.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

using namespace radmark::annotation;

namespace {

// A value that is linear in the patient position: trilinear interpolation reproduces it exactly, so
// every resampled pixel can be checked against the position the grid says it has.
double linearValue(const Vector3& p)
{
    return 3.0 * p.x - 2.0 * p.y + 5.0 * p.z + 100.0;
}

std::shared_ptr<ImageVolume> linearVolume(const ImageGeometry& geometry)
{
    auto volume = std::make_shared<ImageVolume>(geometry, VoxelType::Float32);
    auto* voxels = static_cast<float*>(volume->data());
    std::size_t index = 0;
    for (int k = 0; k < geometry.slices; ++k) {
        for (int j = 0; j < geometry.rows; ++j) {
            for (int i = 0; i < geometry.columns; ++i) {
                voxels[index++] = static_cast<float>(linearValue(geometry.voxelToPatient(
                    { static_cast<double>(i), static_cast<double>(j), static_cast<double>(k) })));
            }
        }
    }
    return volume;
}

bool insideVoxelCentres(const ImageGeometry& g, const Vector3& p)
{
    const VoxelCoordinate v = g.patientToVoxel(p);
    return v.i >= 0.0 && v.j >= 0.0 && v.k >= 0.0 && v.i <= g.columns - 1 && v.j <= g.rows - 1 && v.k <= g.slices - 1;
}

// Checks every pixel of the plane that lies among voxel centres; returns how many were checked.
int checkPlane(const PlaneResampler& resampler, MprOrientation orientation, const Vector3& through)
{
    const ImageGeometry& g = resampler.volume().geometry();
    const PlaneGrid grid = mprPlaneGrid(g, orientation, through);
    auto image = resampler.makePlaneImage(grid);
    resampler.resample(grid, *image);
    const auto* values = static_cast<const float*>(image->data());
    int checked = 0;
    for (int r = 0; r < grid.rows; ++r) {
        for (int c = 0; c < grid.columns; ++c) {
            const Vector3 p = grid.toPatient(c, r);
            if (insideVoxelCentres(g, p)) {
                INFO("pixel " << c << ", " << r << " at " << p.x << ", " << p.y << ", " << p.z);
                REQUIRE(values[static_cast<std::size_t>(r) * grid.columns + c] == Approx(linearValue(p)).margin(1e-2));
                ++checked;
            }
        }
    }
    return checked;
}

} // namespace

TEST_CASE("resampled planes of a regular axial volume hold the values at their patient positions", "[mpr][resample]")
{
    const ImageGeometry g = ImageGeometry::regular(
        20, 16, 10, 0.8, 0.7, { -5.0, -4.0, 12.0 }, { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 0.0, 2.5 });
    const PlaneResampler resampler(linearVolume(g));
    CHECK(checkPlane(resampler, MprOrientation::Axial, { 0.0, 0.0, 20.3 }) > 200);
    CHECK(checkPlane(resampler, MprOrientation::Coronal, { 0.0, 1.1, 0.0 }) > 100);
    CHECK(checkPlane(resampler, MprOrientation::Sagittal, { 3.3, 0.0, 0.0 }) > 100);
}

TEST_CASE("a gantry-tilted stack is resliced on true patient planes", "[mpr][resample]")
{
    // Slice origins step 3 mm in z and 1.2 mm in y: every coronal plane cuts across several slices.
    const ImageGeometry g = ImageGeometry::regular(
        24, 24, 12, 1.0, 1.0, { -12.0, -12.0, -18.0 }, { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 1.2, 3.0 });
    const PlaneResampler resampler(linearVolume(g));
    CHECK(checkPlane(resampler, MprOrientation::Coronal, { 0.0, 2.0, 0.0 }) > 100);
    CHECK(checkPlane(resampler, MprOrientation::Sagittal, { -1.5, 0.0, 0.0 }) > 100);
    CHECK(checkPlane(resampler, MprOrientation::Axial, { 0.0, 0.0, 1.0 }) > 100);
}

TEST_CASE("uneven slice spacing and an oblique (sagittal) acquisition are resliced exactly", "[mpr][resample]")
{
    ImageGeometry uneven = ImageGeometry::regular(
        12, 12, 6, 1.0, 1.0, { 0.0, 0.0, 0.0 }, { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 0.0, 2.0 });
    uneven.sliceOriginsLpsMm = { { 0, 0, 0 }, { 0, 0, 2 }, { 0, 0, 4 }, { 0, 0, 9 }, { 0, 0, 11 }, { 0, 0, 16 } };
    CHECK(checkPlane(PlaneResampler(linearVolume(uneven)), MprOrientation::Coronal, { 0.0, 5.0, 0.0 }) > 50);

    // A sagittal acquisition: rows along y, columns downwards (-z), slices along x.
    const ImageGeometry sagittal = ImageGeometry::regular(
        16, 14, 10, 1.0, 1.5, { -20.0, -8.0, 10.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 0.0, -1.0 }, { 2.0, 0.0, 0.0 });
    const PlaneResampler resampler(linearVolume(sagittal));
    CHECK(checkPlane(resampler, MprOrientation::Axial, { 0.0, 0.0, 0.0 }) > 50);
    CHECK(checkPlane(resampler, MprOrientation::Coronal, { 0.0, 0.0, 0.0 }) > 50);
}

TEST_CASE("samples outside the volume get the smallest value, integer volumes are rounded", "[mpr][resample]")
{
    const ImageGeometry g = ImageGeometry::regular(
        4, 4, 4, 1.0, 1.0, { 0.0, 0.0, 0.0 }, { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 0.0, 1.0 });
    auto volume = std::make_shared<ImageVolume>(g, VoxelType::Int16);
    auto* voxels = static_cast<std::int16_t*>(volume->data());
    for (std::size_t index = 0; index < volume->voxelCount(); ++index) {
        voxels[index] = static_cast<std::int16_t>(index % 4 == 0 ? -1000 : 100); // column 0 is air
    }
    const PlaneResampler resampler(volume);
    CHECK(resampler.outsideValue() == -1000.0);
    PlaneGrid grid = mprPlaneGrid(g, MprOrientation::Axial, { 0.0, 0.0, 1.0 });
    grid.originLpsMm = { -2.0, 0.0, 1.0 }; // two columns left of the volume
    grid.columns = 5;
    auto image = resampler.makePlaneImage(grid);
    resampler.resample(grid, *image);
    const auto* out = static_cast<const std::int16_t*>(image->data());
    CHECK(out[0] == -1000); // x = -2: outside
    CHECK(out[2] == -1000); // x = 0: column 0
    CHECK(out[3] == static_cast<std::int16_t>(std::lround(-1000 + 1100 * 1.0))); // x = 1
    CHECK(image->geometry().sliceOriginsLpsMm.front().x == -2.0);
}
