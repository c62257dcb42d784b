#pragma once

// Team assignments written straight into a project (schema 7 tables), for tests that need a team project
// without running `radmark team split`.
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

namespace radmark::testing {

inline void executeSql(storage::ProjectStore& project, const std::string& sql)
{
    char* error = nullptr;
    const int result = sqlite3_exec(project.connection(), sql.c_str(), nullptr, nullptr, &error);
    INFO(sql << ": " << (error != nullptr ? error : ""));
    sqlite3_free(error);
    REQUIRE(result == SQLITE_OK);
}

// Assigns every study to every annotator (created when new); doubleRead marks the rows double_read = 1.
inline void assignStudies(storage::ProjectStore& project, const std::vector<std::int64_t>& studyIds,
    const std::vector<std::string>& annotators, bool doubleRead)
{
    for (const std::string& name : annotators) {
        executeSql(project, "INSERT OR IGNORE INTO team_annotators(name, added_ms) VALUES ('" + name + "', 1)");
        int position = 0;
        for (std::int64_t study : studyIds) {
            executeSql(project,
                "INSERT INTO team_assignments(study_ref, annotator_ref, double_read, position) "
                "SELECT "
                    + std::to_string(study) + ", id, " + (doubleRead ? "1" : "0") + ", " + std::to_string(position++)
                    + " FROM team_annotators WHERE name = '" + name + "'");
        }
    }
}

} // namespace radmark::testing
