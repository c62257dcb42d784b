#pragma once

#include <string>

namespace radmark::testing {

// `../shared/data` beside the project, or empty when absent.
std::string sharedDataDir();

// Path of a file under the shared data folder; empty when the folder is absent.
std::string sharedDataPath(const std::string& relativePath);

// A fresh empty folder under the system temp folder, removed at process exit.
std::string makeTemporaryFolder(const std::string& prefix);

}  // namespace radmark::testing

// Skips the current Catch2 test with a clear message when the shared data folder is absent.
#define RADMARK_REQUIRE_SHARED_DATA()                                                                   \
    do {                                                                                                \
        if (radmark::testing::sharedDataDir().empty()) {                                                \
            WARN("skipped: ../shared/data is absent (real third-party test files are not on this machine)"); \
            return;                                                                                     \
        }                                                                                               \
    } while (false)
