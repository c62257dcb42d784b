#include "TestPaths.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/ProjectError.h"

#include <catch2/catch.hpp>

#include <cstring>

using radmark::annotation::VoxelType;
using radmark::testing::sharedDataPath;
using namespace radmark::storage;

TEST_CASE("the same FLAIR as NIfTI and NRRD loads to the same voxels and LPS geometry", "[loader][realdata]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const LoadedSeries nifti = loadSeriesFiles({ sharedDataPath("volumes/niivue/files/FLAIR.nii.gz") });
    const LoadedSeries nrrd = loadSeriesFiles({ sharedDataPath("volumes/niivue/files/FLAIR.nrrd") });
    const auto& a = nifti.volume->geometry();
    const auto& b = nrrd.volume->geometry();
    CHECK(a.columns == 124);
    CHECK(a.rows == 160);
    CHECK(a.slices == 140);
    CHECK(b.columns == a.columns);
    CHECK(b.rows == a.rows);
    REQUIRE(b.slices == a.slices);
    CHECK(nifti.volume->voxelType() == VoxelType::Int16); // uint8 on disk: whole numbers that fit
    CHECK(a.columnSpacingMm == Approx(1.0).margin(1e-4));
    for (const std::size_t k : { std::size_t { 0 }, std::size_t { 139 } }) {
        CHECK(radmark::annotation::length(a.sliceOriginsLpsMm[k] - b.sliceOriginsLpsMm[k]) < 1e-2);
    }
    CHECK(radmark::annotation::angleBetweenDegrees(a.rowDirectionLps, b.rowDirectionLps) < 1e-2);
    REQUIRE(nifti.volume->byteCount() == nrrd.volume->byteCount());
    CHECK(std::memcmp(nifti.volume->data(), nrrd.volume->data(), nifti.volume->byteCount()) == 0);
    CHECK(nifti.sliceSources.size() == 140);
}

TEST_CASE("MetaImage and RGB NIfTI volumes load", "[loader][realdata]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const LoadedSeries mha
        = loadSeriesFiles({ sharedDataPath("volumes/itk_examples/files/BrainProtonDensity3Slices.mha") });
    CHECK(mha.volume->geometry().slices == 3);
    CHECK(mha.volume->valueRange().second > 0.0);
    CHECK_THROWS_AS(loadSeriesFiles({ sharedDataPath("volumes/niivue/files/absent.nii.gz") }), ProjectError);
}
