#pragma once

#include <string>

namespace radmark::testing {

// `../shared/data` beside the project, or empty when absent.
std::string sharedDataDir();

// Path of a file under the shared data folder; empty when the folder is absent.
std::string sharedDataPath(const std::string& relativePath);

// A fresh empty folder under the system temp folder, removed at process exit.
std::string makeTemporaryFolder(const std::string& prefix);

// When the environment names a skip exit code (RADMARK_SKIP_EXIT_CODE, set with SKIP_RETURN_CODE on the
// CTest entries of test cases that need ../shared/data), prints `reason` and ends the process with that
// code, so CTest reports the test as skipped rather than passed. Does nothing otherwise.
void exitAsSkippedIfRequested(const std::string& reason);

} // namespace radmark::testing

// Skips the current Catch2 test with a clear message when the shared data folder is absent: under CTest
// the process ends as "skipped" (see exitAsSkippedIfRequested), run by hand the case warns and returns.
#define RADMARK_REQUIRE_SHARED_DATA()                                                                                  \
    do {                                                                                                               \
        if (radmark::testing::sharedDataDir().empty()) {                                                               \
            radmark::testing::exitAsSkippedIfRequested(                                                                \
                "skipped: ../shared/data is absent (real third-party test files are not on this machine)");            \
            WARN("skipped: ../shared/data is absent (real third-party test files are not on this machine)");           \
            return;                                                                                                    \
        }                                                                                                              \
    } while (false)
