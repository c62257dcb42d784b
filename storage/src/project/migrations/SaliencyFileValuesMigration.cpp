#include "project/migrations/SaliencyFileValuesMigration.h"

namespace radmark::storage {

SchemaMigration saliencyFileValuesMigration()
{
    SchemaMigration migration;
    migration.version = saliencyFileValuesSchemaVersion;
    migration.description = "value summary (NaN/Inf, signs, range) of each saliency map file, stamped with the file";
    // A new, empty table: nothing is copied, so the upgrade takes the same time on any project. Rows are added when
    // a map is read through (shown, or its checks computed) and trusted only while the file keeps this size and
    // modification time.
    migration.statements = {
        R"(CREATE TABLE saliency_file_values (
            map_ref INTEGER PRIMARY KEY REFERENCES saliency_maps(id) ON DELETE CASCADE,
            file_size_bytes INTEGER NOT NULL,
            file_modified_ns INTEGER NOT NULL,
            nonfinite_count INTEGER NOT NULL,
            negative_count INTEGER NOT NULL,
            nonzero_count INTEGER NOT NULL,
            minimum REAL NOT NULL,
            maximum REAL NOT NULL
        ))",
    };
    return migration;
}

} // namespace radmark::storage
