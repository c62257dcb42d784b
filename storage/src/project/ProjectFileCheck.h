#pragma once

#include <string>

namespace radmark::storage {

// Why the existing file at `path` cannot be a RadMark project, judged from its first bytes before SQLite touches
// it (SQLite would silently turn an empty or foreign file into a new database); empty when it starts as an
// SQLite database does. RadMark creates a project only where no file exists yet; the schema marker itself
// (PRAGMA user_version and RadMark's tables) is checked once SQLite has read the file, because committed pages
// may still sit in the `-wal` file beside it.
std::string projectFileRefusal(const std::string& path);

// The schema version (PRAGMA user_version) in the SQLite header of the file at `path`, read without SQLite, so
// that a file of a newer schema is refused before anything (journal mode, -wal/-shm files) is written beside or
// into it; -1 when it cannot be told from the header (unreadable, not SQLite, or committed pages in the -wal).
long long projectFileHeaderVersion(const std::string& path);

} // namespace radmark::storage
