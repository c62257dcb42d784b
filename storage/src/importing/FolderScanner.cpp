#include "importing/FolderScanner.h"

#include "importing/DicomDirReader.h"
#include "importing/VolumeFileHeaderReader.h"

#include <sys/stat.h>

#include <filesystem>
#include <stdexcept>

namespace radmark::storage {

namespace fs = std::filesystem;

namespace {

bool isDicomDirName(const std::string& name)
{
    return name == "DICOMDIR" || name == "dicomdir";
}

} // namespace

FolderScanner::FolderScanner(std::function<void(ScannedFile&&)> onFile, const std::atomic<bool>& stopRequested)
    : m_onFile(std::move(onFile))
    , m_stopRequested(stopRequested)
{
}

void FolderScanner::scan(const std::vector<std::string>& paths)
{
    for (const std::string& path : paths) {
        if (m_stopRequested) {
            return;
        }
        std::error_code error;
        const std::string absolutePath = fs::absolute(path, error).lexically_normal().string();
        const fs::file_status status = fs::status(absolutePath, error);
        if (fs::is_directory(status)) {
            scanFolder(absolutePath);
        } else if (fs::is_regular_file(status)) {
            const std::string name = fs::path(absolutePath).filename().string();
            if (!isDicomDirName(name) || !scanDicomDir(absolutePath)) {
                emitFile(absolutePath, {}, true);
            }
        } else {
            ScannedFile file;
            file.filePath = absolutePath;
            file.missing = true;
            file.skipReason = fs::exists(status) ? "not a regular file or folder" : "no such file or folder";
            m_onFile(std::move(file));
        }
    }
}

void FolderScanner::scanFolder(const std::string& root)
{
    std::vector<std::string> pending { root };
    while (!pending.empty() && !m_stopRequested) {
        const std::string folder = std::move(pending.back());
        pending.pop_back();
        std::error_code error;
        const std::string canonical = fs::canonical(folder, error).string();
        if (error || !m_visitedFolders.insert(canonical).second) {
            continue; // unreachable, or already seen through another path (symbolic-link loop)
        }
        std::vector<std::string> files;
        std::vector<std::string> subfolders;
        std::string dicomDir;
        fs::directory_iterator entries(folder, error);
        for (const fs::directory_iterator end; !error && entries != end; entries.increment(error)) {
            const fs::directory_entry& entry = *entries;
            std::error_code typeError;
            const std::string entryPath = entry.path().string();
            if (entry.is_directory(typeError)) {
                subfolders.push_back(entryPath);
            } else if (entry.is_regular_file(typeError)) {
                if (isDicomDirName(entry.path().filename().string())) {
                    dicomDir = entryPath;
                } else {
                    files.push_back(entryPath);
                }
            }
            // Sockets, pipes and broken links are left out: opening a pipe would block.
        }
        if (error) {
            // An unreadable folder (no permission, I/O error) is reported, never passed over in silence; what
            // was listed before the error is still imported.
            reportUnreadableFolder(folder, error);
        }
        if (!dicomDir.empty() && scanDicomDir(dicomDir)) {
            continue;
        }
        for (const std::string& file : files) {
            if (VolumeFileHeaderReader::isVolumeFile(file)) {
                for (std::string& dataFile : VolumeFileHeaderReader::dataFilesOf(file)) {
                    m_dataFiles.insert(std::move(dataFile));
                }
            }
        }
        for (const std::string& file : files) {
            if (m_stopRequested) {
                return;
            }
            if (m_dataFiles.count(file) == 0) {
                emitFile(file);
            }
        }
        // Reverse so that folders come out in directory order from the stack.
        pending.insert(pending.end(), subfolders.rbegin(), subfolders.rend());
    }
}

void FolderScanner::reportUnreadableFolder(const std::string& folder, const std::error_code& error)
{
    ScannedFile entry;
    entry.filePath = folder;
    entry.missing = true; // reported with the import's skipped files, not stored as a file of the project
    entry.skipReason = "folder cannot be read (" + error.message() + "): the files in it were not imported";
    m_onFile(std::move(entry));
}

// True when the DICOMDIR was usable and its files were emitted; otherwise the caller scans the folder.
bool FolderScanner::scanDicomDir(const std::string& dicomDirPath)
{
    std::vector<std::string> files;
    std::string problem;
    try {
        files = readDicomDirReferences(dicomDirPath);
        if (files.empty()) {
            problem = "it references no existing file";
        }
    } catch (const std::exception& error) {
        problem = error.what();
    }
    if (!problem.empty()) {
        emitFile(dicomDirPath, "DICOMDIR not usable (" + problem + "); its folder was scanned instead");
        return false;
    }
    for (const std::string& file : files) {
        if (m_stopRequested) {
            break;
        }
        emitFile(file);
    }
    return true;
}

void FolderScanner::emitFile(const std::string& filePath, std::string skipReason, bool givenExplicitly)
{
    struct stat status { };
    if (::stat(filePath.c_str(), &status) != 0 || !S_ISREG(status.st_mode)) {
        return;
    }
    ScannedFile file;
    file.filePath = filePath;
    file.sizeBytes = static_cast<std::int64_t>(status.st_size);
    file.modifiedNs = static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1000000000LL + status.st_mtim.tv_nsec;
    file.isVolumeFile = VolumeFileHeaderReader::isVolumeFile(filePath);
    file.skipReason = std::move(skipReason);
    file.givenExplicitly = givenExplicitly;
    m_onFile(std::move(file));
}

} // namespace radmark::storage
