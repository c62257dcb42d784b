#include "TestPaths.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

using radmark::annotation::Vector3;
using radmark::annotation::VoxelType;
using namespace radmark::storage;

namespace {

std::string freshFolder(const std::string& name)
{
    return radmark::testing::makeTemporaryFolder("radmark-loader") + "/" + name;
}

double valueAtPatient(const LoadedSeries& loaded, const Vector3& pointLpsMm)
{
    const auto voxel = loaded.volume->geometry().patientToVoxel(pointLpsMm);
    const int i = static_cast<int>(std::lround(voxel.i));
    const int j = static_cast<int>(std::lround(voxel.j));
    const int k = static_cast<int>(std::lround(voxel.k));
    REQUIRE(loaded.volume->contains(i, j, k));
    return loaded.volume->valueAt(i, j, k);
}

bool hasWarningContaining(const LoadedSeries& loaded, const std::string& text)
{
    return std::any_of(loaded.warnings.begin(), loaded.warnings.end(),
        [&](const std::string& warning) { return warning.find(text) != std::string::npos; });
}

} // namespace

TEST_CASE("a synthetic CT loads with exact HU and per-slice origins despite shuffled names", "[loader]")
{
    const std::string folder = freshFolder("ct");
    const WrittenSeries written = writeSyntheticSeries(SyntheticSeriesSpec {}, folder);
    // Rename the files so that name order disagrees with position order, then pass them shuffled.
    std::vector<std::string> paths;
    for (std::size_t k = 0; k < written.filePaths.size(); ++k) {
        const std::string renamed = folder + "/x" + std::to_string((k * 37) % 64) + "_" + std::to_string(k) + ".dcm";
        std::filesystem::rename(written.filePaths[k], renamed);
        paths.push_back(renamed);
    }
    std::vector<std::string> shuffled = paths;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));

    const LoadedSeries loaded = loadSeriesFiles(shuffled);
    const auto& volume = *loaded.volume;
    const auto& geometry = volume.geometry();
    REQUIRE(geometry.columns == 256);
    REQUIRE(geometry.rows == 256);
    REQUIRE(geometry.slices == 64);
    CHECK(volume.voxelType() == VoxelType::Int16);
    CHECK(volume.valueUnit() == "HU");
    CHECK(geometry.pixelSpacingKnown);
    CHECK(geometry.columnSpacingMm == 0.8);
    CHECK(geometry.rowSpacingMm == 0.8);
    CHECK(geometry.sliceSpacingMm == Approx(2.5).margin(1e-9));
    for (int k = 0; k < 64; ++k) {
        const Vector3 origin = geometry.sliceOriginsLpsMm[static_cast<std::size_t>(k)];
        CHECK(origin.x == -102.0);
        CHECK(origin.y == -102.0);
        CHECK(origin.z == Approx(-80.0 + 2.5 * k).margin(1e-9));
        CHECK(loaded.sliceSources[static_cast<std::size_t>(k)].filePath == paths[static_cast<std::size_t>(k)]);
        CHECK(loaded.sliceSources[static_cast<std::size_t>(k)].sopInstanceUid
            == written.sopInstanceUids[static_cast<std::size_t>(k)]);
    }
    CHECK(loaded.warnings.empty());
    CHECK(loaded.patientAge == "054Y");
    CHECK(loaded.patientSex == "F");
    CHECK(loaded.modality == "CT");
    REQUIRE(volume.sourceWindows().size() == 1);
    CHECK(volume.sourceWindows()[0].level == 40.0);
    CHECK(volume.sourceWindows()[0].width == 400.0);

    CHECK(volume.valueAt(0, 0, 0) == -1000.0); // air in the corner
    CHECK(volume.valueAt(65, 115, 28) == 90.0); // centre of the 30 mm lesion at (-50, -10, -10)
    for (const auto& lesion : phantom::lesions) {
        CHECK(valueAtPatient(loaded, lesion.centreLpsMm) == phantom::lesionHu);
    }
    // The marker on the patient's left (+x) appears at high column indices, not mirrored.
    CHECK(volume.valueAt(230, 127, 10) == 1000.0);
    CHECK(volume.valueAt(25, 127, 10) != 1000.0);
    CHECK(valueAtPatient(loaded, { -45.0, -30.0, -30.0 }) == phantom::liverHu);
    CHECK(valueAtPatient(loaded, { 0.0, 50.0, 0.0 }) == phantom::boneHu);
    CHECK(valueAtPatient(loaded, { 45.0, -10.0, 60.0 }) == phantom::lungHu);
}

