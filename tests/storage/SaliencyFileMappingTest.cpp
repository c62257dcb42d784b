// Saliency map files mapped into memory instead of read (plain Float32 MetaImage on a local file system): the
// same voxels and value summary as the read, NaN/Inf replaced without writing the file, files that must be read
// (NIfTI, unaligned voxels) read, truncated files refused by name, and a file cut short or
// rewritten while it is mapped read without ending the process.
#include "TestFiles.h"
#include "TestPaths.h"

#include "radmark/annotation/saliency/SaliencyValues.h"
#include "radmark/storage/saliency/SaliencyFileMapping.h"
#include "radmark/storage/saliency/SaliencyMapLoader.h"
#include "radmark/storage/saliency/SaliencyMapWriter.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <limits>

using namespace radmark::storage;
using radmark::annotation::ImageGeometry;
using radmark::annotation::ImageVolume;
using radmark::annotation::VoxelType;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::readTextFile;
using radmark::testing::writeTextFile;
namespace fs = std::filesystem;

namespace {

// 64 x 48 x 12 voxels: 12 KiB slices, 144 KiB of floats (several pages), 0.5 mm pixels, 2 mm slices.
const ImageGeometry kGrid
    = ImageGeometry::regular(64, 48, 12, 0.5, 0.5, { -6, -5, 10 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 2 });

std::size_t indexOf(int i, int j, int k)
{
    return (static_cast<std::size_t>(k) * kGrid.rows + static_cast<std::size_t>(j)) * kGrid.columns
        + static_cast<std::size_t>(i);
}

// The value written at (i, j, k): distinct everywhere, negative in column 5.
float written(int i, int j, int k)
{
    return static_cast<float>(i) + static_cast<float>(j) / 100.0f + static_cast<float>(k) * 1000.0f
        - (i == 5 ? 7000.5f : 0.0f);
}

// written() everywhere but a NaN at (1, 2, 3) and -Inf at (60, 40, 11).
ImageVolume testMap()
{
    ImageVolume map(kGrid, VoxelType::Float32);
    auto* values = static_cast<float*>(map.data());
    for (int k = 0; k < kGrid.slices; ++k) {
        for (int j = 0; j < kGrid.rows; ++j) {
            for (int i = 0; i < kGrid.columns; ++i) {
                values[indexOf(i, j, k)] = written(i, j, k);
            }
        }
    }
    values[indexOf(1, 2, 3)] = std::numeric_limits<float>::quiet_NaN();
    values[indexOf(60, 40, 11)] = -std::numeric_limits<float>::infinity();
    return map;
}

float voxel(const ImageVolume& map, int i, int j, int k)
{
    return static_cast<const float*>(map.data())[indexOf(i, j, k)];
}

SaliencyMapFile readWithMapping(const std::string& path, bool mapping,
    const std::optional<SaliencyFileValues>& cached = std::nullopt,
    SaliencyValuePass pass = SaliencyValuePass::WhileReading)
{
    allowSaliencyFileMapping(mapping);
    try {
        SaliencyMapFile file = readSaliencyMapFile(path, cached, pass);
        allowSaliencyFileMapping(true);
        return file;
    } catch (...) {
        allowSaliencyFileMapping(true);
        throw;
    }
}

bool sameBytes(const ImageVolume& a, const ImageVolume& b)
{
    return a.byteCount() == b.byteCount() && std::memcmp(a.data(), b.data(), a.byteCount()) == 0;
}

void checkSameSummary(
    const radmark::annotation::SaliencyValueSummary& a, const radmark::annotation::SaliencyValueSummary& b)
{
    CHECK(a.nonFiniteCount == b.nonFiniteCount);
    CHECK(a.negativeCount == b.negativeCount);
    CHECK(a.nonZeroCount == b.nonZeroCount);
    CHECK(a.minimum == b.minimum);
    CHECK(a.maximum == b.maximum);
}

// A one-file NIfTI-1 (little-endian) of kGrid's size with `values` at `voxOffset`, scaled by `slope`.
std::string niftiFile(const ImageVolume& values, int voxOffset, float slope = 0.0f)
{
    std::string header(348, '\0');
    const auto put = [&](std::size_t at, const auto value) { std::memcpy(&header[at], &value, sizeof(value)); };
    put(0, std::int32_t { 348 });
    const std::int16_t dims[8] = { 3, static_cast<std::int16_t>(kGrid.columns), static_cast<std::int16_t>(kGrid.rows),
        static_cast<std::int16_t>(kGrid.slices), 1, 1, 1, 1 };
    std::memcpy(&header[40], dims, sizeof(dims));
    put(70, std::int16_t { 16 }); // DT_FLOAT32
    put(72, std::int16_t { 32 });
    const float pixdim[8] = { 1.0f, 0.5f, 0.5f, 2.0f, 1.0f, 1.0f, 1.0f, 1.0f };
    std::memcpy(&header[76], pixdim, sizeof(pixdim));
    put(108, static_cast<float>(voxOffset));
    put(112, slope);
    put(116, 0.0f);
    put(123, char { 10 }); // xyzt_units: mm, s
    std::memcpy(&header[344], "n+1\0", 4);
    std::string file = header;
    file.resize(static_cast<std::size_t>(voxOffset), '\0');
    file.append(static_cast<const char*>(values.data()), values.byteCount());
    return file;
}

} // namespace

