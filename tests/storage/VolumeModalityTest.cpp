// NIfTI has no modality: a volume whose values are Hounsfield units imports as CT (so CT windows and the
// export's HU handling apply), other volumes stay OT, and the user can set the modality of any series.
#include "TestPaths.h"

#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

using namespace radmark::storage;
using namespace radmark::testing;

namespace {

// An uncompressed NIfTI-1 volume (.nii) of int16 values, 1 mm voxels, written byte by byte.
void writeNifti(const std::string& path, int nx, int ny, int nz, const std::vector<std::int16_t>& values)
{
    REQUIRE(values.size() == static_cast<std::size_t>(nx) * ny * nz);
    char header[352] = {};
    const auto put32 = [&](int offset, std::int32_t value) { std::memcpy(header + offset, &value, 4); };
    const auto put16 = [&](int offset, std::int16_t value) { std::memcpy(header + offset, &value, 2); };
    const auto putFloat = [&](int offset, float value) { std::memcpy(header + offset, &value, 4); };
    put32(0, 348); // sizeof_hdr
    const std::int16_t dim[8] = { 3, std::int16_t(nx), std::int16_t(ny), std::int16_t(nz), 1, 1, 1, 1 };
    std::memcpy(header + 40, dim, sizeof dim);
    put16(70, 4); // datatype: DT_INT16
    put16(72, 16); // bitpix
    const float pixdim[8] = { 1, 1, 1, 1, 1, 1, 1, 1 };
    std::memcpy(header + 76, pixdim, sizeof pixdim);
    putFloat(108, 352); // vox_offset
    putFloat(112, 1); // scl_slope
    put16(252, 0); // qform_code
    put16(254, 1); // sform_code: scanner
    const float srow[12] = { -1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0 };
    std::memcpy(header + 280, srow, sizeof srow);
    std::memcpy(header + 344, "n+1\0", 4);
    std::ofstream out(path, std::ios::binary);
    out.write(header, sizeof header);
    out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * 2));
}

std::vector<std::int16_t> volumeValues(
    int nx, int ny, int nz, std::int16_t outside, std::int16_t low, std::int16_t high)
{
    std::vector<std::int16_t> values;
    for (int k = 0; k < nz; ++k) {
        for (int j = 0; j < ny; ++j) {
            for (int i = 0; i < nx; ++i) {
                const bool border = i == 0 || j == 0 || i == nx - 1 || j == ny - 1;
                values.push_back(border ? outside : static_cast<std::int16_t>(low + (high - low) * i / nx));
            }
        }
    }
    return values;
}

} // namespace

TEST_CASE("A NIfTI volume in Hounsfield units imports as CT, others stay OT, the user sets a series' modality",
    "[import][volume]")
{
    const std::string folder = makeTemporaryFolder("radmark-volume-modality");
    writeNifti(folder + "/ct.nii", 16, 12, 5, volumeValues(16, 12, 5, -1024, -100, 1800));
    writeNifti(folder + "/mr.nii", 16, 12, 5, volumeValues(16, 12, 5, 0, 10, 900));
    writeNifti(folder + "/normalised.nii", 16, 12, 5, volumeValues(16, 12, 5, -1, 0, 1));
    const FileHeaderReading ct = readFileHeader(folder + "/ct.nii");
    REQUIRE(ct.record);
    CHECK(ct.record->modality == "CT");
    const FileHeaderReading mr = readFileHeader(folder + "/mr.nii");
    REQUIRE(mr.record);
    CHECK(mr.record->modality == "OT");
    const FileHeaderReading normalised = readFileHeader(folder + "/normalised.nii");
    REQUIRE(normalised.record);
    CHECK(normalised.record->modality == "OT");

    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    importPaths(*project, { folder + "/ct.nii", folder + "/mr.nii" });
    const std::optional<SeriesSummary> ctSeries = project->seriesByUid(ct.record->seriesInstanceUid);
    REQUIRE(ctSeries);
    CHECK(ctSeries->modality == "CT");

    project->setSeriesModality(mr.record->seriesInstanceUid, "MR");
    CHECK(project->seriesByUid(mr.record->seriesInstanceUid)->modality == "MR");
    CHECK(project->seriesInstances(mr.record->seriesInstanceUid).at(0).modality == "MR");
    CHECK_THROWS_WITH(project->setSeriesModality("2.25.1", "CT"), Catch::Contains("no series 2.25.1"));
    CHECK_THROWS_WITH(
        project->setSeriesModality(mr.record->seriesInstanceUid, "ct; drop"), Catch::Contains("not a modality"));
    // Kept through a re-import of the unchanged file.
    importPaths(*project, { folder + "/mr.nii" });
    CHECK(project->seriesByUid(mr.record->seriesInstanceUid)->modality == "MR");
}
