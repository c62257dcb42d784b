#include "project/SqliteStatement.h"

#include "radmark/storage/project/ProjectError.h"

#include <sqlite3.h>

namespace radmark::storage {

void throwSqliteError(sqlite3* database, const std::string& filePath, const std::string& what)
{
    const int code = sqlite3_extended_errcode(database);
    std::string reason = sqlite3_errmsg(database);
    if ((code & 0xff) == SQLITE_READONLY) {
        reason += " (the project is read-only: check the file's and its folder's permissions)";
    }
    throw ProjectError(filePath + ": " + what + ": " + reason);
}

SqliteStatement::SqliteStatement(sqlite3* database, const std::string& filePath, std::string_view sql)
    : m_database(database)
    , m_filePath(filePath)
{
    if (sqlite3_prepare_v3(
            database, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr)
        != SQLITE_OK) {
        throwSqliteError(database, filePath, "cannot prepare a query");
    }
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

SqliteStatement& SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    return *this;
}

void SqliteStatement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

void SqliteStatement::bind(int index, double value)
{
    sqlite3_bind_double(m_statement, index, value);
}

void SqliteStatement::bind(int index, const std::string& value)
{
    // SQLITE_STATIC: callers keep the strings alive until the statement has run.
    sqlite3_bind_text(m_statement, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
}

void SqliteStatement::bindText(int index, std::string_view value)
{
    // SQLITE_STATIC as above; an empty view may have no data, and a null pointer would bind NULL.
    sqlite3_bind_text(
        m_statement, index, value.data() != nullptr ? value.data() : "", static_cast<int>(value.size()), SQLITE_STATIC);
}

void SqliteStatement::bind(int index, const std::optional<double>& value)
{
    if (value) {
        bind(index, *value);
    } else {
        bindNull(index);
    }
}

void SqliteStatement::bind(int index, const std::optional<int>& value)
{
    if (value) {
        bind(index, *value);
    } else {
        bindNull(index);
    }
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

bool SqliteStatement::step()
{
    const int result = sqlite3_step(m_statement);
    if (result == SQLITE_ROW) {
        return true;
    }
    if (result == SQLITE_DONE) {
        return false;
    }
    const std::string sql = sqlite3_sql(m_statement);
    sqlite3_reset(m_statement);
    throwSqliteError(m_database, m_filePath, "query failed (" + sql.substr(0, 60) + ")");
}

void SqliteStatement::run()
{
    while (step()) { }
}

std::int64_t SqliteStatement::insertedRowId() const
{
    return sqlite3_last_insert_rowid(m_database);
}

int SqliteStatement::changedRows() const
{
    return sqlite3_changes(m_database);
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

double SqliteStatement::real(int column) const
{
    return sqlite3_column_double(m_statement, column);
}

std::string SqliteStatement::text(int column) const
{
    const auto* characters = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return characters ? std::string(characters, static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column)))
                      : std::string {};
}

std::string_view SqliteStatement::textView(int column) const
{
    const auto* characters = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return characters
        ? std::string_view(characters, static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column)))
        : std::string_view {};
}

std::optional<double> SqliteStatement::optionalReal(int column) const
{
    return isNull(column) ? std::nullopt : std::optional<double>(real(column));
}

std::optional<int> SqliteStatement::optionalInteger(int column) const
{
    return isNull(column) ? std::nullopt : std::optional<int>(integer(column));
}

SqliteTransaction::SqliteTransaction(sqlite3* database, const std::string& filePath)
    : m_database(database)
    , m_filePath(filePath)
{
    executeSql(database, filePath, "BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction()
{
    if (!m_finished) {
        sqlite3_exec(m_database, "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void SqliteTransaction::commit()
{
    executeSql(m_database, m_filePath, "COMMIT");
    m_finished = true;
}

void executeSql(sqlite3* database, const std::string& filePath, const std::string& sql)
{
    char* message = nullptr;
    if (sqlite3_exec(database, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string reason = message ? message : "unknown error";
        sqlite3_free(message);
        const bool readOnly = (sqlite3_extended_errcode(database) & 0xff) == SQLITE_READONLY;
        const std::string shownSql = sql.size() > 60 ? sql.substr(0, 60) + "..." : sql;
        throw ProjectError(
            filePath + ": " + shownSql + " failed: " + reason + (readOnly ? " (the project is read-only)" : ""));
    }
}

} // namespace radmark::storage
