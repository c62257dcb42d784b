#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace radmark::storage {

// Throws ProjectError "<file>: <what>: <sqlite message>".
[[noreturn]] void throwSqliteError(sqlite3* database, const std::string& filePath, const std::string& what);

// One prepared statement. Parameters are 1-based, columns 0-based (as in SQLite).
class SqliteStatement {
public:
    SqliteStatement(sqlite3* database, const std::string& filePath, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    SqliteStatement& reset();
    void bind(int index, std::int64_t value);
    void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
    void bind(int index, double value);
    // Binds without a copy (SQLITE_STATIC): the string must outlive the statement's run, so a temporary is refused.
    void bind(int index, const std::string& value);
    void bind(int index, std::string&& value) = delete;
    void bind(int index, const std::string&& value) = delete;
    // The text the view shows, kept alive by the caller until the statement has run.
    void bindText(int index, std::string_view value);
    void bind(int index, const std::optional<double>& value);
    void bind(int index, const std::optional<int>& value);
    void bindNull(int index);

    // True while a row is available; false when done. Throws on error.
    bool step();
    // Runs a statement that returns no rows (or ignores them).
    void run();
    // After run(): the rowid of the row the connection inserted last, and the rows the statement changed.
    std::int64_t insertedRowId() const;
    int changedRows() const;

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    int integer(int column) const { return static_cast<int>(int64(column)); }
    double real(int column) const;
    std::string text(int column) const;
    // The text without a copy: valid until the next step, reset or read of the same column as another type.
    std::string_view textView(int column) const;
    std::optional<double> optionalReal(int column) const;
    std::optional<int> optionalInteger(int column) const;

private:
    sqlite3* m_database;
    const std::string& m_filePath;
    sqlite3_stmt* m_statement = nullptr;
};

// Every result row as readRow(query) makes it; the statement is reset after the last.
template <typename ReadRow>
auto readRows(SqliteStatement& query, ReadRow readRow) -> std::vector<decltype(readRow(query))>
{
    std::vector<decltype(readRow(query))> rows;
    while (query.step()) {
        rows.push_back(readRow(query));
    }
    query.reset();
    return rows;
}

// The first result row as readRow(query) makes it, empty when there is none; the statement is reset.
template <typename ReadRow>
auto readFirstRow(SqliteStatement& query, ReadRow readRow) -> std::optional<decltype(readRow(query))>
{
    std::optional<decltype(readRow(query))> row;
    if (query.step()) {
        row = readRow(query);
    }
    query.reset();
    return row;
}

// BEGIN IMMEDIATE on construction; rolls back in the destructor unless commit() was called.
class SqliteTransaction {
public:
    SqliteTransaction(sqlite3* database, const std::string& filePath);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;

    void commit();

private:
    sqlite3* m_database;
    const std::string& m_filePath;
    bool m_finished = false;
};

// Runs SQL without results (several statements allowed).
void executeSql(sqlite3* database, const std::string& filePath, const std::string& sql);

} // namespace radmark::storage
