// The value summary of a saliency map file (NaN/Inf count, signs, range) is kept in the project (schema 9) with the
// file's size and modification time: an unchanged file is shown without a pass over its voxels; a changed one, or
// one holding NaN/Inf, is read through again. A map never summed up is placed with its shown slice checked first and
// completed afterwards, without writing the shown volume.
#include "ImportTestFiles.h"
#include "TestPaths.h"

#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/SaliencyStore.h"
#include "radmark/storage/saliency/SaliencyEvaluation.h"
#include "radmark/storage/saliency/SaliencyMapLoader.h"
#include "radmark/storage/saliency/SaliencyMapWriter.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <limits>

using namespace radmark::storage;
using radmark::annotation::ImageGeometry;
using radmark::annotation::ImageVolume;
using radmark::annotation::VoxelType;
using radmark::testing::makeTemporaryFolder;

namespace {

namespace fs = std::filesystem;

// 8 x 6 voxels of 0.5 mm, 4 slices 2 mm apart.
const ImageGeometry kGrid
    = ImageGeometry::regular(8, 6, 4, 0.5, 0.5, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 2 });

float& voxel(ImageVolume& map, int i, int j, int k)
{
    const ImageGeometry& g = map.geometry();
    return static_cast<float*>(map.data())[(static_cast<std::size_t>(k) * g.rows + j) * g.columns + i];
}

float valueOf(const ImageVolume& map, int i, int j, int k)
{
    const ImageGeometry& g = map.geometry();
    return static_cast<const float*>(map.data())[(static_cast<std::size_t>(k) * g.rows + j) * g.columns + i];
}

std::int64_t fileSize(const std::string& path)
{
    return static_cast<std::int64_t>(fs::file_size(path));
}

} // namespace

TEST_CASE(
    "an unchanged map file without NaN is read with its kept summary and no pass over the voxels", "[saliency][values]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-values");
    ImageVolume map(kGrid, VoxelType::Float32);
    voxel(map, 1, 2, 3) = -0.25f;
    voxel(map, 4, 5, 0) = 0.75f;
    const std::string path = folder + "/map.mha";
    writeSaliencyMetaImage(map, path);

    const SaliencyMapFile first = readSaliencyMapFile(path);
    CHECK(first.summaryComplete);
    CHECK_FALSE(first.summaryFromCache);
    REQUIRE(first.stamp);
    CHECK(first.stamp->sizeBytes == fileSize(path));
    CHECK(first.summary.minimum == -0.25);
    CHECK(first.summary.maximum == 0.75);
    CHECK(first.summary.negativeCount == 1);
    CHECK(first.summary.nonZeroCount == 2);
    CHECK(first.summary.nonFiniteCount == 0);

    // A kept summary that lies about the maximum shows that no voxel was visited; the voxels are still the file's.
    SaliencyFileValues kept { *first.stamp, first.summary };
    kept.summary.maximum = 9.0;
    const SaliencyMapFile second = readSaliencyMapFile(path, kept, SaliencyValuePass::Deferred);
    CHECK(second.summaryFromCache);
    CHECK(second.summaryComplete);
    CHECK(second.summary.maximum == 9.0);
    CHECK(second.values->valueRange() == std::pair<double, double> { -0.25, 9.0 });
    CHECK(valueOf(*second.values, 4, 5, 0) == 0.75f);
    // Placed on its own grid, the kept summary is the map's: no slice pass, nothing left to complete.
    const LoadedSaliencyMap placed = placeSaliencyMap(second, path, kGrid, std::nullopt, 2);
    CHECK(placed.summaryComplete);
    CHECK(placed.summaryFromCache);
    CHECK(placed.summary.maximum == 9.0);
    CHECK(placed.values == second.values);

    SECTION("another modification time: read through again")
    {
        fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(5));
        const SaliencyMapFile third = readSaliencyMapFile(path, kept);
        CHECK_FALSE(third.summaryFromCache);
        CHECK(third.summary.maximum == 0.75);
        REQUIRE(third.stamp);
        CHECK(third.stamp->sizeBytes == kept.stamp.sizeBytes);
        CHECK(third.stamp->modifiedNs == kept.stamp.modifiedNs + 5'000'000'000LL);
    }
    SECTION("another size with the same modification time: read through again")
    {
        const auto modified = fs::last_write_time(path);
        ImageVolume bigger(
            ImageGeometry::regular(8, 6, 5, 0.5, 0.5, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 2 }),
            VoxelType::Float32);
        voxel(bigger, 0, 0, 4) = 3.5f;
        writeSaliencyMetaImage(bigger, path);
        fs::last_write_time(path, modified);
        const SaliencyMapFile third = readSaliencyMapFile(path, kept);
        CHECK_FALSE(third.summaryFromCache);
        REQUIRE(third.stamp);
        CHECK(third.stamp->modifiedNs == kept.stamp.modifiedNs);
        CHECK(third.stamp->sizeBytes == kept.stamp.sizeBytes + 8 * 6 * 4);
        CHECK(third.summary.maximum == 3.5);
        CHECK(third.summary.minimum == 0.0);
    }
}

