// Cancelling an import while a reader thread is inside a large file.
#include "LargeDicomFile.h"
#include "TestPaths.h"

#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

using namespace radmark::storage;
using namespace radmark::testing;
namespace fs = std::filesystem;

TEST_CASE("Cancel stops the import within a second while a 3 GB file is being read", "[import]")
{
    const std::string root = makeTemporaryFolder("radmark-import-cancel");
    fs::create_directories(root + "/in");
    writeLargeDicomLikeFile(root + "/in/large.dcm", 3ull << 30);
    auto project = ProjectStore::open(root + "/project.radmark", ProjectStore::OpenMode::CreateIfMissing);

    std::atomic<bool> cancel { false };
    std::atomic<bool> done { false };
    ImportOptions options;
    options.threads = 1;
    options.cancelRequested = &cancel;
    ImportSummary summary;
    std::thread importer([&] {
        summary = importPaths(*project, { root + "/in" }, options);
        done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const bool stillReading = !done;
    cancel = true;
    const auto cancelledAt = std::chrono::steady_clock::now();
    importer.join();
    const double secondsToStop = std::chrono::duration<double>(std::chrono::steady_clock::now() - cancelledAt).count();

    REQUIRE(stillReading); // the file is slow to read, so the cancel really lands inside it
    CHECK(secondsToStop < 1.0);
    CHECK(summary.cancelled);
    CHECK(summary.progress.filesImported == 0);
    // The half-read file is neither indexed nor recorded as skipped: the next import reads it again.
    CHECK(project->counts().instances == 0);
    CHECK(project->skippedFiles().empty());
}
