#include "radmark/storage/pacs/PacsCache.h"

#include "radmark/storage/ProjectError.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>
#include <vector>

namespace radmark::storage {

namespace fs = std::filesystem;

namespace {

constexpr char partialSuffix[] = ".part";
constexpr char instanceSuffix[] = ".dcm";

std::string safeUid(const std::string& uid)
{
    std::string name = uid.empty() ? std::string("_") : uid;
    for (char& c : name) {
        if (!(c == '.' || (c >= '0' && c <= '9'))) {
            c = '_';
        }
    }
    if (name == "." || name == "..") {
        name = "_";
    }
    return name;
}

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void syncFile(const std::string& path)
{
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) {
        throw ProjectError(path + ": cannot open the received file (" + std::strerror(errno) + ")");
    }
    const int result = ::fdatasync(descriptor);
    const int error = errno;
    ::close(descriptor);
    if (result != 0) {
        throw ProjectError(path + ": cannot flush the received file (" + std::strerror(error) + ")");
    }
}

} // namespace

std::string pacsCacheFolder(const std::string& projectPath)
{
    return projectPath + ".pacs-cache";
}

std::string cachedInstancePath(const std::string& cacheFolder, const std::string& studyInstanceUid,
    const std::string& seriesInstanceUid, const std::string& sopInstanceUid)
{
    return (fs::path(cacheFolder) / safeUid(studyInstanceUid) / safeUid(seriesInstanceUid)
        / (safeUid(sopInstanceUid) + instanceSuffix))
        .string();
}

std::string partialCachePath(const std::string& finalPath)
{
    return finalPath + partialSuffix;
}

void commitCacheFile(const std::string& partialPath, const std::string& finalPath)
{
    syncFile(partialPath);
    std::error_code error;
    fs::rename(partialPath, finalPath, error);
    if (error) {
        throw ProjectError(finalPath + ": cannot rename the received file into place (" + error.message() + ")");
    }
}

void writeCacheFile(const std::string& finalPath, const std::string& bytes)
{
    std::error_code error;
    fs::create_directories(fs::path(finalPath).parent_path(), error);
    if (error) {
        throw ProjectError(
            fs::path(finalPath).parent_path().string() + ": cannot create the cache folder (" + error.message() + ")");
    }
    const std::string partial = partialCachePath(finalPath);
    std::FILE* file = std::fopen(partial.c_str(), "wb");
    if (file == nullptr) {
        throw ProjectError(partial + ": cannot write (" + std::strerror(errno) + ")");
    }
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed) {
        fs::remove(partial, error);
        throw ProjectError(partial + ": cannot write (disk full?)");
    }
    commitCacheFile(partial, finalPath);
}

std::set<std::string> cachedInstanceUids(const std::string& cacheFolder, const std::string& studyInstanceUid)
{
    std::set<std::string> uids;
    const fs::path studyFolder = fs::path(cacheFolder) / safeUid(studyInstanceUid);
    std::error_code error;
    if (!fs::is_directory(studyFolder, error)) {
        return uids;
    }
    for (fs::recursive_directory_iterator entry(studyFolder, error), end; !error && entry != end;
         entry.increment(error)) {
        const std::string name = entry->path().filename().string();
        if (entry->is_regular_file(error) && endsWith(name, instanceSuffix)) {
            uids.insert(name.substr(0, name.size() - std::strlen(instanceSuffix)));
        }
    }
    return uids;
}

int removePartialCacheFiles(const std::string& cacheFolder, const std::string& studyInstanceUid)
{
    const fs::path studyFolder = fs::path(cacheFolder) / safeUid(studyInstanceUid);
    std::error_code error;
    if (!fs::is_directory(studyFolder, error)) {
        return 0;
    }
    std::vector<fs::path> partial;
    for (fs::recursive_directory_iterator entry(studyFolder, error), end; !error && entry != end;
         entry.increment(error)) {
        if (endsWith(entry->path().filename().string(), partialSuffix)) {
            partial.push_back(entry->path());
        }
    }
    int removed = 0;
    for (const fs::path& path : partial) {
        if (fs::remove(path, error)) {
            ++removed;
        }
    }
    return removed;
}

} // namespace radmark::storage