TEST_CASE("one thread and several threads load identical voxels", "[loader]")
{
    SyntheticSeriesSpec spec;
    spec.slices = 12;
    const WrittenSeries written = writeSyntheticSeries(spec, freshFolder("threads"));
    SeriesLoadOptions one;
    one.threads = 1;
    SeriesLoadOptions four;
    four.threads = 4;
    const LoadedSeries a = loadSeriesFiles(written.filePaths, one);
    const LoadedSeries b = loadSeriesFiles(written.filePaths, four);
    REQUIRE(a.volume->byteCount() == b.volume->byteCount());
    CHECK(std::memcmp(a.volume->data(), b.volume->data(), a.volume->byteCount()) == 0);
}

TEST_CASE("fractional rescale gives Float32 and a large intercept UInt16", "[loader]")
{
    SyntheticSeriesSpec spec;
    spec.slices = 3;
    spec.rescaleSlope = 0.5;
    spec.rescaleIntercept = -1024.25;
    LoadedSeries loaded = loadSeriesFiles(writeSyntheticSeries(spec, freshFolder("float")).filePaths);
    CHECK(loaded.volume->voxelType() == VoxelType::Float32);
    // stored = round((HU + 1024.25) / 0.5); air: round(48.5) = 49 (half away from zero) -> -999.75
    CHECK(loaded.volume->valueAt(0, 0, 0) == -999.75);

    // Signed stored values with a large intercept: the header range does not fit 16 bits, the data does.
    spec.rescaleSlope = 1.0;
    spec.rescaleIntercept = 30000.0;
    loaded = loadSeriesFiles(writeSyntheticSeries(spec, freshFolder("deferred")).filePaths);
    CHECK(loaded.volume->voxelType() == VoxelType::Int16);
    CHECK(loaded.volume->valueAt(0, 0, 0) == -1000.0);
    CHECK(loaded.volume->valueAt(65, 115, 1) == 40.0);

    spec.rescaleIntercept = 0.0;
    spec.huAt = [](const Vector3& p) { return p.x < 0.0 ? 40000.0 : 65535.0; };
    loaded = loadSeriesFiles(writeSyntheticSeries(spec, freshFolder("uint")).filePaths);
    CHECK(loaded.volume->voxelType() == VoxelType::UInt16);
    CHECK(loaded.volume->valueAt(0, 0, 0) == 40000.0);
    CHECK(loaded.volume->valueAt(255, 0, 2) == 65535.0);
}

TEST_CASE("an MR series loads its stored values without HU", "[loader]")
{
    SyntheticSeriesSpec spec;
    spec.modality = "MR";
    spec.slices = 4;
    const LoadedSeries loaded = loadSeriesFiles(writeSyntheticSeries(spec, freshFolder("mr")).filePaths);
    CHECK(loaded.modality == "MR");
    CHECK(loaded.volume->valueUnit().empty());
    CHECK(loaded.volume->valueAt(0, 0, 0) == -1000.0 + 1024.0); // MR keeps the spec's offset, no rescale
}

TEST_CASE("uneven spacing and a missing slice are reported with exact origins", "[loader]")
{
    SyntheticSeriesSpec spec;
    spec.columns = spec.rows = 64;
    spec.columnSpacingMm = spec.rowSpacingMm = 3.2;
    for (const double z : { -10.0, -7.5, -5.0, -2.5, 2.5, 5.0, 7.5, 10.0, 14.0 }) {
        spec.slicePositionsOverride.push_back({ -102.0, -102.0, z });
    }
    const LoadedSeries loaded = loadSeriesFiles(writeSyntheticSeries(spec, freshFolder("uneven")).filePaths);
    const auto& geometry = loaded.volume->geometry();
    REQUIRE(geometry.slices == 9);
    CHECK(geometry.sliceOriginsLpsMm[4].z == 2.5);
    CHECK(geometry.sliceOriginsLpsMm[8].z == 14.0);
    CHECK(geometry.sliceSpacingMm == Approx(2.5));
    CHECK(loaded.stackReport.unevenSpacing);
    CHECK(loaded.stackReport.estimatedMissingSlices == 1);
    CHECK(hasWarningContaining(loaded, "uneven slice spacing: 2.50 to 5.00 mm"));
    CHECK(hasWarningContaining(loaded, "missing"));
}

