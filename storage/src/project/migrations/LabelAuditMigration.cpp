#include "project/migrations/LabelAuditMigration.h"

namespace radmark::storage {

SchemaMigration labelAuditMigration()
{
    SchemaMigration migration;
    migration.version = labelAuditSchemaVersion;
    migration.description = "audit samples of the labeller's proposals and the decisions made in audit mode";
    migration.statements = {
        // One row per draw: the seed and the size asked for make it reproducible; eligible_studies is how many
        // studies had proposals and no human decision when it was drawn (the population the estimates speak of).
        R"(CREATE TABLE audit_samples (
            id INTEGER PRIMARY KEY,
            seed INTEGER NOT NULL,
            requested_size INTEGER NOT NULL,
            eligible_studies INTEGER NOT NULL,
            strata INTEGER NOT NULL,
            label_names TEXT NOT NULL DEFAULT '',
            author_name TEXT NOT NULL DEFAULT '',
            drawn_ms INTEGER NOT NULL))",
        // The drawn studies in the order the reviewer is given them; stratum is the proposed values they were
        // stratified by. A study is in at most one sample.
        R"(CREATE TABLE audit_sample_studies (
            sample_ref INTEGER NOT NULL REFERENCES audit_samples(id) ON DELETE CASCADE,
            study_ref INTEGER NOT NULL UNIQUE REFERENCES studies(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            stratum TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (sample_ref, position)))",
        // A decision made in audit mode names its sample; NULL for every other decision. Only audit-mode decisions
        // count for the measured accuracy (the reviewer did not choose those studies).
        "ALTER TABLE label_decisions ADD COLUMN audit_sample_ref INTEGER REFERENCES audit_samples(id)",
    };
    return migration;
}

} // namespace radmark::storage
