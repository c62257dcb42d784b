// Putting a saliency map on the series grid: same grid, another grid with an affine, no overlap.
#include "radmark/annotation/saliency/SaliencyResampling.h"
#include "radmark/annotation/saliency/SaliencyValues.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace radmark::annotation;

namespace {

float at(const ImageVolume& volume, int i, int j, int k)
{
    const ImageGeometry& g = volume.geometry();
    return static_cast<const float*>(volume.data())[(static_cast<std::size_t>(k) * g.rows + j) * g.columns + i];
}

} // namespace

TEST_CASE("a map on the series grid is copied as it is", "[saliency][resampling]")
{
    const ImageGeometry grid
        = ImageGeometry::regular(8, 6, 4, 0.5, 0.5, { -10, 5, 3 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 2 });
    ImageVolume map(grid, VoxelType::Float32);
    static_cast<float*>(map.data())[50] = 3.5f;
    CHECK(isSameGrid(grid, grid));
    const ResampledMap resampled = resampleOntoGrid(map, grid);
    CHECK(resampled.sameGrid);
    CHECK(resampled.coveredVoxelCount == grid.voxelCount());
    CHECK(static_cast<const float*>(resampled.values.data())[50] == 3.5f);
}

TEST_CASE("a map on a coarser, shifted, flipped grid lands on the right series voxel", "[saliency][resampling]")
{
    // Series: 1 mm voxels, origin (0, 0, 0), axial.
    const ImageGeometry series
        = ImageGeometry::regular(20, 20, 10, 1.0, 1.0, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 });
    // Map: 2 mm voxels, columns running right-to-left (-x), origin at (18, 1, 2): voxel (i, j, k) sits
    // at x = 18 - 2i, y = 1 + 2j, z = 2 + 2k.
    const ImageGeometry mapGrid
        = ImageGeometry::regular(8, 8, 3, 2.0, 2.0, { 18, 1, 2 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 2 });
    ImageVolume map(mapGrid, VoxelType::Float32);
    // Hot voxel (i=3, j=2, k=1): LPS (12, 5, 4) = series voxel (12, 5, 4).
    static_cast<float*>(map.data())[(1 * 8 + 2) * 8 + 3] = 1.0f;
    CHECK_FALSE(isSameGrid(mapGrid, series));
    const ResampledMap resampled = resampleOntoGrid(map, series);
    CHECK_FALSE(resampled.sameGrid);
    CHECK(at(resampled.values, 12, 5, 4) == 1.0f);
    // Half-way between map voxels along one axis: half the value.
    CHECK(at(resampled.values, 11, 5, 4) == 0.5f);
    CHECK(at(resampled.values, 12, 6, 4) == 0.5f);
    CHECK(at(resampled.values, 12, 5, 5) == 0.5f);
    CHECK(at(resampled.values, 14, 5, 4) == 0.0f);
    // Covered: x in [3, 19] (17 columns), y in [0, 16] (17 rows), z in [1, 7] (7 slices).
    CHECK(resampled.coveredVoxelCount == 17u * 17u * 7u);
}

TEST_CASE("a map that does not overlap covers nothing", "[saliency][resampling]")
{
    const ImageGeometry series
        = ImageGeometry::regular(10, 10, 5, 1.0, 1.0, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 });
    const ImageGeometry far
        = ImageGeometry::regular(10, 10, 5, 1.0, 1.0, { 500, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 });
    ImageVolume map(far, VoxelType::Float32);
    CHECK(resampleOntoGrid(map, series).coveredVoxelCount == 0);
}

TEST_CASE("a one-slice map covers a slab one slice thick", "[saliency][resampling]")
{
    const ImageGeometry series
        = ImageGeometry::regular(4, 4, 5, 1.0, 1.0, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 });
    ImageGeometry slab = ImageGeometry::regular(4, 4, 1, 1.0, 1.0, { 0, 0, 2 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 });
    ImageVolume map(slab, VoxelType::Float32);
    static_cast<float*>(map.data())[5] = 2.0f;
    const ResampledMap resampled = resampleOntoGrid(map, series);
    CHECK(resampled.coveredVoxelCount == 16u);
    CHECK(at(resampled.values, 1, 1, 2) == 2.0f);
    CHECK(at(resampled.values, 1, 1, 1) == 0.0f);
}

TEST_CASE(
    "map values: NaN and infinities become 0 and are counted, signed and zero maps are told", "[saliency][values]")
{
    ImageVolume map(
        ImageGeometry::regular(4, 1, 1, 1, 1, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }), VoxelType::Float32);
    auto* values = static_cast<float*>(map.data());
    values[0] = std::numeric_limits<float>::quiet_NaN();
    values[1] = std::numeric_limits<float>::infinity();
    values[2] = -2.0f;
    values[3] = 4.0f;
    const SaliencyValueSummary summary = sanitizeSaliencyValues(map);
    CHECK(summary.nonFiniteCount == 2);
    CHECK(values[0] == 0.0f);
    CHECK(values[1] == 0.0f);
    CHECK(summary.negativeCount == 1);
    CHECK(summary.isSigned());
    CHECK(summary.minimum == -2.0);
    CHECK(summary.maximum == 4.0);
    REQUIRE(summary.warnings().size() == 2);
    CHECK(summary.warnings()[0] == "2 voxels are NaN or infinite (shown and counted as 0)");

    ImageVolume zeros(map.geometry(), VoxelType::Float32);
    const SaliencyValueSummary zero = sanitizeSaliencyValues(zeros);
    CHECK(zero.isAllZero());
    CHECK(zero.warnings() == std::vector<std::string> { "the map is zero everywhere (nothing to show)" });
}

TEST_CASE("magnitude percentiles follow the nearest rank to 1/65536 of the maximum", "[saliency][values]")
{
    ImageVolume map(ImageGeometry::regular(100, 1, 1, 1, 1, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }),
        VoxelType::Float32);
    auto* values = static_cast<float*>(map.data());
    for (int n = 0; n < 100; ++n) {
        values[n] = static_cast<float>(n % 2 == 0 ? n + 1 : -(n + 1)); // magnitudes 1..100, signs alternate
    }
    const SaliencyMagnitudeHistogram histogram(map);
    CHECK(histogram.largestMagnitude() == 100.0);
    CHECK(histogram.nonZeroCount() == 100);
    CHECK(histogram.percentile(50.0) == Approx(50.0).margin(100.0 / 65536.0));
    CHECK(histogram.percentile(90.0) == Approx(90.0).margin(100.0 / 65536.0));
    CHECK(histogram.percentile(100.0) == 100.0);
}