TEST_CASE("a map file with NaN is made usable even when its summary is kept", "[saliency][values]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-values-nan");
    ImageVolume map(kGrid, VoxelType::Float32);
    voxel(map, 0, 0, 0) = std::numeric_limits<float>::quiet_NaN();
    voxel(map, 7, 5, 3) = -std::numeric_limits<float>::infinity();
    voxel(map, 2, 2, 2) = 0.5f;
    const std::string path = folder + "/nan.mha";
    writeSaliencyMetaImage(map, path);

    const SaliencyMapFile first = readSaliencyMapFile(path);
    REQUIRE(first.stamp);
    CHECK(first.summary.nonFiniteCount == 2);
    CHECK(first.summary.minimum == 0.0);
    CHECK(first.summary.maximum == 0.5);
    CHECK(valueOf(*first.values, 0, 0, 0) == 0.0f);
    CHECK(valueOf(*first.values, 7, 5, 3) == 0.0f);

    // Kept with its NaN count, and the pass deferred: the file is still read through, while reading.
    const SaliencyMapFile again
        = readSaliencyMapFile(path, SaliencyFileValues { *first.stamp, first.summary }, SaliencyValuePass::Deferred);
    CHECK_FALSE(again.summaryFromCache);
    CHECK(again.summaryComplete);
    CHECK(again.summary.nonFiniteCount == 2);
    CHECK(valueOf(*again.values, 0, 0, 0) == 0.0f);
    CHECK(valueOf(*again.values, 7, 5, 3) == 0.0f);
    CHECK(valueOf(*again.values, 2, 2, 2) == 0.5f);
}

TEST_CASE("a map never summed up is placed with its shown slice checked, then completed", "[saliency][values]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-values-slice");
    ImageVolume map(kGrid, VoxelType::Float32);
    voxel(map, 3, 2, 1) = 0.5f; // the shown slice
    voxel(map, 4, 4, 1) = std::numeric_limits<float>::quiet_NaN();
    voxel(map, 6, 1, 3) = 2.0f; // another slice
    voxel(map, 5, 5, 3) = std::numeric_limits<float>::infinity();
    voxel(map, 0, 0, 0) = -1.0f;
    const std::string path = folder + "/map.mha";
    writeSaliencyMetaImage(map, path);

    const SaliencyMapFile file = readSaliencyMapFile(path, std::nullopt, SaliencyValuePass::Deferred);
    CHECK_FALSE(file.summaryComplete);
    LoadedSaliencyMap loaded = placeSaliencyMap(file, path, kGrid, std::nullopt, 1);
    CHECK(loaded.sameGrid);
    CHECK_FALSE(loaded.summaryComplete);
    CHECK_FALSE(loaded.fileValues());
    // Slice 1 alone: its NaN replaced, its range the overlay's for now, no warning yet.
    CHECK(loaded.summary.nonFiniteCount == 1);
    CHECK(loaded.summary.nonZeroCount == 1);
    CHECK(loaded.summary.minimum == 0.0);
    CHECK(loaded.summary.maximum == 0.5);
    CHECK(loaded.values->valueRange() == std::pair<double, double> { 0.0, 0.5 });
    CHECK(valueOf(*loaded.values, 4, 4, 1) == 0.0f);
    CHECK(loaded.warnings.empty());
    // The other slices were not visited: slice 3's infinity is still there.
    CHECK(std::isinf(valueOf(*loaded.values, 5, 5, 3)));

    const std::shared_ptr<const ImageVolume> shown = loaded.values;
    const SaliencyValueCompletion completion = completeSaliencyValues(*shown, loaded.summary.nonFiniteCount);
    CHECK(completion.summary.nonFiniteCount == 2); // slice 1's NaN (0 by now) and slice 3's infinity
    CHECK(completion.summary.negativeCount == 1);
    CHECK(completion.summary.nonZeroCount == 3);
    CHECK(completion.summary.minimum == -1.0);
    CHECK(completion.summary.maximum == 2.0);
    REQUIRE(completion.sanitizedCopy);
    CHECK(std::isinf(valueOf(*shown, 5, 5, 3))); // the shown volume is not written
    finishSaliencyValues(loaded, completion, path);
    CHECK(loaded.summaryComplete);
    CHECK(loaded.values == completion.sanitizedCopy);
    CHECK(valueOf(*loaded.values, 5, 5, 3) == 0.0f);
    CHECK(valueOf(*loaded.values, 6, 1, 3) == 2.0f);
    CHECK(loaded.values->valueRange() == std::pair<double, double> { -1.0, 2.0 });
    CHECK(loaded.warnings
        == std::vector<std::string> { path + ": 2 voxels are NaN or infinite (shown and counted as 0)",
            path + ": the map has negative values (-1 to 2): shown with a diverging colour map" });
    const std::optional<SaliencyFileValues> values = loaded.fileValues();
    REQUIRE(values);
    CHECK(values->stamp.sizeBytes == fileSize(path));
    CHECK(values->summary.maximum == 2.0);
    CHECK(values->summary.nonFiniteCount == 2);
}

