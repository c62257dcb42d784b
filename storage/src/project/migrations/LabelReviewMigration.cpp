#include "project/migrations/LabelReviewMigration.h"

namespace radmark::storage {

SchemaMigration labelReviewMigration()
{
    SchemaMigration migration;
    migration.version = labelReviewSchemaVersion;
    migration.description = "label schema kept in the project (revisions), choice and undo of label decisions";
    migration.statements = {
        // One row per distinct schema text the project has used; the highest revision is current.
        // schema_version is the file format "version" the JSON declares; revision counts the texts stored.
        R"(CREATE TABLE label_schemas (
            revision INTEGER PRIMARY KEY,
            schema_name TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            json_text TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            author_name TEXT NOT NULL DEFAULT '',
            stored_ms INTEGER NOT NULL))",
        // A Choice label's decided option (value NULL then).
        "ALTER TABLE label_decisions ADD COLUMN choice TEXT NOT NULL DEFAULT ''",
        // Undo of a decision keeps its row and stamps who undid it when: the audit trail stays whole.
        // Redo writes a new row. Only rows with undone_ms NULL count.
        "ALTER TABLE label_decisions ADD COLUMN undone_ms INTEGER",
        "ALTER TABLE label_decisions ADD COLUMN undone_by TEXT NOT NULL DEFAULT ''",
    };
    return migration;
}

} // namespace radmark::storage
