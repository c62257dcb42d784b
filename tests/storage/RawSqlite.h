#pragma once

// Plain SQLite calls for tests that look at a project file below the store (upgrades, stored forms).

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>

namespace radmark::testing {

inline void exec(sqlite3* database, const std::string& sql)
{
    char* message = nullptr;
    const int result = sqlite3_exec(database, sql.c_str(), nullptr, nullptr, &message);
    INFO(sql);
    INFO((message ? message : ""));
    sqlite3_free(message);
    REQUIRE(result == SQLITE_OK);
}

// The first column of each row of a query, as text ("NULL" for NULL), joined by '|'.
inline std::string column(sqlite3* database, const std::string& sql)
{
    sqlite3_stmt* statement = nullptr;
    INFO(sql);
    REQUIRE(sqlite3_prepare_v2(database, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::string text;
    bool first = true;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        text += first ? "" : "|";
        first = false;
        const unsigned char* value = sqlite3_column_text(statement, 0);
        text += value ? reinterpret_cast<const char*>(value) : "NULL";
    }
    sqlite3_finalize(statement);
    return text;
}

} // namespace radmark::testing
