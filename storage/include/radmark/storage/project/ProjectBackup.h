#pragma once

#include <cstdint>
#include <string>

namespace radmark::storage {

struct ProjectBackupResult {
    std::string destinationPath; // absolute; a folder given as destination gets the project's file name in it
    std::int64_t sizeBytes = 0;
    int schemaVersion = 0;
};

// A consistent copy of a project in one file, made with SQLite's online backup API: it is taken from one
// snapshot (pages still in the project's -wal file included) while other RadMark processes go on writing, is
// checked with PRAGMA integrity_check, written beside the destination under a hidden name and renamed into place
// only when complete. An existing destination is refused unless `overwrite`, and even then only a RadMark
// project is replaced (never another kind of file, never the project itself). Throws ProjectError naming the
// file and the reason.
ProjectBackupResult backupProject(const std::string& projectPath, const std::string& destinationPath, bool overwrite);

} // namespace radmark::storage
