#include "TestPaths.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>
#include <vector>

namespace radmark::testing {

namespace fs = std::filesystem;

std::string sharedDataDir()
{
    const fs::path folder(RADMARK_SHARED_DATA_DIR);
    std::error_code error;
    return fs::is_directory(folder, error) ? folder.string() : std::string {};
}

std::string sharedDataPath(const std::string& relativePath)
{
    const std::string folder = sharedDataDir();
    return folder.empty() ? std::string {} : (fs::path(folder) / relativePath).string();
}

namespace {

std::vector<fs::path>& foldersToRemove()
{
    static std::vector<fs::path> folders;
    return folders;
}

void removeTemporaryFolders()
{
    for (const fs::path& folder : foldersToRemove()) {
        std::error_code ignored;
        fs::remove_all(folder, ignored);
    }
}

} // namespace

std::string makeTemporaryFolder(const std::string& prefix)
{
    static std::once_flag registered;
    std::call_once(registered, [] {
        // The list must be constructed before the exit handler is registered: statics are destroyed in the
        // reverse order, so a list made later would be gone when the handler runs and nothing would be removed.
        foldersToRemove();
        std::atexit(removeTemporaryFolders);
    });
    static std::mt19937_64 generator { std::random_device {}() };
    fs::path folder;
    do {
        folder = fs::temp_directory_path() / (prefix + "-" + std::to_string(generator()));
    } while (fs::exists(folder));
    fs::create_directories(folder);
    foldersToRemove().push_back(folder);
    return folder.string();
}

void exitAsSkippedIfRequested(const std::string& reason)
{
    const char* code = std::getenv("RADMARK_SKIP_EXIT_CODE");
    const int exitCode = code != nullptr ? std::atoi(code) : 0;
    if (exitCode > 0) {
        std::cout << reason << std::endl;
        std::exit(exitCode);
    }
}

} // namespace radmark::testing
