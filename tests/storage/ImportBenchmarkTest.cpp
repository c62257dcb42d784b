#include "ImportTestFiles.h"
#include "TestPaths.h"

#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <fstream>

using namespace radmark::storage;
using namespace radmark::testing;
namespace fs = std::filesystem;

// Hidden: run with `radmark_storage_tests "[.import-benchmark]"`. 20,000 small CT files (hard links of 200
// synthetic slices in 100 folders), imported into a new project on a warm cache.
TEST_CASE("Import throughput on 20,000 small CT files", "[.import-benchmark]")
{
    const std::string root = makeTemporaryFolder("radmark-import-bench");
    const WrittenSeries written = writeSyntheticSeries(smallCtSpec(16, 16, 200), root + "/source");
    for (int folder = 0; folder < 100; ++folder) {
        const std::string target = root + "/in/f" + std::to_string(folder);
        fs::create_directories(target);
        for (const std::string& file : written.filePaths) {
            fs::create_hard_link(file, target + "/" + fs::path(file).filename().string());
        }
    }
    // Warm the page cache and the dentry cache.
    for (const auto& entry : fs::recursive_directory_iterator(root + "/in")) {
        if (entry.is_regular_file()) {
            std::ifstream(entry.path(), std::ios::binary).get();
        }
    }
    auto project = ProjectStore::open(root + "/bench.radmark", ProjectStore::OpenMode::CreateIfMissing);
    const auto cpuSeconds = [] {
        rusage usage {};
        getrusage(RUSAGE_SELF, &usage);
        return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
    };
    const double cpuStart = cpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    const ImportSummary summary = importPaths(*project, { root + "/in" });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = cpuSeconds() - cpuStart;
    REQUIRE(summary.progress.filesImported == 20000);
    REQUIRE(project->counts().instances == 20000);
    WARN("imported 20000 files in " << seconds << " s: " << 20000 / seconds << " files/s; file size "
                                    << fs::file_size(written.filePaths[0]) << " bytes; CPU " << cpu
                                    << " s = " << cpu / 20000 * 1e6 << " us per file");

    const auto againStart = std::chrono::steady_clock::now();
    const ImportSummary again = importPaths(*project, { root + "/in" });
    const double againSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - againStart).count();
    REQUIRE(again.progress.filesUnchanged == 20000);
    WARN("re-import of 20000 unchanged files in " << againSeconds << " s: " << 20000 / againSeconds << " files/s");
}
