// `radmark export` end to end on the demo project: exit codes, refusals and no identity in the output.
#include "RadmarkProcess.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using radmark::testing::runRadmark;
namespace fs = std::filesystem;

namespace {

std::string readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string firstSeriesUid(const std::string& project)
{
    const auto series = runRadmark({ "series", project });
    REQUIRE(series.exitCode == 0);
    std::istringstream lines(series.standardOutput);
    std::string line;
    std::getline(lines, line); // header
    std::getline(lines, line);
    return line.substr(0, line.find(' '));
}

} // namespace

TEST_CASE("export writes a de-identified dataset, refuses a non-empty folder and bad options", "[cli][export]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-cli-export");
    const std::string project = (folder / "demo.radmark").string();
    REQUIRE(runRadmark({ "demo", project }).exitCode == 0);
    const std::string series = firstSeriesUid(project);
    const auto annotate = runRadmark({ "annotate", project, "--series", series, "--slice", "30", "--recist",
        "100,100,140,120,125,100,115,120", "--type", "liver" });
    INFO(annotate.standardError);
    REQUIRE(annotate.exitCode == 0);

    const std::string out = (folder / "dataset").string();
    const auto exported = runRadmark({ "export", project, "--format", "deeplesion,labels,coco,nifti", "--out", out,
        "--seed", "5", "--mapping", (folder / "mapping.csv").string(), "--quiet" });
    INFO(exported.standardError);
    REQUIRE(exported.exitCode == 0);
    CHECK(exported.standardOutput.find("Exported 2 studies of 2 patients (1 mark)") != std::string::npos);
    const std::string dlInfo = readFile(fs::path(out) / "deeplesion" / "DL_info.csv");
    CHECK(std::count(dlInfo.begin(), dlInfo.end(), '\n') == 2);
    CHECK(dlInfo.find(",\"100, 100, 140, 120, 125, 100, 115, 120\",\"95, 95, 145, 125\",") != std::string::npos);
    CHECK(readFile(folder / "mapping.csv").find("RADMARK-DEMO-001") != std::string::npos);
    for (const auto& entry : fs::recursive_directory_iterator(out)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        const std::string bytes = readFile(entry.path());
        for (const char* identifying :
            { "RADMARK-DEMO-001", "RADMARK-DEMO-002", "Demo^Phantom", "RadMark Demo Hospital", series.c_str() }) {
            INFO(entry.path() << " contains " << identifying);
            CHECK(bytes.find(identifying) == std::string::npos);
        }
    }

    const auto again = runRadmark({ "export", project, "--format", "labels", "--out", out });
    CHECK(again.exitCode == 1);
    CHECK(again.standardError.find("not empty") != std::string::npos);
    CHECK(runRadmark({ "export", project, "--format", "labels", "--out", out, "--overwrite" }).exitCode == 0);
    CHECK(runRadmark({ "export", project, "--format", "png", "--out", out + "2" }).exitCode == 2);
    CHECK(runRadmark({ "export", project, "--format", "labels", "--out", out + "2", "--ratios", "1,2" }).exitCode == 2);
    CHECK(runRadmark({ "export", project, "--format", "labels", "--out", out + "2", "--split", "hospital" }).exitCode
        == 2);
    const auto inside
        = runRadmark({ "export", project, "--format", "labels", "--out", out + "2", "--mapping", out + "2/map.csv" });
    CHECK(inside.exitCode == 1);
    CHECK(inside.standardError.find("outside the dataset folder") != std::string::npos);
    CHECK_FALSE(fs::exists(out + "2"));
}
