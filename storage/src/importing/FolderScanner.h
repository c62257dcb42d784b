#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <system_error>
#include <unordered_set>
#include <utility>
#include <vector>

namespace radmark::storage {

// One file found by the scan, stat'ed.
struct ScannedFile {
    std::string filePath; // absolute
    std::int64_t sizeBytes = 0;
    std::int64_t modifiedNs = 0;
    bool isVolumeFile = false;
    // Set when the file must be recorded as skipped without reading it (e.g. a broken DICOMDIR).
    std::string skipReason;
    // A path the user gave that does not exist, or a folder that cannot be read: reported, never stored.
    bool missing = false;
    // Named directly in the paths given to the import (not found inside a folder).
    bool givenExplicitly = false;
};

// Walks files and folders: recursive, safe against symbolic-link loops (each real folder once), honours a
// DICOMDIR (only the files it references; the folder is scanned instead when it is unreadable), and leaves
// out the data files of volume headers (.raw of a .mhd, .img of a .hdr...).
class FolderScanner {
public:
    FolderScanner(std::function<void(ScannedFile&&)> onFile, const std::atomic<bool>& stopRequested);

    void scan(const std::vector<std::string>& paths);

private:
    void scanFolder(const std::string& folder);
    bool scanDicomDir(const std::string& dicomDirPath);
    void emitFile(const std::string& filePath, std::string skipReason = {}, bool givenExplicitly = false);
    void reportUnreadableFolder(const std::string& folder, const std::error_code& error);

    std::function<void(ScannedFile&&)> m_onFile;
    const std::atomic<bool>& m_stopRequested;
    // Folders seen, by device and inode (each real folder once, whatever the path or link it is reached by).
    struct FolderIdentityHash {
        std::size_t operator()(const std::pair<std::uint64_t, std::uint64_t>& identity) const
        {
            return std::hash<std::uint64_t> {}(identity.first * 0x9E3779B97F4A7C15ULL ^ identity.second);
        }
    };
    std::unordered_set<std::pair<std::uint64_t, std::uint64_t>, FolderIdentityHash> m_visitedFolders;
    std::unordered_set<std::string> m_dataFiles; // absolute paths of volume data files
};

} // namespace radmark::storage
