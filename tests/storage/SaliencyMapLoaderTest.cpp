// Saliency map files onto the series grid: MetaImage on the same or another grid, float DICOM maps,
// one-slice maps, and the bad inputs (no overlap, wrong dimensions, NaN, missing or unreadable files).
#include "ImportTestFiles.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/saliency/SaliencyMapLoader.h"
#include "radmark/storage/saliency/SaliencyMapWriter.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace radmark::storage;
using radmark::annotation::ImageGeometry;
using radmark::annotation::ImageVolume;
using radmark::annotation::Vector3;
using radmark::annotation::VoxelType;
using radmark::testing::makeTemporaryFolder;

namespace {

// The series: 24 x 20 x 10, 0.5 mm pixels, 2 mm slices, origin (-6, -5, 10), axial.
const ImageGeometry kSeries
    = ImageGeometry::regular(24, 20, 10, 0.5, 0.5, { -6, -5, 10 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 2 });

ImageVolume mapOn(const ImageGeometry& grid)
{
    return ImageVolume(grid, VoxelType::Float32);
}

float& voxel(ImageVolume& map, int i, int j, int k)
{
    const ImageGeometry& g = map.geometry();
    return static_cast<float*>(map.data())[(static_cast<std::size_t>(k) * g.rows + j) * g.columns + i];
}

float valueAt(const ImageVolume& map, int i, int j, int k)
{
    return static_cast<float>(map.valueAt(i, j, k));
}

// Every voxel of the series that is not 0, as (i, j, k, value).
std::vector<std::tuple<int, int, int, float>> nonZero(const ImageVolume& map)
{
    std::vector<std::tuple<int, int, int, float>> found;
    const ImageGeometry& g = map.geometry();
    for (int k = 0; k < g.slices; ++k) {
        for (int j = 0; j < g.rows; ++j) {
            for (int i = 0; i < g.columns; ++i) {
                if (map.valueAt(i, j, k) != 0.0) {
                    found.emplace_back(i, j, k, valueAt(map, i, j, k));
                }
            }
        }
    }
    return found;
}

} // namespace

TEST_CASE("a MetaImage map on the series grid is used as it is", "[saliency][loader]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-load");
    ImageVolume map = mapOn(kSeries);
    voxel(map, 7, 3, 5) = 0.75f;
    writeSaliencyMetaImage(map, folder + "/same.mha");
    const LoadedSaliencyMap loaded = loadSaliencyMap(folder + "/same.mha", kSeries);
    CHECK(loaded.sameGrid);
    CHECK(loaded.grid == "series grid");
    CHECK(loaded.warnings.empty());
    CHECK(nonZero(*loaded.values) == std::vector<std::tuple<int, int, int, float>> { { 7, 3, 5, 0.75f } });
}

TEST_CASE("a MetaImage map on a rotated coarser grid lands at its patient coordinate", "[saliency][loader]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-load");
    // Columns run anterior (-y), rows to the patient's left (+x): an in-plane rotation whose direction
    // matrix is not symmetric, so a transposed TransformMatrix would put the voxel elsewhere.
    // 1 mm pixels, 4 mm slices. Hot voxel (2, 3, 0): LPS (1, 3, 10) + 2 (0, -1, 0) + 3 (1, 0, 0) = (4, 1, 10),
    // which is series voxel ((4 + 6) / 0.5, (1 + 5) / 0.5, 0) = (20, 12, 0).
    const ImageGeometry rotated
        = ImageGeometry::regular(6, 6, 3, 1.0, 1.0, { 1, 3, 10 }, { 0, -1, 0 }, { 1, 0, 0 }, { 0, 0, 4 });
    ImageVolume map = mapOn(rotated);
    voxel(map, 2, 3, 0) = 1.0f;
    writeSaliencyMetaImage(map, folder + "/rotated.mha");
    const LoadedSaliencyMap loaded = loadSaliencyMap(folder + "/rotated.mha", kSeries);
    CHECK_FALSE(loaded.sameGrid);
    CHECK_THAT(loaded.grid, Catch::StartsWith("resampled from 6 x 6 x 3"));
    CHECK(valueAt(*loaded.values, 20, 12, 0) == 1.0f);
    // One map pixel is two series pixels: the neighbours half-way get half.
    CHECK(valueAt(*loaded.values, 21, 12, 0) == 0.5f);
    CHECK(valueAt(*loaded.values, 20, 11, 0) == 0.5f);
    CHECK(valueAt(*loaded.values, 22, 12, 0) == 0.0f);
    CHECK(valueAt(*loaded.values, 20, 12, 1) == 0.5f);
    REQUIRE_FALSE(loaded.warnings.empty());
    CHECK_THAT(loaded.warnings.front(), Catch::Contains("rotated.mha: the map covers"));
}

