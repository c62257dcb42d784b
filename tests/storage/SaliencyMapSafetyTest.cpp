// Hostile and broken saliency map files: NaN / zero / negative spacing, zero or degenerate directions, truncated
// voxel data, headers that point at files outside the map's folder, and maps refused before they are stored.
#include "StudyRecordFixture.h"
#include "TestFiles.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/SaliencyStore.h"
#include "radmark/storage/saliency/SaliencyDataFiles.h"
#include "radmark/storage/saliency/SaliencyManifest.h"
#include "radmark/storage/saliency/SaliencyMapLoader.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace radmark::storage;
using radmark::annotation::ImageGeometry;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::writeTextFile;
namespace fs = std::filesystem;

namespace {

// The series: 24 x 20 x 10, 0.5 mm pixels, 2 mm slices.
const ImageGeometry kSeries
    = ImageGeometry::regular(24, 20, 10, 0.5, 0.5, { -6, -5, 10 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 2 });
constexpr std::size_t kVoxelBytes = 24 * 20 * 10 * 4;

std::string metaHeader(const std::string& spacing, const std::string& matrix, const std::string& dataFile)
{
    return "ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\n"
           "CompressedData = False\nTransformMatrix = "
        + matrix
        + "\nOffset = -6 -5 10\n"
          "ElementSpacing = "
        + spacing + "\nDimSize = 24 20 10\nElementType = MET_FLOAT\nElementDataFile = " + dataFile + "\n";
}

// A one-file MetaImage (.mha) with `voxelBytes` bytes of voxels (value 1.0f).
std::string writeMha(const std::string& folder, const std::string& name, const std::string& spacing,
    const std::string& matrix = "1 0 0 0 1 0 0 0 1", std::size_t voxelBytes = kVoxelBytes)
{
    std::string voxels;
    for (std::size_t n = 0; n < voxelBytes / 4; ++n) {
        const float one = 1.0f;
        voxels.append(reinterpret_cast<const char*>(&one), 4);
    }
    const std::string path = folder + "/" + name;
    writeTextFile(path, metaHeader(spacing, matrix, "LOCAL") + voxels);
    return path;
}

std::string loadError(const std::string& path)
{
    try {
        loadSaliencyMap(path, kSeries);
    } catch (const std::exception& error) {
        return error.what();
    }
    return "loaded";
}

} // namespace

TEST_CASE("Saliency maps with NaN, zero or negative spacing are refused as such", "[saliency][safety]")
{
    const std::string folder = makeTemporaryFolder("radmark-map-spacing");
    const std::string nan = writeMha(folder, "nan.mha", "nan 0.5 2");
    CHECK(loadError(nan) == nan + ": ElementSpacing holds NaN (nan 0.5 2): the map has no usable voxel spacing");
    const std::string zero = writeMha(folder, "zero.mha", "0.5 0 2");
    CHECK(loadError(zero)
        == zero
            + ": ElementSpacing '0.5 0 2' is not a positive voxel spacing (zero, negative or "
              "infinite spacing places no voxel)");
    const std::string negative = writeMha(folder, "negative.mha", "0.5 0.5 -2");
    CHECK(loadError(negative)
        == negative
            + ": ElementSpacing '0.5 0.5 -2' is not a positive voxel spacing (zero, "
              "negative or infinite spacing places no voxel)");
    const std::string good = writeMha(folder, "good.mha", "0.5 0.5 2");
    CHECK(loadError(good) == "loaded");

    const std::string nrrd = folder + "/nan.nrrd";
    std::string voxels(kVoxelBytes, '\0');
    writeTextFile(nrrd,
        "NRRD0004\ntype: float\ndimension: 3\nsizes: 24 20 10\nspacings: NaN 0.5 2\nencoding: raw\n"
        "endian: little\n\n"
            + voxels);
    CHECK(loadError(nrrd) == nrrd + ": spacings holds NaN (NaN 0.5 2): the map has no usable voxel spacing");
}

TEST_CASE("Saliency maps with an all-zero or degenerate direction are refused", "[saliency][safety]")
{
    const std::string folder = makeTemporaryFolder("radmark-map-direction");
    const std::string zero = writeMha(folder, "zero.mha", "0.5 0.5 2", "0 0 0 0 0 0 0 0 0");
    CHECK(loadError(zero) == zero + ": TransformMatrix has an all-zero axis: the map has no usable orientation");
    const std::string flat = writeMha(folder, "flat.mha", "0.5 0.5 2", "1 0 0 1 0 0 0 0 1");
    CHECK(loadError(flat) == flat + ": TransformMatrix is degenerate (its axes are parallel or lie in one plane)");
}

