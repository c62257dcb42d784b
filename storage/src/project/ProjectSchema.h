#pragma once

#include <string>
#include <vector>

namespace radmark::storage {

// Migration N takes a project from schema N-1 to N; it runs in one transaction with
// PRAGMA user_version = N. Append new migrations at the end; never edit a released one.
struct SchemaMigration {
    int version = 0;
    std::string description;
    std::vector<std::string> statements;
    // When not empty: a query whose first column is non-zero on a file that already has this version's layout
    // (statements that cannot be written to run twice, such as a table rebuild); the statements are then skipped.
    std::string alreadyAppliedQuery;
};

const std::vector<SchemaMigration>& projectMigrations();

} // namespace radmark::storage