TEST_CASE("a mapped MetaImage map has the voxels and value summary of the read one", "[saliency][mapping]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-mapping");
    const std::string path = folder + "/map.mha";
    writeSaliencyMetaImage(testMap(), path);
    const std::string bytesBefore = readTextFile(path);
    // The writer pads its header: the voxels start on a 16-byte boundary, so they can be mapped.
    CHECK((bytesBefore.size() - kGrid.voxelCount() * 4) % 16 == 0);

    const SaliencyMapFile mapped = readWithMapping(path, true);
    const SaliencyMapFile read = readWithMapping(path, false);
    CHECK(isMappedFromFile(*mapped.values));
    CHECK_FALSE(isMappedFromFile(*read.values));
    CHECK(mapped.values->geometry().columns == 64);
    CHECK(mapped.values->geometry().slices == 12);
    CHECK(voxel(*mapped.values, 7, 3, 5) == written(7, 3, 5));
    CHECK(voxel(*mapped.values, 5, 0, 0) == -6995.5f);
    CHECK(voxel(*mapped.values, 63, 47, 11) == written(63, 47, 11));
    // NaN and -Inf are 0 in both, counted alike; every other voxel is the same float.
    CHECK(voxel(*mapped.values, 1, 2, 3) == 0.0f);
    CHECK(voxel(*mapped.values, 60, 40, 11) == 0.0f);
    CHECK(mapped.summary.nonFiniteCount == 2);
    CHECK(mapped.summary.minimum == -6995.5);
    checkSameSummary(mapped.summary, read.summary);
    CHECK(sameBytes(*mapped.values, *read.values));
    CHECK(mapped.values->valueRange() == read.values->valueRange());
    // Replacing NaN/Inf wrote private copies of two pages, never the file.
    CHECK(readTextFile(path) == bytesBefore);
    CHECK_FALSE(mappedFileWasCut(*mapped.values));
}