TEST_CASE("a map whose only NaN is on the shown slice is kept as holding NaN, so it is cleaned when shown again",
    "[saliency][values]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-values-slice-nan");
    ImageVolume map(kGrid, VoxelType::Float32);
    voxel(map, 3, 2, 1) = 0.5f;
    voxel(map, 4, 4, 1) = std::numeric_limits<float>::quiet_NaN(); // the shown slice only
    const std::string path = folder + "/map.mha";
    writeSaliencyMetaImage(map, path);

    LoadedSaliencyMap loaded = placeSaliencyMap(
        readSaliencyMapFile(path, std::nullopt, SaliencyValuePass::Deferred), path, kGrid, std::nullopt, 1);
    REQUIRE_FALSE(loaded.summaryComplete);
    const SaliencyValueCompletion completion = completeSaliencyValues(*loaded.values, loaded.summary.nonFiniteCount);
    CHECK_FALSE(completion.sanitizedCopy); // nothing left to replace
    finishSaliencyValues(loaded, completion, path);
    const std::optional<SaliencyFileValues> kept = loaded.fileValues();
    REQUIRE(kept);
    CHECK(kept->summary.nonFiniteCount == 1);
    CHECK(loaded.warnings
        == std::vector<std::string> { path + ": 1 voxels are NaN or infinite (shown and counted as 0)" });

    // Shown again with what the project kept: not taken as clean, so the NaN is replaced once more.
    const SaliencyMapFile again = readSaliencyMapFile(path, kept, SaliencyValuePass::Deferred);
    CHECK_FALSE(again.summaryFromCache);
    CHECK(again.summaryComplete);
    CHECK(again.summary.nonFiniteCount == 1);
    CHECK(valueOf(*again.values, 4, 4, 1) == 0.0f);
    CHECK(valueOf(*again.values, 3, 2, 1) == 0.5f);
}

