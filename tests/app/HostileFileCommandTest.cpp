// A file replaced after import by one with sequences nested 20,000 deep after its pixel data (issue 17 item 2):
// `annotate`, `render` and `export` used to crash in DCMTK's recursive parser on load; now the file is left out
// with its reason (named on stderr by render, in the export's exclusions) and the rest of the series is used.
#include "ImportedTestSeries.h"
#include "RadmarkProcess.h"
#include "TestPaths.h"

#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using radmark::testing::runRadmark;
using radmark::testing::seriesOfSize;
using radmark::testing::writeAndImportSeries;

namespace {

std::string u16(std::uint16_t value)
{
    return std::string { static_cast<char>(value & 0xFF), static_cast<char>(value >> 8) };
}

std::string deepSequences(int depth)
{
    const std::string undefinedLength("\xFF\xFF\xFF\xFF", 4);
    const std::string open = u16(0xFFFA) + u16(0xFFFA) + "SQ" + std::string(2, '\0') + undefinedLength + u16(0xFFFE)
        + u16(0xE000) + undefinedLength;
    const std::string close
        = u16(0xFFFE) + u16(0xE00D) + std::string(4, '\0') + u16(0xFFFE) + u16(0xE0DD) + std::string(4, '\0');
    std::string bytes;
    for (int n = 0; n < depth; ++n) {
        bytes += open;
    }
    for (int n = 0; n < depth; ++n) {
        bytes += close;
    }
    return bytes;
}

} // namespace

TEST_CASE("annotate, render and export leave out a file nested 20,000 deep after its pixels instead of crashing",
    "[cli][hostile]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-cli-hostile");
    const fs::path project = folder / "p.radmark";
    const auto written = writeAndImportSeries(seriesOfSize(16, 16, 3), (folder / "dicom").string(), project.string());
    const std::string victim = written.filePaths[1];
    std::ofstream(victim, std::ios::binary | std::ios::app) << deepSequences(20000);

    // The other slices are still used; the refused file is left out with its reason.
    const std::string reason = "cannot read " + victim + ": sequences nested more than 64 deep (at byte ";
    const auto annotated = runRadmark(
        { "annotate", project.string(), "--series", written.seriesInstanceUid, "--slice", "1", "--line", "1,1,5,5" });
    CHECK(annotated.exitCode == 0);
    CHECK_THAT(annotated.standardOutput, Catch::Contains("Added line mark"));
    const auto rendered = runRadmark({ "render", project.string(), "--series", written.seriesInstanceUid, "--out",
        (folder / "slice.png").string() });
    CHECK(rendered.exitCode == 0);
    CHECK_THAT(rendered.standardError, Catch::Contains("radmark render: note: left out: " + reason));
    CHECK(fs::exists(folder / "slice.png"));
    const auto exported
        = runRadmark({ "export", project.string(), "--format", "dicom", "--out", (folder / "export").string() });
    CHECK(exported.exitCode == 0);
    CHECK_THAT(exported.standardOutput,
        Catch::Contains("dicom: 2 files") && Catch::Contains("Excluded 1 image (listed")
            && Catch::Contains(victim + ": unreadable DICOM: sequences nested more than 64 deep"));
}