TEST_CASE("Truncated saliency voxel data is refused, not read as zeros", "[saliency][safety]")
{
    const std::string folder = makeTemporaryFolder("radmark-map-truncated");
    const std::string local = writeMha(folder, "short.mha", "0.5 0.5 2", "1 0 0 0 1 0 0 0 1", kVoxelBytes - 400);
    CHECK(loadError(local)
        == local
            + ": truncated voxel data: the file holds 18800 bytes of voxels, the header's "
              "dimensions need 19200");
    const std::string header = folder + "/split.mhd";
    writeTextFile(header, metaHeader("0.5 0.5 2", "1 0 0 0 1 0 0 0 1", "split.raw"));
    writeTextFile(folder + "/split.raw", std::string(kVoxelBytes / 2, '\0'));
    CHECK(loadError(header)
        == header + ": truncated voxel data: " + folder
            + "/split.raw holds 9600 bytes of voxels, "
              "the header's dimensions need 19200");
    writeTextFile(folder + "/split.raw", std::string(kVoxelBytes, '\0'));
    CHECK(loadError(header) == "loaded");
}

TEST_CASE("A map header naming a voxel file outside the map's folder is refused unless allowed", "[saliency][safety]")
{
    const std::string root = makeTemporaryFolder("radmark-map-outside");
    fs::create_directories(root + "/maps");
    fs::create_directories(root + "/elsewhere");
    writeTextFile(root + "/elsewhere/voxels.raw", std::string(kVoxelBytes, '\0'));
    const std::string passwd = root + "/maps/passwd.mhd";
    writeTextFile(passwd, metaHeader("0.5 0.5 2", "1 0 0 0 1 0 0 0 1", "/etc/passwd"));
    CHECK(loadError(passwd)
        == passwd
            + ": ElementDataFile points outside the map's folder (/etc/passwd): refused; give "
              "--allow-data-outside to read voxel files elsewhere");
    const std::string relative = root + "/maps/relative.mhd";
    writeTextFile(relative, metaHeader("0.5 0.5 2", "1 0 0 0 1 0 0 0 1", "../elsewhere/voxels.raw"));
    CHECK(loadError(relative)
        == relative + ": ElementDataFile points outside the map's folder (" + root
            + "/elsewhere/voxels.raw): refused; give --allow-data-outside to read voxel "
              "files elsewhere");
    const std::string nrrd = root + "/maps/detached.nhdr";
    writeTextFile(nrrd,
        "NRRD0004\ntype: float\ndimension: 3\nsizes: 24 20 10\nspacings: 0.5 0.5 2\nencoding: raw\n"
        "endian: little\ndata file: /etc/passwd\n");
    CHECK(loadError(nrrd)
        == nrrd
            + ": data file points outside the map's folder (/etc/passwd): refused; give "
              "--allow-data-outside to read voxel files elsewhere");

    allowSaliencyDataOutsideMapFolder(true);
    const std::string allowed = loadError(relative);
    const std::string passwdAllowed = loadError(passwd);
    allowSaliencyDataOutsideMapFolder(false);
    CHECK(allowed == "loaded");
    CHECK_THAT(passwdAllowed, Catch::StartsWith(passwd + ": truncated voxel data: /etc/passwd holds"));
}

TEST_CASE("Saliency maps refused at import are not stored", "[saliency][safety]")
{
    const std::string folder = makeTemporaryFolder("radmark-map-store");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    project->writeImportBatch({ radmark::testing::studyRecord("/d/a.dcm", "1.2.10", "ACC1") }, {}); // 16 x 16, 1 slice
    // A PNG header of 10 x 10 (only the size is read before storing).
    std::string png = "\x89PNG\r\n\x1A\n";
    png += std::string("\0\0\0\x0DIHDR", 8);
    png += std::string("\0\0\0\x0A\0\0\0\x0A\x08\x00\x00\x00\x00", 13);
    writeTextFile(folder + "/small.png", png);
    writeMha(folder, "nan.mha", "nan 0.5 2");
    writeTextFile(folder + "/passwd.mhd", metaHeader("0.5 0.5 2", "1 0 0 0 1 0 0 0 1", "/etc/passwd"));
    writeTextFile(folder + "/manifest.csv",
        "series_uid,map_path,model,target,score,method,slice\n"
        "1.2.10.1,small.png,net,lesion,0.9,gradcam,1\n"
        "1.2.10.1,nan.mha,net,lesion,0.9,gradcam,\n"
        "1.2.10.1,passwd.mhd,net,other,0.9,gradcam,\n"
        "1.2.10.1,small.png,net,lesion,0.9,gradcam,2\n");
    const SaliencyManifestSummary summary = importSaliencyManifest(*project, folder + "/manifest.csv");
    CHECK(summary.rows == 4);
    CHECK(summary.mapsAdded == 0);
    REQUIRE(summary.problems.size() == 4);
    const std::string manifest = folder + "/manifest.csv";
    CHECK(summary.problems[0]
        == manifest + " line 2: " + folder
            + "/small.png: wrong dimensions: the map is 10 x 10 x 1, one slice of the series is "
              "16 x 16 x 1");
    CHECK(summary.problems[1]
        == manifest + " line 3: " + folder
            + "/nan.mha: ElementSpacing holds NaN (nan 0.5 2): the map has no usable voxel spacing");
    CHECK_THAT(summary.problems[2], Catch::Contains("/passwd.mhd: ElementDataFile points outside the map's folder"));
    CHECK(summary.problems[3] == manifest + " line 5: " + folder + "/small.png: slice 2 is outside the series (1..1)");
    CHECK(SaliencyStore(*project).maps().empty());
}
