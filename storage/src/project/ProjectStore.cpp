#include "radmark/storage/project/ProjectStore.h"

#include "project/ProjectFileCheck.h"
#include "project/ProjectSchema.h"
#include "project/ProjectWriterLock.h"
#include "project/SqliteStatement.h"
#include "radmark/storage/project/ProjectError.h"

#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>

namespace radmark::storage {

namespace fs = std::filesystem;

namespace {

std::string utcNowIso8601()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm parts {};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

// A URI so that SQLite reads a WAL project in a folder where it cannot create its -shm file.
std::string immutableUri(const std::string& path)
{
    std::string uri = "file:";
    for (const char character : path) {
        if (character == '%' || character == '?' || character == '#') {
            char escaped[4];
            std::snprintf(escaped, sizeof(escaped), "%%%02X", static_cast<unsigned char>(character));
            uri += escaped;
        } else {
            uri += character;
        }
    }
    return uri + "?immutable=1";
}

bool isWritable(const std::string& path)
{
    return ::access(path.c_str(), W_OK) == 0;
}

std::int64_t firstInteger(sqlite3* database, const char* sql, bool& ok)
{
    sqlite3_stmt* statement = nullptr;
    std::int64_t value = 0;
    ok = sqlite3_prepare_v2(database, sql, -1, &statement, nullptr) == SQLITE_OK
        && sqlite3_step(statement) == SQLITE_ROW;
    if (ok) {
        value = sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
    return value;
}

// Throws when an existing SQLite file has no RadMark schema marker; read errors are left to configureConnection,
// which names them.
void refuseForeignDatabase(sqlite3* database, const std::string& path)
{
    bool ok = false;
    const std::int64_t version = firstInteger(database, "PRAGMA user_version", ok);
    if (!ok || version != 0) {
        return;
    }
    const std::int64_t tables = firstInteger(database, "SELECT COUNT(*) FROM sqlite_master", ok);
    if (!ok) {
        return;
    }
    throw ProjectError(path
        + (tables == 0 ? ": not a RadMark project: an empty SQLite database without RadMark's "
                         "schema (RadMark creates a new project only at a path where no file exists)"
                       : ": not a RadMark project (an SQLite database with other tables)"));
}

std::string newerSchemaRefusal(const std::string& path, long long version, int current)
{
    return path + ": was written by a newer RadMark (schema " + std::to_string(version) + "; this build reads up to "
        + std::to_string(current) + ")";
}

} // namespace

int ProjectStore::currentSchemaVersion()
{
    return projectMigrations().back().version;
}

std::unique_ptr<ProjectStore> ProjectStore::open(const std::string& path, OpenMode mode)
{
    if (path.empty()) {
        throw ProjectError("no project file given");
    }
    std::error_code error;
    const std::string absolutePath = fs::absolute(path, error).lexically_normal().string();
    const fs::file_status status = fs::status(absolutePath, error);
    const bool exists = fs::exists(status);
    if (fs::is_directory(status)) {
        throw ProjectError(absolutePath + ": is a folder, not a RadMark project file");
    }
    if (!exists && mode != OpenMode::CreateIfMissing) {
        throw ProjectError(absolutePath + ": no such project file");
    }
    if (exists && ::access(absolutePath.c_str(), R_OK) != 0) {
        throw ProjectError(absolutePath + ": cannot be read (permission denied)");
    }
    if (exists) {
        // Before the lock file is made beside it and before SQLite could write to it.
        if (const std::string refusal = projectFileRefusal(absolutePath); !refusal.empty()) {
            throw ProjectError(absolutePath + ": " + refusal);
        }
        // A newer schema is refused before SQLite opens the file: opening would switch its journal mode and leave
        // -wal/-shm files beside it.
        if (const long long version = projectFileHeaderVersion(absolutePath); version > currentSchemaVersion()) {
            throw ProjectError(newerSchemaRefusal(absolutePath, version, currentSchemaVersion()));
        }
    }
    const std::string folder = fs::path(absolutePath).parent_path().string();
    if (!exists && !fs::is_directory(folder, error)) {
        throw ProjectError(absolutePath + ": cannot create the project: the folder " + folder + " does not exist");
    }

    std::string readOnlyReason;
    if (mode == OpenMode::ReadOnly) {
        readOnlyReason = "opened read-only";
    } else if (exists && !isWritable(absolutePath)) {
        readOnlyReason = "the file is not writable";
    } else if (!isWritable(folder)) {
        readOnlyReason = "its folder is not writable (SQLite needs to write a journal beside the file)";
        if (!exists) {
            throw ProjectError(absolutePath + ": cannot create the project: the folder " + folder + " is not writable");
        }
    }
    std::shared_ptr<ProjectWriterLock> writerLock;
    if (readOnlyReason.empty()) {
        std::string refusal;
        writerLock = ProjectWriterLock::acquire(absolutePath, refusal);
        if (!writerLock) {
            if (!exists) {
                throw ProjectError(absolutePath + ": cannot create the project: " + refusal);
            }
            readOnlyReason = refusal;
        }
    }
    const bool readOnly = !readOnlyReason.empty();
    // Refused below (not a project, a newer schema...): no lock file stays beside the user's file.
    AbandonLockUnlessKept abandonOnFailure(writerLock);

    sqlite3* database = nullptr;
    int result = SQLITE_OK;
    if (readOnly && !isWritable(folder) && !fs::exists(absolutePath + "-wal", error)) {
        result = sqlite3_open_v2(
            immutableUri(absolutePath).c_str(), &database, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    } else {
        int flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
        if (!readOnly && mode == OpenMode::CreateIfMissing) {
            flags |= SQLITE_OPEN_CREATE;
        }
        result = sqlite3_open_v2(absolutePath.c_str(), &database, flags, nullptr);
    }
    if (result != SQLITE_OK) {
        const std::string reason = database ? sqlite3_errmsg(database) : sqlite3_errstr(result);
        sqlite3_close(database);
        throw ProjectError(absolutePath + ": cannot open the project: " + reason);
    }
    std::unique_ptr<ProjectStore> store(new ProjectStore(absolutePath, database, readOnly));
    store->m_readOnlyReason = readOnlyReason;
    store->m_writerLock = std::move(writerLock);
    if (exists) {
        // Before anything is written (journal mode, schema): an SQLite file without RadMark's marker
        // (user_version) is never adopted as a project.
        refuseForeignDatabase(database, absolutePath);
    }
    store->configureConnection();
    store->migrate();
    abandonOnFailure.keep();
    return store;
}

ProjectStore::ProjectStore(std::string path, sqlite3* database, bool readOnly)
    : m_path(std::move(path))
    , m_database(database)
    , m_readOnly(readOnly)
{
}

ProjectStore::~ProjectStore()
{
    m_statements.clear();
    if (!m_readOnly) {
        // Moves every committed page from the -wal file into the project and empties the -wal, so that a closed
        // project is one file that can be copied or moved (SQLite does this itself only when no other
        // connection, of this or another process, has the project open). A reader in the middle of a query
        // makes this give up after a moment; the pages then stay in the -wal, where SQLite still finds them.
        sqlite3_busy_timeout(m_database, 250);
        sqlite3_exec(m_database, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    }
    sqlite3_close(m_database);
}

void ProjectStore::configureConnection()
{
    sqlite3_busy_timeout(m_database, 5000);
    int userVersion = 0;
    // The first read: a file that is not SQLite fails here.
    char* message = nullptr;
    const int result = sqlite3_exec(
        m_database, "PRAGMA user_version",
        [](void* target, int, char** values, char**) {
            *static_cast<int*>(target) = values[0] ? std::atoi(values[0]) : 0;
            return 0;
        },
        &userVersion, &message);
    if (result != SQLITE_OK) {
        const std::string reason = message ? message : sqlite3_errstr(result);
        sqlite3_free(message);
        if ((result & 0xff) == SQLITE_NOTADB || (result & 0xff) == SQLITE_CORRUPT) {
            throw ProjectError(
                m_path + ": not a RadMark project (" + reason + "; the file is damaged or of another kind)");
        }
        throw ProjectError(m_path + ": cannot read the project: " + reason);
    }
    if (userVersion > currentSchemaVersion()) {
        // (Committed pages in the -wal file hid it from the header check.) Before the journal mode is set.
        throw ProjectError(newerSchemaRefusal(m_path, userVersion, currentSchemaVersion()));
    }
    executeSql(m_database, m_path, "PRAGMA foreign_keys = ON");
    if (!m_readOnly) {
        // Checkpoints (the only syncs in WAL mode with synchronous=NORMAL) every 64 MB of changes instead of
        // every 4 MB, so that a large import is not bound by the disk's flush time.
        executeSql(m_database, m_path,
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 16384");
    }
    executeSql(m_database, m_path, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32000");
}

int ProjectStore::schemaVersion() const
{
    SqliteStatement query(m_database, m_path, "PRAGMA user_version");
    return query.step() ? query.integer(0) : 0;
}

void ProjectStore::migrate()
{
    const int version = schemaVersion();
    const int current = currentSchemaVersion();
    if (version > current) {
        throw ProjectError(newerSchemaRefusal(m_path, version, current));
    }
    if (version == current) {
        return;
    }
    if (version == 0) {
        SqliteStatement tables(m_database, m_path, "SELECT COUNT(*) FROM sqlite_master");
        if (tables.step() && tables.int64(0) > 0) {
            throw ProjectError(m_path + ": not a RadMark project (an SQLite database with other tables)");
        }
        if (m_readOnly) {
            throw ProjectError(
                m_path + ": not a RadMark project (an empty database, and it is read-only: " + m_readOnlyReason + ")");
        }
    } else if (m_readOnly) {
        throw ProjectError(m_path + ": uses project schema " + std::to_string(version) + " and must be upgraded to "
            + std::to_string(current) + ", but it is read-only (" + m_readOnlyReason + ")");
    }
    for (const SchemaMigration& migration : projectMigrations()) {
        if (migration.version <= version) {
            continue;
        }
        SqliteTransaction transaction(m_database, m_path);
        bool alreadyApplied = false;
        if (!migration.alreadyAppliedQuery.empty()) {
            SqliteStatement check(m_database, m_path, migration.alreadyAppliedQuery);
            alreadyApplied = check.step() && check.int64(0) != 0;
        }
        for (const std::string& sql : migration.statements) {
            if (!alreadyApplied) {
                executeSql(m_database, m_path, sql);
            }
        }
        if (migration.version == 1) {
            SqliteStatement insert(m_database, m_path, "INSERT INTO project_meta(key, value) VALUES (?, ?)");
            const std::string createdAt = utcNowIso8601();
            const std::string radmarkVersion = RADMARK_VERSION;
            insert.bindText(1, "created_at");
            insert.bind(2, createdAt);
            insert.run();
            insert.reset();
            insert.bindText(1, "radmark_version");
            insert.bind(2, radmarkVersion);
            insert.run();
        }
        executeSql(m_database, m_path, "PRAGMA user_version = " + std::to_string(migration.version));
        transaction.commit();
    }
}

std::string ProjectStore::metaValue(const std::string& key) const
{
    static constexpr char sql[] = "SELECT value FROM project_meta WHERE key = ?";
    SqliteStatement& query = statement(sql);
    query.bind(1, key);
    std::string value = query.step() ? query.text(0) : std::string {};
    query.reset();
    return value;
}

void ProjectStore::requireWritable(const std::string& action) const
{
    if (m_readOnly) {
        throw ProjectError(
            m_path + ": cannot " + action + ": the project is open read-only (" + m_readOnlyReason + ")");
    }
}

SqliteStatement& ProjectStore::statement(const char* sql) const
{
    auto found = m_statements.find(sql);
    if (found == m_statements.end()) {
        found = m_statements.emplace(sql, std::make_unique<SqliteStatement>(m_database, m_path, sql)).first;
    }
    return found->second->reset();
}

} // namespace radmark::storage
