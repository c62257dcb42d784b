#include "radmark/storage/project/ProjectBackup.h"

#include "project/ProjectFileCheck.h"
#include "project/ProjectWriterLock.h"
#include "project/RealProjectPath.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

namespace radmark::storage {

namespace {

namespace fs = std::filesystem;

// The half-written copy: removed unless released.
class PartialCopy {
public:
    explicit PartialCopy(std::string path)
        : m_path(std::move(path))
    {
    }
    ~PartialCopy()
    {
        if (m_database != nullptr) {
            sqlite3_close(m_database);
        }
        if (!m_released) {
            std::error_code error;
            for (const char* suffix : { "", "-journal", "-wal", "-shm" }) {
                fs::remove(m_path + suffix, error);
            }
        }
    }
    PartialCopy(const PartialCopy&) = delete;
    PartialCopy& operator=(const PartialCopy&) = delete;

    const std::string& path() const { return m_path; }
    sqlite3*& database() { return m_database; }
    void close()
    {
        sqlite3_close(m_database);
        m_database = nullptr;
    }
    void release() { m_released = true; }

private:
    std::string m_path;
    sqlite3* m_database = nullptr;
    bool m_released = false;
};

std::string sqliteMessage(sqlite3* database, int result)
{
    return database != nullptr ? sqlite3_errmsg(database) : sqlite3_errstr(result);
}

void execute(PartialCopy& copy, const char* sql, const std::string& destination)
{
    char* message = nullptr;
    if (sqlite3_exec(copy.database(), sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string reason = message != nullptr ? message : "unknown error";
        sqlite3_free(message);
        throw ProjectError(destination + ": cannot write the backup: " + reason);
    }
}

std::string integrityCheck(sqlite3* database)
{
    std::string result;
    sqlite3_exec(
        database, "PRAGMA integrity_check",
        [](void* target, int, char** values, char**) {
            auto& text = *static_cast<std::string*>(target);
            text += (text.empty() ? "" : "; ") + std::string(values[0] != nullptr ? values[0] : "");
            return 0;
        },
        &result, nullptr);
    return result;
}

void syncPath(const std::string& path, int flags)
{
    const int descriptor = ::open(path.c_str(), flags | O_CLOEXEC);
    if (descriptor >= 0) {
        (void)::fsync(descriptor);
        ::close(descriptor);
    }
}

} // namespace

ProjectBackupResult backupProject(const std::string& projectPath, const std::string& destinationPath, bool overwrite)
{
    if (destinationPath.empty()) {
        throw ProjectError("no backup destination given");
    }
    // Reading only: the writer lock stays with whoever writes; SQLite gives the backup one snapshot.
    const auto project = ProjectStore::open(projectPath, ProjectStore::OpenMode::ReadOnly);
    std::error_code error;
    fs::path destination = fs::absolute(destinationPath, error).lexically_normal();
    if (fs::is_directory(destination, error)) {
        destination /= fs::path(project->path()).filename();
    }
    const std::string target = destination.string();
    if (realProjectPath(target) == realProjectPath(project->path())) {
        throw ProjectError(target + ": is the project itself; give another destination");
    }
    const fs::path folder = destination.parent_path();
    if (!fs::is_directory(folder, error)) {
        throw ProjectError(target + ": cannot write the backup: the folder " + folder.string() + " does not exist");
    }
    if (fs::exists(fs::symlink_status(destination, error))) {
        if (!overwrite) {
            throw ProjectError(target + ": exists already (give --overwrite to replace it with the backup)");
        }
        if (!fs::is_regular_file(destination, error)) {
            throw ProjectError(target + ": is not a regular file; it is not replaced");
        }
        if (const std::string refusal = projectFileRefusal(target); !refusal.empty()) {
            throw ProjectError(target + ": is not replaced by the backup: " + refusal);
        }
    }
    // A project replaced by the backup must not be open for writing elsewhere, and its old -wal / -shm must go
    // with it (SQLite would otherwise replay the old project's pages into the copy).
    std::shared_ptr<ProjectWriterLock> destinationLock;
    if (fs::exists(destination, error)) {
        std::string refusal;
        destinationLock = ProjectWriterLock::acquire(target, refusal);
        if (!destinationLock) {
            throw ProjectError(target + ": is not replaced by the backup: " + refusal);
        }
    }

    std::string partialName = (folder / ("." + destination.filename().string() + ".partial-XXXXXX")).string();
    const int descriptor = ::mkstemp(partialName.data());
    if (descriptor < 0) {
        throw ProjectError(target + ": cannot write the backup in " + folder.string() + ": " + std::strerror(errno));
    }
    ::close(descriptor);
    PartialCopy copy(partialName);
    int result = sqlite3_open_v2(copy.path().c_str(), &copy.database(), SQLITE_OPEN_READWRITE, nullptr);
    if (result != SQLITE_OK) {
        throw ProjectError(target + ": cannot write the backup: " + sqliteMessage(copy.database(), result));
    }
    sqlite3_backup* backup = sqlite3_backup_init(copy.database(), "main", project->connection(), "main");
    if (backup == nullptr) {
        throw ProjectError(target + ": cannot start the backup: " + sqlite3_errmsg(copy.database()));
    }
    // All pages in one step, under one read transaction of the project: a consistent snapshot, while writers
    // (WAL mode) go on appending to the -wal file. Busy only while a writer checkpoints or recovers: retry.
    for (int attempt = 0;; ++attempt) {
        result = sqlite3_backup_step(backup, -1);
        if ((result != SQLITE_BUSY && result != SQLITE_LOCKED) || attempt >= 200) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    sqlite3_backup_finish(backup);
    if (result != SQLITE_DONE) {
        throw ProjectError(
            target + ": the backup failed: " + sqlite3_errstr(result) + " (" + sqlite3_errmsg(copy.database()) + ")");
    }
    // One self-contained file: a rollback journal instead of WAL until RadMark opens the copy for writing.
    execute(copy, "PRAGMA journal_mode = DELETE", target);
    const std::string integrity = integrityCheck(copy.database());
    if (integrity != "ok") {
        throw ProjectError(target + ": the backup failed its integrity check (" + integrity + "); nothing was written");
    }
    ProjectBackupResult summary;
    {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(copy.database(), "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK
            && sqlite3_step(statement) == SQLITE_ROW) {
            summary.schemaVersion = sqlite3_column_int(statement, 0);
        }
        sqlite3_finalize(statement);
    }
    copy.close();
    syncPath(copy.path(), O_RDONLY);
    if (destinationLock) {
        for (const char* suffix : { "-wal", "-shm", "-journal" }) {
            fs::remove(target + suffix, error);
        }
    }
    if (::rename(copy.path().c_str(), target.c_str()) != 0) {
        throw ProjectError(target + ": cannot put the backup in place: " + std::strerror(errno));
    }
    copy.release();
    syncPath(folder.string(), O_RDONLY | O_DIRECTORY);
    summary.destinationPath = target;
    summary.sizeBytes = static_cast<std::int64_t>(fs::file_size(target, error));
    return summary;
}

} // namespace radmark::storage