TEST_CASE("a mapped map shown slice first completes to the read map's values", "[saliency][mapping]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-mapping");
    const std::string path = folder + "/map.mha";
    writeSaliencyMetaImage(testMap(), path);
    const SaliencyMapFile read = readWithMapping(path, false);
    const SaliencyMapFile deferred = readWithMapping(path, true, std::nullopt, SaliencyValuePass::Deferred);
    REQUIRE(isMappedFromFile(*deferred.values));
    // The same steps on the read file, for the summary and the warnings.
    LoadedSaliencyMap shownRead = placeSaliencyMap(
        readWithMapping(path, false, std::nullopt, SaliencyValuePass::Deferred), path, kGrid, std::nullopt, 3);
    finishSaliencyValues(shownRead, completeSaliencyValues(*shownRead.values, shownRead.summary.nonFiniteCount), path);
    LoadedSaliencyMap shown = placeSaliencyMap(deferred, path, kGrid, std::nullopt, 3);
    CHECK_FALSE(shown.summaryComplete);
    CHECK(shown.summary.nonFiniteCount == 1); // the NaN of slice 3, already 0 there
    CHECK(shown.values->valueAt(1, 2, 3) == 0.0);
    CHECK(std::isinf(voxel(*shown.values, 60, 40, 11))); // not visited yet
    const SaliencyValueCompletion completion = completeSaliencyValues(*shown.values, shown.summary.nonFiniteCount);
    finishSaliencyValues(shown, completion, path);
    CHECK(shown.summary.nonFiniteCount == read.summary.nonFiniteCount); // the shown slice's NaN counted too
    CHECK(shown.summaryComplete);
    CHECK_FALSE(isMappedFromFile(*shown.values)); // a copy without NaN/Inf replaced the shown map
    checkSameSummary(shown.summary, shownRead.summary);
    CHECK(shown.warnings == shownRead.warnings);
    CHECK(sameBytes(*shown.values, *read.values));

    // With the project's summary of the file: no pass, the mapped voxels as they are.
    const SaliencyMapFile clean = [&] {
        ImageVolume map = testMap();
        static_cast<float*>(map.data())[indexOf(1, 2, 3)] = 0.25f;
        static_cast<float*>(map.data())[indexOf(60, 40, 11)] = 0.5f;
        writeSaliencyMetaImage(map, folder + "/clean.mha");
        const SaliencyMapFile first = readWithMapping(folder + "/clean.mha", true);
        return readWithMapping(folder + "/clean.mha", true, SaliencyFileValues { *first.stamp, first.summary },
            SaliencyValuePass::Deferred);
    }();
    CHECK(clean.summaryFromCache);
    CHECK(isMappedFromFile(*clean.values));
    CHECK(voxel(*clean.values, 1, 2, 3) == 0.25f);
    CHECK(clean.values->valueRange().first == -6995.5);
}

TEST_CASE("a NIfTI map is read, not mapped, with the values it had", "[saliency][mapping]")
{
    // ITK's NIfTI library sets NaN/Inf to 0 while reading and the project's value summaries of NIfTI files were
    // made so: mapped, the NaN would be shown under a summary that counts none. NIfTI stays read.
    const std::string folder = makeTemporaryFolder("radmark-saliency-mapping");
    const ImageVolume values = testMap();
    writeTextFile(folder + "/plain.nii", niftiFile(values, 352));
    writeTextFile(folder + "/scaled.nii", niftiFile(values, 352, 2.0f));
    const SaliencyMapFile plain = readWithMapping(folder + "/plain.nii", true);
    CHECK_FALSE(isMappedFromFile(*plain.values));
    CHECK(voxel(*plain.values, 7, 3, 5) == written(7, 3, 5));
    CHECK(voxel(*plain.values, 1, 2, 3) == 0.0f);
    CHECK(plain.summary.nonFiniteCount == 0);
    CHECK(plain.values->geometry().sliceSpacingMm == 2.0);
    const SaliencyMapFile scaled = readWithMapping(folder + "/scaled.nii", true);
    CHECK_FALSE(isMappedFromFile(*scaled.values));
    CHECK(voxel(*scaled.values, 7, 3, 5) == 2.0f * written(7, 3, 5));
}