TEST_CASE("a map without NaN is completed in place and a map off the series grid gets the whole pass at once",
    "[saliency][values]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-values-inplace");
    ImageVolume map(kGrid, VoxelType::Float32);
    voxel(map, 1, 1, 0) = 0.25f;
    voxel(map, 2, 3, 2) = 4.0f;
    const std::string path = folder + "/map.mha";
    writeSaliencyMetaImage(map, path);

    LoadedSaliencyMap loaded = placeSaliencyMap(
        readSaliencyMapFile(path, std::nullopt, SaliencyValuePass::Deferred), path, kGrid, std::nullopt, 0);
    CHECK_FALSE(loaded.summaryComplete);
    CHECK(loaded.values->valueRange() == std::pair<double, double> { 0.0, 0.25 });
    const std::shared_ptr<const ImageVolume> shown = loaded.values;
    const SaliencyValueCompletion completion = completeSaliencyValues(*shown, loaded.summary.nonFiniteCount);
    CHECK_FALSE(completion.sanitizedCopy);
    finishSaliencyValues(loaded, completion, path);
    CHECK(loaded.values == shown);
    CHECK(loaded.values->valueRange() == std::pair<double, double> { 0.0, 4.0 });
    CHECK(loaded.warnings.empty());

    // Half the spacing: resampled, so every voxel is made usable before (no slice-first).
    const ImageGeometry finer
        = ImageGeometry::regular(16, 12, 4, 0.25, 0.25, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 2 });
    const LoadedSaliencyMap resampled = placeSaliencyMap(
        readSaliencyMapFile(path, std::nullopt, SaliencyValuePass::Deferred), path, finer, std::nullopt, 0);
    CHECK(resampled.summaryComplete);
    CHECK_FALSE(resampled.sameGrid);
    CHECK(resampled.summary.maximum == 4.0);
    REQUIRE(resampled.fileValues());
    CHECK(resampled.fileValues()->summary.nonZeroCount == 2);
}

TEST_CASE("the project keeps a map file's values: refreshed checks store them, a failed load and removal drop them",
    "[saliency][values][store]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-values-project");
    const SyntheticSeriesSpec spec = radmark::testing::smallCtSpec(8, 6, 4);
    const WrittenSeries written = writeSyntheticSeries(spec, folder + "/dicom");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    REQUIRE(importPaths(*project, { folder + "/dicom" }).progress.filesImported == 4);
    const ImageGeometry seriesGrid = loadSeries(*project, written.seriesInstanceUid).volume->geometry();
    ImageVolume map(seriesGrid, VoxelType::Float32);
    voxel(map, 3, 3, 1) = 2.5f;
    const std::string path = folder + "/map.mha";
    writeSaliencyMetaImage(map, path);
    SaliencyStore store(*project);
    SaliencyMapRecord record;
    record.mapPath = path;
    record.model = "m";
    const std::int64_t id = store.putMap(written.seriesInstanceUid, record);
    CHECK_FALSE(store.fileValues(id));

    refreshSaliencyChecks(*project, false);
    std::optional<SaliencyFileValues> kept = store.fileValues(id);
    REQUIRE(kept);
    CHECK(kept->stamp.sizeBytes == fileSize(path));
    CHECK(kept->stamp.modifiedNs
        == std::chrono::duration_cast<std::chrono::nanoseconds>(fs::last_write_time(path).time_since_epoch()).count());
    CHECK(kept->summary.maximum == 2.5);
    CHECK(kept->summary.minimum == 0.0);
    CHECK(kept->summary.nonZeroCount == 1);
    CHECK(kept->summary.negativeCount == 0);
    CHECK(kept->summary.nonFiniteCount == 0);
    CHECK(readSaliencyMapFile(path, kept).summaryFromCache);

    // Stored and read back exactly, replacing the row.
    SaliencyFileValues other;
    other.stamp = { 123456789012LL, 1700000000123456789LL };
    other.summary.nonFiniteCount = 7;
    other.summary.negativeCount = 11;
    other.summary.nonZeroCount = 13;
    other.summary.minimum = -0.125;
    other.summary.maximum = 1.0e-7;
    store.putFileValues(id, other);
    kept = store.fileValues(id);
    REQUIRE(kept);
    CHECK(kept->stamp == other.stamp);
    CHECK(kept->summary.nonFiniteCount == 7);
    CHECK(kept->summary.negativeCount == 11);
    CHECK(kept->summary.nonZeroCount == 13);
    CHECK(kept->summary.minimum == -0.125);
    CHECK(kept->summary.maximum == 1.0e-7);

    SECTION("a failed load drops them")
    {
        fs::remove(path);
        refreshSaliencyChecks(*project, false);
        const std::optional<StoredSaliencyChecks> failed = store.checks(id);
        REQUIRE(failed);
        CHECK(failed->problem == path + ": file not found");
        CHECK_FALSE(store.fileValues(id));
    }
    SECTION("removing the map drops them")
    {
        REQUIRE(store.removeMap(id));
        CHECK_FALSE(store.fileValues(id));
        CHECK(project->counts().schemaVersion == ProjectStore::currentSchemaVersion());
    }
}
