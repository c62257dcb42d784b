#include "export/ExportFiles.h"

#include "radmark/storage/ProjectError.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace radmark::storage {

namespace fs = std::filesystem;

void writeExportTextFile(const std::string& path, const std::string& text)
{
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) {
        throw ProjectError(path + ": cannot create the file (" + std::strerror(errno) + ")");
    }
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    const int writeErrno = errno;
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed) {
        throw ProjectError(path + ": cannot write the file (" + std::strerror(written ? errno : writeErrno) + ")");
    }
}

void createExportFolder(const std::string& path)
{
    std::error_code error;
    fs::create_directories(path, error);
    if (error) {
        throw ProjectError(path + ": cannot create the folder (" + error.message() + ")");
    }
}

void checkExportOutputFolder(const std::string& outputDir, bool overwrite)
{
    if (outputDir.empty()) {
        throw ProjectError("no output folder given");
    }
    std::error_code error;
    const fs::file_status status = fs::status(outputDir, error);
    if (!fs::exists(status)) {
        return;
    }
    if (!fs::is_directory(status)) {
        throw ProjectError(outputDir + ": exists and is not a folder");
    }
    if (!overwrite && !fs::is_empty(outputDir, error)) {
        throw ProjectError(outputDir + ": the output folder is not empty (choose another folder, or overwrite)");
    }
}

std::string createExportStagingFolder(const std::string& outputDir)
{
    const fs::path output = fs::absolute(fs::path(outputDir)).lexically_normal();
    fs::path parent = output.parent_path();
    std::string name = output.filename().string();
    if (name.empty()) {  // "dir/" keeps its name in the parent's parent
        name = parent.filename().string();
        parent = parent.parent_path();
    }
    std::error_code error;
    fs::create_directories(parent, error);
    if (error) {
        throw ProjectError(parent.string() + ": cannot create the folder (" + error.message() + ")");
    }
    std::string pattern = (parent / ("." + name + ".partial-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw ProjectError(parent.string() + ": cannot write a temporary export folder here (" +
                           std::strerror(errno) + ")");
    }
    return pattern;
}

void publishExportStagingFolder(const std::string& stagingDir, const std::string& outputDir, bool overwrite)
{
    std::error_code error;
    const fs::path output = fs::absolute(fs::path(outputDir)).lexically_normal();
    std::string previous;
    if (fs::exists(output, error)) {
        if (!overwrite && !fs::is_empty(output, error)) {
            throw ProjectError(output.string() + ": the output folder is not empty (choose another folder, or overwrite)");
        }
        // Moved aside first, so the output path never shows a mix of the old and the new dataset.
        previous = stagingDir + ".previous";
        fs::rename(output, previous, error);
        if (error) {
            throw ProjectError(output.string() + ": cannot replace the folder (" + error.message() + ")");
        }
    }
    fs::rename(stagingDir, output, error);
    if (error) {
        if (!previous.empty()) {
            std::error_code ignored;
            fs::rename(previous, output, ignored);
        }
        throw ProjectError(output.string() + ": cannot move the finished export into place (" + error.message() + ")");
    }
    if (!previous.empty()) {
        removeExportTree(previous);
    }
}

void removeExportTree(const std::string& path) noexcept
{
    std::error_code error;
    fs::remove_all(path, error);
}

bool isInsideFolder(const std::string& path, const std::string& folder)
{
    std::error_code error;
    const fs::path file = fs::weakly_canonical(fs::absolute(path), error).lexically_normal();
    const fs::path base = fs::weakly_canonical(fs::absolute(folder), error).lexically_normal();
    auto fileIt = file.begin();
    for (auto baseIt = base.begin(); baseIt != base.end(); ++baseIt, ++fileIt) {
        if (baseIt->empty()) {
            continue;  // trailing separator
        }
        if (fileIt == file.end() || *fileIt != *baseIt) {
            return false;
        }
    }
    return true;
}

}  // namespace radmark::storage