TEST_CASE("a float DICOM map referencing the series is placed by its functional groups", "[saliency][loader]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-load");
    // Every other series pixel and slice: 12 x 10 x 5 on 1 mm x 4 mm, same origin.
    const ImageGeometry coarse
        = ImageGeometry::regular(12, 10, 5, 1.0, 1.0, { -6, -5, 10 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 4 });
    ImageVolume map = mapOn(coarse);
    voxel(map, 5, 4, 2) = 2.0f; // LPS (-1, -1, 18) = series voxel (10, 8, 4)
    SaliencyDicomReference reference { "1.2.3", "1.2.3.4", "1.2.3.5", "P1", "Test^Map" };
    writeSaliencyFloatDicom(map, reference, folder + "/map.dcm");
    const LoadedSaliencyMap loaded = loadSaliencyMap(folder + "/map.dcm", kSeries);
    CHECK_FALSE(loaded.sameGrid);
    CHECK(valueAt(*loaded.values, 10, 8, 4) == 2.0f);
    CHECK(valueAt(*loaded.values, 11, 8, 4) == 1.0f);
    CHECK(valueAt(*loaded.values, 10, 8, 3) == 1.0f);

    SECTION("on the series grid it is used as it is")
    {
        ImageVolume same = mapOn(kSeries);
        voxel(same, 1, 2, 3) = -4.0f;
        writeSaliencyFloatDicom(same, reference, folder + "/same.dcm");
        const LoadedSaliencyMap exact = loadSaliencyMap(folder + "/same.dcm", kSeries);
        CHECK(exact.sameGrid);
        CHECK(exact.summary.isSigned());
        CHECK(nonZero(*exact.values) == std::vector<std::tuple<int, int, int, float>> { { 1, 2, 3, -4.0f } });
        REQUIRE(exact.warnings.size() == 1);
        CHECK_THAT(exact.warnings[0], Catch::Contains("same.dcm: the map has negative values"));
    }
}

TEST_CASE("a one-slice map with a slice number is laid on that slice", "[saliency][loader]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-load");
    ImageVolume slice
        = mapOn(ImageGeometry::regular(24, 20, 1, 1.0, 1.0, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }));
    voxel(slice, 23, 19, 0) = 5.0f;
    writeSaliencyMetaImage(slice, folder + "/slice.mha");
    const LoadedSaliencyMap loaded = loadSaliencyMap(folder + "/slice.mha", kSeries, 6);
    CHECK(loaded.grid == "slice 7 of the series");
    CHECK(nonZero(*loaded.values) == std::vector<std::tuple<int, int, int, float>> { { 23, 19, 6, 5.0f } });
    CHECK_THROWS_WITH(loadSaliencyMap(folder + "/slice.mha", kSeries, 10),
        Catch::Contains("slice.mha: slice 11 is outside the series (1..10)"));
}

TEST_CASE("bad saliency maps are refused with the file and the reason", "[saliency][loader]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-bad");
    SECTION("no overlap")
    {
        ImageVolume far
            = mapOn(ImageGeometry::regular(4, 4, 4, 1, 1, { 300, 300, 300 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }));
        voxel(far, 1, 1, 1) = 1.0f;
        writeSaliencyMetaImage(far, folder + "/far.mha");
        CHECK_THROWS_WITH(loadSaliencyMap(folder + "/far.mha", kSeries),
            Catch::Contains("far.mha: the map's grid (4 x 4 x 4) does not overlap the series"));
    }
    SECTION("wrong dimensions for a slice")
    {
        ImageVolume small
            = mapOn(ImageGeometry::regular(8, 8, 1, 1, 1, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }));
        writeSaliencyMetaImage(small, folder + "/small.mha");
        CHECK_THROWS_WITH(loadSaliencyMap(folder + "/small.mha", kSeries, 0),
            Catch::Contains("small.mha: wrong dimensions: the map is 8 x 8 x 1, one slice of the series "
                            "is 24 x 20 x 1"));
    }
    SECTION("NaN and infinities are zeroed and reported, all-zero maps are reported")
    {
        ImageVolume map = mapOn(kSeries);
        voxel(map, 0, 0, 0) = std::numeric_limits<float>::quiet_NaN();
        voxel(map, 1, 0, 0) = -std::numeric_limits<float>::infinity();
        writeSaliencyMetaImage(map, folder + "/nan.mha");
        const LoadedSaliencyMap loaded = loadSaliencyMap(folder + "/nan.mha", kSeries);
        CHECK(loaded.summary.nonFiniteCount == 2);
        CHECK(nonZero(*loaded.values).empty());
        REQUIRE(loaded.warnings.size() == 2);
        CHECK(loaded.warnings[0] == folder + "/nan.mha: 2 voxels are NaN or infinite (shown and counted as 0)");
        CHECK(loaded.warnings[1] == folder + "/nan.mha: the map is zero everywhere (nothing to show)");
    }
    SECTION("missing, unreadable and PNG without a slice")
    {
        CHECK_THROWS_WITH(
            loadSaliencyMap(folder + "/absent.nii.gz", kSeries), Catch::Contains("absent.nii.gz: file not found"));
        radmark::testing::writeTextFile(folder + "/garbage.dcm", "not a DICOM file at all");
        CHECK_THROWS_AS(loadSaliencyMap(folder + "/garbage.dcm", kSeries), ProjectError);
        radmark::testing::writeTextFile(folder + "/garbage.nrrd", "NRRD0004\nbroken");
        CHECK_THROWS_WITH(loadSaliencyMap(folder + "/garbage.nrrd", kSeries), Catch::Contains("garbage.nrrd"));
    }
}
