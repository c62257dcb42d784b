#include "TestPaths.h"

#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

using namespace radmark::storage;
using namespace radmark::testing;
namespace fs = std::filesystem;

namespace {

double threadCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_THREAD, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

} // namespace

// Hidden: the writing side of an import alone (no file is read). Takes the records of an imported project
// (RADMARK_WRITER_BENCH_SOURCE, e.g. one made by `radmark import` of the bench_import_real data set) and writes
// them into a new project in batches of 2,000 files (or RADMARK_WRITER_BENCH_BATCH), as the importer does; prints
// the writer's CPU per file. Run with `RADMARK_WRITER_BENCH_SOURCE=... radmark_storage_tests
// "[.import-writer-benchmark]"`.
TEST_CASE("Import writer CPU per file on the records of an imported project", "[.import-writer-benchmark]")
{
    const char* sourcePath = std::getenv("RADMARK_WRITER_BENCH_SOURCE");
    if (sourcePath == nullptr) {
        WARN("skipped: RADMARK_WRITER_BENCH_SOURCE names no project");
        return;
    }
    std::vector<InstanceRecord> records;
    {
        auto source = ProjectStore::open(sourcePath, ProjectStore::OpenMode::ReadOnly);
        for (const SeriesSummary& series : source->series()) {
            for (InstanceRecord& record : source->seriesInstances(series.seriesUid)) {
                records.push_back(std::move(record));
            }
        }
    }
    // The order of a folder scan.
    std::sort(records.begin(), records.end(),
        [](const InstanceRecord& left, const InstanceRecord& right) { return left.filePath < right.filePath; });
    REQUIRE(!records.empty());

    const char* batchText = std::getenv("RADMARK_WRITER_BENCH_BATCH");
    const std::size_t batchFiles = batchText != nullptr ? std::stoul(batchText) : 2000; // ImportOptions' default
    std::vector<std::vector<InstanceRecord>> batches;
    for (std::size_t first = 0; first < records.size(); first += batchFiles) {
        batches.emplace_back(records.begin() + static_cast<std::ptrdiff_t>(first),
            records.begin() + static_cast<std::ptrdiff_t>(std::min(records.size(), first + batchFiles)));
    }

    const std::string folder = makeTemporaryFolder("radmark-writer-bench");
    for (int run = 0; run < 5; ++run) {
        const std::string path = folder + "/run" + std::to_string(run) + ".radmark";
        auto project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
        const double cpuStart = threadCpuSeconds();
        const auto start = std::chrono::steady_clock::now();
        for (const std::vector<InstanceRecord>& batch : batches) {
            project->writeImportBatch(batch, {}, true);
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double cpu = threadCpuSeconds() - cpuStart;
        REQUIRE(static_cast<std::size_t>(project->counts().instances) == records.size());
        WARN("wrote " << records.size() << " files in " << seconds << " s; writer CPU " << cpu
                      << " s = " << cpu / static_cast<double>(records.size()) * 1e6 << " us per file");
    }
}
