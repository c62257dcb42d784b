// Issue 17 item 9: one image the DICOM copy cannot write must not fail the whole export. A real JPEG 2000 file
// whose Transfer Syntax UID tag is damaged ((0002,0010) -> (0002,0042), found by the fuzz campaign, seed 5) is read
// by DCMTK as explicit little endian with encapsulated pixel data, so saving it fails with "Pixel representation not
// found". `radmark export` used to stop there with exit 1; now that image is excluded with the reason (log and
// dataset card) and the other study is written, in every format asked for.
#include "RadmarkProcess.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace fs = std::filesystem;
using radmark::testing::runRadmark;

namespace {

std::string readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

int countFiles(const fs::path& folder, const std::string& extension)
{
    int count = 0;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        count += entry.is_regular_file() && entry.path().extension() == extension ? 1 : 0;
    }
    return count;
}

} // namespace

TEST_CASE(
    "export excludes an image DCMTK cannot write with the reason and writes the rest", "[cli][export][hostile][shared]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::string root = radmark::testing::makeTemporaryFolder("radmark-cli-export-unwritable");
    fs::create_directories(root + "/in");
    std::string bytes
        = readBytes(radmark::testing::sharedDataPath("dicom/pydicom_test_files/files/MR_small_jp2klossless.dcm"));
    const std::size_t at = bytes.find(std::string("\x02\x00\x10\x00UI", 6)); // (0002,0010) Transfer Syntax UID
    REQUIRE(at == 246);
    bytes[at + 2] = '\x42';
    const std::string damaged = root + "/in/no-syntax.dcm";
    std::ofstream(damaged, std::ios::binary) << bytes;
    fs::copy_file(radmark::testing::sharedDataPath("dicom/pydicom_test_files/files/examples_jpeg2k.dcm"),
        root + "/in/intact.dcm");
    const std::string project = root + "/p.radmark";
    REQUIRE(runRadmark({ "import", project, root + "/in", "--quiet" }).exitCode == 0);

    const std::string reason = "cannot be written as DICOM: Pixel representation not found";
    const auto dicom = runRadmark({ "export", project, "--format", "dicom", "--out", root + "/dicom-only" });
    INFO(dicom.standardOutput << dicom.standardError);
    REQUIRE(dicom.exitCode == 0); // was 1: "cannot write ...: Pixel representation not found", nothing written
    CHECK_THAT(dicom.standardOutput, Catch::Contains("  dicom: 1 file\n"));
    CHECK_THAT(dicom.standardOutput,
        Catch::Contains("Excluded 1 image (listed in dataset_card.md):\n  " + damaged + ": " + reason + "\n"));
    CHECK(countFiles(root + "/dicom-only/dicom", ".dcm") == 1);
    const std::string card = readBytes(root + "/dicom-only/dataset_card.md");
    CHECK_THAT(card, Catch::Contains("not exported: " + reason));
    CHECK(card.find(damaged) == std::string::npos); // the card names pseudonyms only

    // Every format together: the same exclusion, the rest of the export written.
    const auto all = runRadmark({ "export", project, "--format", "deeplesion,coco,nifti,labels,dicom-sr,dicom", "--out",
        root + "/all", "--quiet" });
    INFO(all.standardOutput << all.standardError);
    REQUIRE(all.exitCode == 0);
    CHECK_THAT(all.standardOutput, Catch::Contains(damaged + ": " + reason));
    CHECK_THAT(all.standardOutput, Catch::Contains("  dicom: 1 file\n"));
    CHECK_THAT(all.standardOutput, Catch::Contains("  labels: 1 file\n"));
    CHECK(countFiles(root + "/all/dicom", ".dcm") == 1);
    CHECK(fs::exists(root + "/all/dataset_card.md"));
}
