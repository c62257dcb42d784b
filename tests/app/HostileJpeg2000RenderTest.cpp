// A real JPEG 2000 file whose Patient ID VR is damaged to "L5" (found by the fuzz campaign, seed 5): GDCM's own
// parser, which the loader used to run on the file, read it into 1.4 GB before `radmark render` drew anything.
// The loader now decodes DCMTK's fragments with GDCM's codec only: the render takes what the intact file takes and
// shows the same pixels.
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace fs = std::filesystem;

namespace {

const char* const kSeriesUid = "1.3.6.1.4.1.5962.1.3.13.1.20040826185059.5457";

std::string readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct ChildRun {
    int exitCode = -1;
    long maxRssKb = 0;
};

// Runs radmark with the arguments (stdout/stderr to /dev/null) and returns its exit code and own peak RSS.
ChildRun runMeasured(const std::vector<std::string>& arguments)
{
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(RADMARK_BINARY));
    for (const std::string& argument : arguments) {
        argv.push_back(const_cast<char*>(argument.c_str()));
    }
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child == 0) {
        std::FILE* null = std::fopen("/dev/null", "w");
        if (null != nullptr) {
            ::dup2(::fileno(null), STDOUT_FILENO);
            ::dup2(::fileno(null), STDERR_FILENO);
        }
        ::execv(RADMARK_BINARY, argv.data());
        ::_exit(127);
    }
    int status = 0;
    rusage usage {};
    REQUIRE(::wait4(child, &status, 0, &usage) == child);
    ChildRun run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.maxRssKb = usage.ru_maxrss;
    return run;
}

ChildRun importAndRender(const std::string& folder, const std::string& png)
{
    const std::string project = folder + "/p.radmark";
    REQUIRE(runMeasured({ "import", project, folder + "/in", "--quiet" }).exitCode == 0);
    return runMeasured({ "render", project, "--series", kSeriesUid, "--size", "160x120", "--out", png });
}

} // namespace

TEST_CASE("A JPEG 2000 file with a damaged Patient ID VR renders in the memory of the intact file, same pixels",
    "[cli][hostile][render][shared]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::string source = radmark::testing::sharedDataPath("dicom/pydicom_test_files/files/examples_jpeg2k.dcm");
    const std::string root = radmark::testing::makeTemporaryFolder("radmark-cli-j2k-vr");
    fs::create_directories(root + "/intact/in");
    fs::create_directories(root + "/damaged/in");
    fs::copy_file(source, root + "/intact/in/image.dcm");
    std::string bytes = readBytes(source);
    // (0010,0020) LO, explicit VR little endian: the VR's two bytes become "L5" (DCMTK: unknown VR, 2-byte length).
    const std::string patientIdTag("\x10\x00\x20\x00LO", 6);
    const std::size_t at = bytes.find(patientIdTag);
    REQUIRE(at != std::string::npos);
    REQUIRE(at == 1010);
    bytes[at + 5] = '5';
    std::ofstream(root + "/damaged/in/image.dcm", std::ios::binary) << bytes;

    const ChildRun intact = importAndRender(root + "/intact", root + "/intact.png");
    const ChildRun damaged = importAndRender(root + "/damaged", root + "/damaged.png");
    REQUIRE(intact.exitCode == 0);
    REQUIRE(damaged.exitCode == 0);
    CHECK(readBytes(root + "/damaged.png") == readBytes(root + "/intact.png"));
    INFO("intact render " << intact.maxRssKb / 1024 << " MB, damaged render " << damaged.maxRssKb / 1024 << " MB");
    // Was 1.4 GB against 167 MB: GDCM's parser allocated for the misread element lengths.
    CHECK(damaged.maxRssKb < intact.maxRssKb + 100 * 1024);
}