TEST_CASE("an unaligned or big-endian MetaImage is read, a truncated one refused by name", "[saliency][mapping]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-mapping");
    const std::string path = folder + "/map.mha";
    writeSaliencyMetaImage(testMap(), path);
    const SaliencyMapFile reference = readWithMapping(path, false);
    const std::string bytes = readTextFile(path);
    const std::size_t voxelStart = bytes.size() - kGrid.voxelCount() * 4;
    const std::string header = bytes.substr(0, voxelStart);
    const std::string voxels = bytes.substr(voxelStart);

    // Another writer's header, whose length leaves the floats 2 bytes off a 4-byte boundary in the file.
    const std::string fields = header.substr(header.find('\n') + 1);
    std::string comment = "Comment = x";
    while ((comment.size() + 1 + fields.size()) % 4 != 2) {
        comment += 'x';
    }
    writeTextFile(folder + "/odd.mha", comment + "\n" + fields + voxels);
    REQUIRE((readTextFile(folder + "/odd.mha").size() - kGrid.voxelCount() * 4) % 4 != 0);
    const SaliencyMapFile odd = readWithMapping(folder + "/odd.mha", true);
    CHECK_FALSE(isMappedFromFile(*odd.values));
    CHECK(sameBytes(*odd.values, *reference.values));

    // Truncated by one float: refused before anything is mapped, the message names the file.
    writeTextFile(folder + "/short.mha", header + voxels.substr(0, voxels.size() - 4));
    CHECK_THROWS_WITH(readWithMapping(folder + "/short.mha", true),
        folder
            + "/short.mha: truncated voxel data: the file holds 147452 bytes of voxels, the header's dimensions "
              "need 147456");
    writeTextFile(folder + "/short.nii", niftiFile(testMap(), 352).substr(0, 352 + 1000));
    CHECK_THROWS_WITH(readWithMapping(folder + "/short.nii", true),
        folder
            + "/short.nii: truncated voxel data: the file holds 1000 bytes of voxels, the header's dimensions "
              "need 147456");
}

TEST_CASE("a map file cut short while mapped reads 0 past the cut instead of ending the process", "[saliency][mapping]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-mapping");
    const std::string path = folder + "/map.mha";
    writeSaliencyMetaImage(testMap(), path);
    const std::size_t voxelStart = static_cast<std::size_t>(fs::file_size(path)) - kGrid.voxelCount() * 4;
    const SaliencyMapFile file = readWithMapping(path, true, std::nullopt, SaliencyValuePass::Deferred);
    REQUIRE(isMappedFromFile(*file.values));
    CHECK(voxel(*file.values, 63, 47, 11) == written(63, 47, 11)); // the last page read once before the cut

    // A model rewriting the file in place truncates it first: slices 0-5 stay, the rest is gone.
    fs::resize_file(path, voxelStart + indexOf(0, 0, 6) * 4);
    CHECK(voxel(*file.values, 7, 3, 5) == written(7, 3, 5));
    CHECK(voxel(*file.values, 63, 47, 11) == 0.0f);
    CHECK(mappedFileWasCut(*file.values));
    const SaliencyValueCompletion completion = completeSaliencyValues(*file.values, 0);
    CHECK(completion.summary.maximum == written(63, 47, 5));
    CHECK(voxel(*file.values, 0, 0, 6) == 0.0f);

    // The same file read again is refused by name (its header needs more voxels than it holds now).
    CHECK_THROWS_WITH(readWithMapping(path, true), Catch::Contains(path + ": truncated voxel data"));
}

TEST_CASE("a map file rewritten in place while mapped shows the new file's voxels", "[saliency][mapping]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-mapping");
    const std::string path = folder + "/map.mha";
    writeSaliencyMetaImage(testMap(), path);
    const SaliencyMapFile file = readWithMapping(path, true);
    REQUIRE(isMappedFromFile(*file.values));
    CHECK(voxel(*file.values, 7, 3, 5) == written(7, 3, 5));
    CHECK(voxel(*file.values, 1, 2, 3) == 0.0f); // replaced in a private copy of its page

    ImageVolume next(kGrid, VoxelType::Float32);
    static_cast<float*>(next.data())[indexOf(7, 3, 5)] = 0.125f;
    writeSaliencyMetaImage(next, path); // truncates and writes the same number of bytes
    CHECK(voxel(*file.values, 7, 3, 5) == 0.125f);
    CHECK(voxel(*file.values, 1, 2, 3) == 0.0f);
    CHECK(voxel(*file.values, 63, 47, 11) == 0.0f);
    CHECK_FALSE(mappedFileWasCut(*file.values));
}
