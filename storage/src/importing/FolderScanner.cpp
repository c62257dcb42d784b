#include "importing/FolderScanner.h"

#include "importing/DicomDirReader.h"
#include "importing/VolumeFileHeaderReader.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

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

namespace {

// An open folder, closed at the end of the scope.
class OpenFolder {
public:
    explicit OpenFolder(const std::string& path)
    {
        const int descriptor = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (descriptor < 0) {
            m_error = errno;
            return;
        }
        m_stream = ::fdopendir(descriptor);
        if (m_stream == nullptr) {
            m_error = errno;
            ::close(descriptor);
        }
    }
    ~OpenFolder()
    {
        if (m_stream != nullptr) {
            ::closedir(m_stream);
        }
    }
    OpenFolder(const OpenFolder&) = delete;
    OpenFolder& operator=(const OpenFolder&) = delete;

    DIR* stream() const { return m_stream; }
    int descriptor() const { return ::dirfd(m_stream); }
    int error() const { return m_error; }

private:
    DIR* m_stream = nullptr;
    int m_error = 0;
};

std::int64_t modifiedNsOf(const struct stat& status)
{
    return static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1000000000LL + status.st_mtim.tv_nsec;
}

} // namespace

void FolderScanner::scanFolder(const std::string& root)
{
    // A file of a folder, stat'ed relative to the folder while it is listed (no path walk per file).
    struct ListedFile {
        std::string path;
        std::int64_t sizeBytes;
        std::int64_t modifiedNs;
    };
    std::vector<std::string> pending { root };
    std::vector<ListedFile> files;
    std::vector<std::string> subfolders;
    while (!pending.empty() && !m_stopRequested) {
        const std::string folder = std::move(pending.back());
        pending.pop_back();
        const OpenFolder opened(folder);
        if (opened.stream() == nullptr) {
            if (opened.error() != ENOENT && opened.error() != ENOTDIR) {
                // An unreadable folder (no permission, I/O error) is reported, never passed over in silence.
                reportUnreadableFolder(folder, std::error_code(opened.error(), std::generic_category()));
            }
            continue; // or it vanished since it was listed
        }
        struct stat folderStatus { };
        if (::fstat(opened.descriptor(), &folderStatus) != 0
            || !m_visitedFolders.insert({ folderStatus.st_dev, folderStatus.st_ino }).second) {
            continue; // already seen through another path (symbolic-link loop)
        }
        files.clear();
        subfolders.clear();
        std::string dicomDir;
        const std::string prefix = folder.back() == '/' ? folder : folder + '/';
        std::error_code error;
        while (true) {
            errno = 0;
            const dirent* entry = ::readdir(opened.stream());
            if (entry == nullptr) {
                if (errno != 0) {
                    error = std::error_code(errno, std::generic_category());
                }
                break;
            }
            const char* name = entry->d_name;
            if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) {
                continue;
            }
            // The folder's listing gives the type of most entries; links (and file systems that do not say) are
            // stat'ed, following the link as the scan always did.
            bool isFolder = entry->d_type == DT_DIR;
            bool isFile = entry->d_type == DT_REG;
            struct stat status { };
            bool statted = false;
            if (isFile || entry->d_type == DT_LNK || entry->d_type == DT_UNKNOWN) {
                if (::fstatat(opened.descriptor(), name, &status, 0) != 0) {
                    continue; // a broken link, or gone since listed
                }
                statted = true;
                isFolder = S_ISDIR(status.st_mode);
                isFile = S_ISREG(status.st_mode);
            }
            if (isFolder) {
                subfolders.push_back(prefix + name);
            } else if (isFile && statted) {
                if (isDicomDirName(name)) {
                    dicomDir = prefix + name;
                } else {
                    files.push_back(
                        ListedFile { prefix + name, static_cast<std::int64_t>(status.st_size), modifiedNsOf(status) });
                }
            }
            // Sockets, pipes and broken links are left out: opening a pipe would block.
        }
        if (error) {
            // An unreadable folder (I/O error while listing) is reported, never passed over in silence; what
            // was listed before the error is still imported.
            reportUnreadableFolder(folder, error);
        }
        if (!dicomDir.empty() && scanDicomDir(dicomDir)) {
            continue;
        }
        for (const ListedFile& file : files) {
            if (VolumeFileHeaderReader::isVolumeFile(file.path)) {
                for (std::string& dataFile : VolumeFileHeaderReader::dataFilesOf(file.path)) {
                    m_dataFiles.insert(std::move(dataFile));
                }
            }
        }
        for (ListedFile& listed : files) {
            if (m_stopRequested) {
                return;
            }
            if (!m_dataFiles.empty() && m_dataFiles.count(listed.path) != 0) {
                continue;
            }
            ScannedFile file;
            file.isVolumeFile = VolumeFileHeaderReader::isVolumeFile(listed.path);
            file.filePath = std::move(listed.path);
            file.sizeBytes = listed.sizeBytes;
            file.modifiedNs = listed.modifiedNs;
            m_onFile(std::move(file));
        }
        // Reverse so that folders come out in directory order from the stack.
        pending.insert(
            pending.end(), std::make_move_iterator(subfolders.rbegin()), std::make_move_iterator(subfolders.rend()));
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
    file.modifiedNs = modifiedNsOf(status);
    file.isVolumeFile = VolumeFileHeaderReader::isVolumeFile(filePath);
    file.skipReason = std::move(skipReason);
    file.givenExplicitly = givenExplicitly;
    m_onFile(std::move(file));
}

} // namespace radmark::storage