TEST_CASE("a gantry-tilted stack keeps its oblique origins and warns", "[loader]")
{
    SyntheticSeriesSpec spec;
    spec.columns = spec.rows = 64;
    spec.slices = 10;
    spec.columnSpacingMm = spec.rowSpacingMm = 3.2;
    // Slices step 2.5 mm along the normal and 0.5 mm posteriorly: atan(0.5 / 2.5) = 11.31 degrees.
    spec.sliceStepLpsMm = { 0.0, 0.5, 2.5 };
    const LoadedSeries loaded = loadSeriesFiles(writeSyntheticSeries(spec, freshFolder("tilt")).filePaths);
    CHECK(loaded.stackReport.gantryTiltDegrees == Approx(11.31).margin(0.01));
    CHECK(hasWarningContaining(loaded, "gantry tilt of 11.3 degrees"));
    const auto& origins = loaded.volume->geometry().sliceOriginsLpsMm;
    REQUIRE(origins.size() == 10);
    CHECK(origins[9].y == Approx(-102.0 + 4.5).margin(1e-9));
    CHECK(origins[9].z == Approx(-80.0 + 22.5).margin(1e-9));
    CHECK(loaded.volume->geometry().sliceSpacingMm == Approx(2.5).margin(1e-9));
}

TEST_CASE("a series mixing image sizes is refused with the reason", "[loader]")
{
    SyntheticSeriesSpec big;
    big.slices = 5;
    SyntheticSeriesSpec small = big;
    small.columns = small.rows = 128;
    small.slices = 2;
    small.firstSlicePositionLpsMm = { -102.0, -102.0, 40.0 };
    std::vector<std::string> paths = writeSyntheticSeries(big, freshFolder("big")).filePaths;
    for (const auto& path : writeSyntheticSeries(small, freshFolder("small")).filePaths) {
        paths.push_back(path);
    }
    try {
        loadSeriesFiles(paths);
        FAIL("mixed sizes were accepted");
    } catch (const ProjectError& error) {
        CHECK_THAT(error.what(), Catch::Contains("has slices of different sizes (256x256 \u00d75, 128x128 \u00d72)"));
    }
}

TEST_CASE("broken files give ProjectError or a warning, never a crash", "[loader]")
{
    const std::string folder = freshFolder("broken");
    SyntheticSeriesSpec spec;
    spec.slices = 5;
    const WrittenSeries written = writeSyntheticSeries(spec, folder);

    const std::string garbage = folder + "/garbage.dcm";
    std::ofstream(garbage) << "this is not DICOM at all";
    CHECK_THROWS_AS(loadSeriesFiles({ garbage }), ProjectError);
    CHECK_THROWS_AS(loadSeriesFiles({ folder + "/does-not-exist.dcm" }), ProjectError);
    CHECK_THROWS_AS(loadSeriesFiles({}), ProjectError);
    CHECK_THROWS_AS(loadSeriesFiles({ folder + "/missing.nii.gz" }), ProjectError);

    // Truncate one slice to half its size: that slice is left out with a warning naming it.
    const std::string truncated = written.filePaths[2];
    std::filesystem::resize_file(truncated, std::filesystem::file_size(truncated) / 2);
    const LoadedSeries loaded = loadSeriesFiles(written.filePaths);
    CHECK(loaded.volume->geometry().slices == 4);
    CHECK(hasWarningContaining(loaded, truncated));
    CHECK(loaded.volume->geometry().sliceOriginsLpsMm[2].z == Approx(-80.0 + 7.5).margin(1e-9));
    CHECK(hasWarningContaining(loaded, "missing"));

    // Every file broken: refused, naming the reason.
    std::ofstream(written.filePaths[0], std::ios::trunc) << "x";
    CHECK_THROWS_AS(loadSeriesFiles({ written.filePaths[0], truncated, garbage }), ProjectError);
}

TEST_CASE("a loaded series carries its value range, summed up while converting", "[loader]")
{
    // Before, the range was a pass over the whole series on first use: on the GUI thread at every series switch
    // (the MPR resampler asks for it when the viewer layout gets the volume).
    SyntheticSeriesSpec spec;
    spec.slices = 3;
    spec.huAt = [](const Vector3& p) { return p.x < 0.0 ? -1000.0 : 1234.0; };
    LoadedSeries loaded = loadSeriesFiles(writeSyntheticSeries(spec, freshFolder("range16")).filePaths);
    CHECK(loaded.volume->voxelType() == VoxelType::Int16);
    CHECK(loaded.volume->valueRangeKnown());
    CHECK(loaded.volume->valueRange() == std::pair<double, double> { -1000.0, 1234.0 });

    // Fractional rescale (Float32): stored = round((HU + 1024.25) / 0.5), so -1000 -> -999.75 and 300 -> 300.25.
    spec.rescaleSlope = 0.5;
    spec.rescaleIntercept = -1024.25;
    spec.huAt = [](const Vector3& p) { return p.x < 0.0 ? -1000.0 : 300.0; };
    loaded = loadSeriesFiles(writeSyntheticSeries(spec, freshFolder("range32")).filePaths);
    CHECK(loaded.volume->voxelType() == VoxelType::Float32);
    CHECK(loaded.volume->valueRangeKnown());
    CHECK(loaded.volume->valueRange() == std::pair<double, double> { -999.75, 300.25 });
}
