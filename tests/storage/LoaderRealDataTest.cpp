#include "TestPaths.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/ProjectError.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>

using radmark::annotation::VoxelType;
using radmark::testing::sharedDataPath;
using namespace radmark::storage;

namespace {

LoadedSeries loadOne(const std::string& relativePath)
{
    return loadSeriesFiles({ sharedDataPath(relativePath) });
}

std::vector<std::string> filesIn(const std::string& relativeFolder)
{
    std::vector<std::string> paths;
    for (const auto& entry : std::filesystem::directory_iterator(sharedDataPath(relativeFolder))) {
        paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

bool sameVoxels(const LoadedSeries& a, const LoadedSeries& b)
{
    return a.volume->voxelType() == b.volume->voxelType() && a.volume->byteCount() == b.volume->byteCount()
        && std::memcmp(a.volume->data(), b.volume->data(), a.volume->byteCount()) == 0;
}

bool hasWarningContaining(const LoadedSeries& loaded, const std::string& text)
{
    return std::any_of(loaded.warnings.begin(), loaded.warnings.end(),
        [&](const std::string& warning) { return warning.find(text) != std::string::npos; });
}

} // namespace

TEST_CASE("XA30 classic and enhanced exports load to identical volumes", "[loader][realdata]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const auto classicFiles = filesIn("dicom/xa30_classic_vs_enhanced/classic_5001");
    REQUIRE(classicFiles.size() == 63);
    const LoadedSeries classic = loadSeriesFiles(classicFiles);
    const LoadedSeries enhanced = loadOne("dicom/xa30_classic_vs_enhanced/enhanced_5/0063.dcm");
    const auto& a = classic.volume->geometry();
    const auto& b = enhanced.volume->geometry();
    REQUIRE(a.columns == 86);
    REQUIRE(a.rows == 86);
    REQUIRE(a.slices == 63);
    CHECK(b.columns == a.columns);
    CHECK(b.rows == a.rows);
    REQUIRE(b.slices == a.slices);
    CHECK(b.columnSpacingMm == Approx(a.columnSpacingMm).margin(1e-6));
    CHECK(b.rowSpacingMm == Approx(a.rowSpacingMm).margin(1e-6));
    CHECK(radmark::annotation::angleBetweenDegrees(a.rowDirectionLps, b.rowDirectionLps) < 1e-3);
    CHECK(radmark::annotation::angleBetweenDegrees(a.columnDirectionLps, b.columnDirectionLps) < 1e-3);
    for (std::size_t k = 0; k < 63; ++k) {
        CHECK(radmark::annotation::length(a.sliceOriginsLpsMm[k] - b.sliceOriginsLpsMm[k]) < 1e-3);
    }
    // The first acquired frame (x = -68.2 mm, k = 62) carries a burned-in marker line of 0xFFFF, 28 voxels
    // long: on row 2 in the classic file and on row 1 in the enhanced one (checked with dcmdump +W). Every
    // other voxel is equal.
    REQUIRE(classic.volume->voxelType() == enhanced.volume->voxelType());
    int differing = 0;
    for (int k = 0; k < 63; ++k) {
        for (int j = 0; j < 86; ++j) {
            for (int i = 0; i < 86; ++i) {
                const double classicValue = classic.volume->valueAt(i, j, k);
                const double enhancedValue = enhanced.volume->valueAt(i, j, k);
                if (classicValue != enhancedValue) {
                    ++differing;
                    CHECK(k == 62);
                    CHECK((j == 1 || j == 2));
                    CHECK((j == 1 ? enhancedValue : classicValue) == 4095.0); // 0xFFFF masked to BitsStored 12
                }
            }
        }
    }
    CHECK(differing == 56);
    CHECK(enhanced.sliceSources[62].frameIndex == 0);
    CHECK(classic.sliceSources[62].filePath.find("5001001.dcm") != std::string::npos);
    CHECK(enhanced.sliceSources[5].frameIndex != enhanced.sliceSources[6].frameIndex);
    CHECK(classic.modality == "MR");
}

TEST_CASE("NEMA WG04 lossless files decode to their uncompressed originals", "[loader][realdata]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    // REF/<image>_UNC is explicit VR little endian; lossy J2KI, JLSN and JPLY are skipped.
    int compared = 0;
    for (const std::string image : { "CT1", "CT2", "MR1", "MR3", "MR4", "NM1" }) {
        const LoadedSeries original = loadOne("dicom/nema_wg04/files/REF/" + image + "_UNC");
        for (const std::string syntax : { "J2KR", "JLSL", "JPLL", "RLE" }) {
            INFO(image << " " << syntax);
            const LoadedSeries decoded = loadOne("dicom/nema_wg04/files/" + syntax + "/" + image + "_" + syntax);
            CHECK(decoded.volume->geometry().columns == original.volume->geometry().columns);
            CHECK(sameVoxels(decoded, original));
            ++compared;
        }
    }
    CHECK(compared == 24);
    const LoadedSeries ct = loadOne("dicom/nema_wg04/files/REF/CT1_UNC");
    CHECK(ct.volume->valueUnit() == "HU");
    CHECK(ct.volume->geometry().columns == 512);
}

TEST_CASE("12-bit stored pixels are masked and sign-extended", "[loader][realdata]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const LoadedSeries plain = loadOne("dicom/12bit/files/12bitUnsigned.dcm");
    auto [low, high] = plain.volume->valueRange();
    CHECK(low >= 0.0);
    CHECK(high <= 4095.0);

    const LoadedSeries stripes = loadOne("dicom/12bit/files/12bitUnsigned_0x0F0F.dcm");
    std::tie(low, high) = stripes.volume->valueRange();
    CHECK(low >= 0.0);
    CHECK(high == 4095.0); // 0xFFFF masked to 12 bits

    const LoadedSeries signedStripes = loadOne("dicom/12bit/files/12bitSigned_0x0F0F.dcm");
    CHECK(signedStripes.volume->voxelType() == VoxelType::Int16);
    std::tie(low, high) = signedStripes.volume->valueRange();
    CHECK(low >= -2048.0);
    CHECK(high <= 2047.0);
    // The stripes: 0x0F0F is -241 and 0xFFFF is -1 at 12 bits; the same voxels read 3855 and 4095 unsigned.
    const auto* unsignedVoxels = static_cast<const std::int16_t*>(stripes.volume->data());
    const auto* signedVoxels = static_cast<const std::int16_t*>(signedStripes.volume->data());
    int stripeVoxels = 0;
    for (std::size_t n = 0; n < stripes.volume->voxelCount(); ++n) {
        if (unsignedVoxels[n] == 3855) {
            CHECK(signedVoxels[n] == -241);
            ++stripeVoxels;
        } else if (unsignedVoxels[n] == 4095) {
            CHECK(signedVoxels[n] == -1);
            ++stripeVoxels;
        }
        if (stripeVoxels > 2000) {
            break;
        }
    }
    CHECK(stripeVoxels > 100);
}

TEST_CASE("one MR image in every lossless transfer syntax loads to the same pixels", "[loader][realdata]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const LoadedSeries reference = loadOne("dicom/transfer_syntaxes/files/1.dcm");
    CHECK(reference.volume->geometry().columns == 384);
    for (int n = 2; n <= 9; ++n) {
        INFO("file " << n << ".dcm");
        CHECK(sameVoxels(loadOne("dicom/transfer_syntaxes/files/" + std::to_string(n) + ".dcm"), reference));
    }
}

TEST_CASE("the GE head CT loads with its gantry tilt and uneven spacing reported", "[loader][realdata]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const LoadedSeries loaded = loadSeriesFiles(filesIn("dicom/ge_head_ct_tilt/series"));
    const auto& geometry = loaded.volume->geometry();
    CHECK(geometry.slices == 28);
    CHECK(geometry.columns == 512);
    CHECK(loaded.stackReport.gantryTiltDegrees == Approx(18.5).margin(0.05));
    CHECK(loaded.stackReport.unevenSpacing);
    CHECK(hasWarningContaining(loaded, "gantry tilt of 18.5 degrees"));
    CHECK(hasWarningContaining(loaded, "uneven slice spacing"));
    CHECK(loaded.volume->valueUnit() == "HU");
    CHECK(loaded.volume->voxelType() == VoxelType::Int16);
    REQUIRE_FALSE(loaded.volume->sourceWindows().empty());
    CHECK(loaded.volume->sourceWindows()[0].level == 35.0);
    CHECK(loaded.volume->sourceWindows()[0].width == 100.0);
    // Sorted along the normal: heights increase with k.
    const auto normal = geometry.sliceNormalLps();
    for (std::size_t k = 1; k < geometry.sliceOriginsLpsMm.size(); ++k) {
        CHECK(dot(geometry.sliceOriginsLpsMm[k] - geometry.sliceOriginsLpsMm[k - 1], normal)
            > 1.0); // 4 or 7 mm, 1.08 mm at the jump
    }
}

TEST_CASE("pydicom's big-endian, RLE, JPEG-LS and JPEG 2000 twins decode to the same pixels", "[loader][realdata]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::string folder = "dicom/pydicom_test_files/files/";
    const LoadedSeries reference = loadOne(folder + "MR_small.dcm");
    CHECK(reference.volume->geometry().columns == 64);
    for (const std::string twin : { "MR_small_RLE.dcm", "MR_small_bigendian.dcm", "MR_small_expb.dcm",
             "MR_small_implicit.dcm", "MR_small_jpeg_ls_lossless.dcm", "MR_small_jp2klossless.dcm" }) {
        INFO(twin);
        CHECK(sameVoxels(loadOne(folder + twin), reference));
    }
    const LoadedSeries rgb = loadOne(folder + "SC_rgb_small_odd.dcm");
    CHECK(rgb.volume->voxelType() == VoxelType::Rgb8);
    CHECK(sameVoxels(loadOne(folder + "SC_rgb_small_odd_big_endian.dcm"), rgb));
    const LoadedSeries rle = loadOne(folder + "SC_rgb_rle.dcm");
    CHECK(sameVoxels(loadOne(folder + "SC_rgb_jpeg_gdcm.dcm"), rle)); // JPEG lossless, RGB
}

TEST_CASE("colour, palette, lossy JPEG and MONOCHROME1 files load", "[loader][realdata]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::string folder = "dicom/pydicom_test_files/files/";
    for (const std::string name : { "examples_palette.dcm", "SC_ybr_full_422_uncompressed.dcm",
             "SC_rgb_dcmtk_+eb+cy+np.dcm", "examples_rgb_color.dcm", "ExplVR_BigEnd.dcm" }) {
        INFO(name);
        const LoadedSeries loaded = loadOne(folder + name);
        CHECK(loaded.volume->voxelType() == VoxelType::Rgb8);
        CHECK(loaded.volume->valueRange().second > 0.0);
    }
    const LoadedSeries lossy = loadOne(folder + "JPEG-lossy.dcm");
    CHECK(lossy.volume->geometry().columns == 256);
    CHECK(lossy.volume->valueRange().second > lossy.volume->valueRange().first);

    const LoadedSeries cr = loadOne(folder + "dicomdirtests/77654033/CR1/6154");
    CHECK(cr.volume->geometry().columns == 16);
    CHECK(cr.volume->valueRange().second > cr.volume->valueRange().first);
}

TEST_CASE("broken and non-image real files give ProjectError", "[loader][realdata]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::string folder = "dicom/pydicom_test_files/files/";
    for (const std::string name :
        { "MR_truncated.dcm", "rtplan_truncated.dcm", "no_meta.dcm", "test-SR.dcm", "rtplan.dcm", "SC_rgb_jpeg.dcm" }) {
        INFO(name);
        CHECK_THROWS_AS(loadOne(folder + name), ProjectError);
    }
}
