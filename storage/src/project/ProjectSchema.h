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
};

const std::vector<SchemaMigration>& projectMigrations();

} // namespace radmark::storage
