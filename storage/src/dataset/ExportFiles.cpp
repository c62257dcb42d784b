#include "dataset/ExportFiles.h"

#include "radmark/storage/project/ProjectError.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <system_error>
#include <vector>

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

namespace {

constexpr const char* kManifestHeader
    = "# RadMark export manifest: the files RadMark wrote here (an overwrite removes only these)";

// The relative paths a folder's manifest lists, or nullopt when the folder has no manifest.
std::optional<std::set<std::string>> readManifest(const fs::path& folder)
{
    std::ifstream in(folder / kExportManifestName, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::set<std::string> listed;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] != '#') {
            listed.insert(line);
        }
    }
    return listed;
}

// Regular files (and anything else that is not a folder) under `folder`, relative, sorted.
std::set<std::string> filesUnder(const fs::path& folder)
{
    std::set<std::string> files;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(folder, error); !error && it != fs::recursive_directory_iterator();
         it.increment(error)) {
        if (!it->is_directory(error) || it->is_symlink(error)) {
            files.insert(it->path().lexically_relative(folder).generic_string());
        }
    }
    return files;
}

// Files in an existing export folder that RadMark did not write there (not in its manifest).
std::vector<std::string> unlistedFiles(const fs::path& folder, const std::set<std::string>& listed)
{
    std::vector<std::string> unlisted;
    for (const std::string& file : filesUnder(folder)) {
        if (listed.count(file) == 0) {
            unlisted.push_back(file);
        }
    }
    return unlisted;
}

// Throws unless an existing, non-empty output folder may be replaced: it must be a RadMark export (a
// manifest) holding nothing but the files its manifest lists.
void checkReplaceable(const fs::path& output)
{
    const std::optional<std::set<std::string>> listed = readManifest(output);
    if (!listed) {
        throw ProjectError(output.string() + ": not empty and not a RadMark export (no " + kExportManifestName
            + "): overwrite replaces only what RadMark wrote; choose an empty or new folder");
    }
    const std::vector<std::string> unlisted = unlistedFiles(output, *listed);
    if (!unlisted.empty()) {
        std::string names;
        for (std::size_t index = 0; index < unlisted.size() && index < 5; ++index) {
            names += (index > 0 ? ", " : "") + unlisted[index];
        }
        if (unlisted.size() > 5) {
            names += " and " + std::to_string(unlisted.size() - 5) + " more";
        }
        throw ProjectError(output.string() + ": holds " + std::to_string(unlisted.size())
            + " file(s) RadMark did not write (" + names
            + "); nothing was replaced: move them away or choose another folder");
    }
}

// Removes the files a manifest lists (and the folders they leave empty); anything else stays.
void removeListedFiles(const fs::path& folder, const std::set<std::string>& listed)
{
    std::error_code error;
    std::set<fs::path> parents;
    for (const std::string& relative : listed) {
        const fs::path path = (folder / relative).lexically_normal();
        if (relative.empty() || relative.find("..") != std::string::npos || fs::path(relative).is_absolute()) {
            continue; // never outside the folder
        }
        fs::remove(path, error);
        for (fs::path parent = path.parent_path(); parent != folder && parent.string().size() > folder.string().size();
             parent = parent.parent_path()) {
            parents.insert(parent);
        }
    }
    // Deepest first: a folder is removed only once empty.
    for (auto it = parents.rbegin(); it != parents.rend(); ++it) {
        if (fs::is_empty(*it, error)) {
            fs::remove(*it, error);
        }
    }
    if (fs::is_empty(folder, error)) {
        fs::remove(folder, error);
    }
}

} // namespace

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
    if (fs::is_empty(outputDir, error)) {
        return;
    }
    if (!overwrite) {
        throw ProjectError(outputDir + ": the output folder is not empty (choose another folder, or overwrite)");
    }
    checkReplaceable(fs::absolute(fs::path(outputDir)).lexically_normal());
}

void writeExportManifest(const std::string& folder)
{
    std::string text = std::string(kManifestHeader) + "\n" + kExportManifestName + "\n";
    for (const std::string& file : filesUnder(folder)) {
        if (file != kExportManifestName) {
            text += file + "\n";
        }
    }
    writeExportTextFile((fs::path(folder) / kExportManifestName).string(), text);
}

std::string createExportStagingFolder(const std::string& outputDir)
{
    const fs::path output = fs::absolute(fs::path(outputDir)).lexically_normal();
    fs::path parent = output.parent_path();
    std::string name = output.filename().string();
    if (name.empty()) { // "dir/" keeps its name in the parent's parent
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
        throw ProjectError(
            parent.string() + ": cannot write a temporary export folder here (" + std::strerror(errno) + ")");
    }
    return pattern;
}

void publishExportStagingFolder(const std::string& stagingDir, const std::string& outputDir, bool overwrite)
{
    std::error_code error;
    const fs::path output = fs::absolute(fs::path(outputDir)).lexically_normal();
    std::string previous;
    if (fs::exists(output, error)) {
        if (!fs::is_empty(output, error)) {
            if (!overwrite) {
                throw ProjectError(
                    output.string() + ": the output folder is not empty (choose another folder, or overwrite)");
            }
            checkReplaceable(output); // again: files may have appeared while the export ran
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
        // Only what the old manifest lists; a file that appeared meanwhile stays in the renamed folder.
        const std::optional<std::set<std::string>> listed = readManifest(previous);
        if (listed) {
            removeListedFiles(previous, *listed);
        } else if (fs::is_empty(previous, error)) {
            fs::remove(previous, error);
        }
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
            continue; // trailing separator
        }
        if (fileIt == file.end() || *fileIt != *baseIt) {
            return false;
        }
    }
    return true;
}

} // namespace radmark::storage
