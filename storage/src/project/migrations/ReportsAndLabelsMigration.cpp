#include "project/migrations/ReportsAndLabelsMigration.h"

namespace radmark::storage {

SchemaMigration reportsAndLabelsMigration()
{
    SchemaMigration migration;
    migration.version = reportsAndLabelsSchemaVersion;
    migration.description = "reports (full-text searchable), label proposals, human label decisions";
    migration.statements = {
        // One row per report. study_ref is NULL while no study has the key (accession number or Study
        // Instance UID, key_kind says which or 'either'); every import attaches such reports again.
        // source_row: the CSV line of the report (1 = header), 0 for a whole file (.txt, SR).
        R"(CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            study_ref INTEGER REFERENCES studies(id) ON DELETE SET NULL,
            match_key TEXT NOT NULL,
            key_kind TEXT NOT NULL CHECK (key_kind IN ('accession', 'study_uid', 'either')),
            source_path TEXT NOT NULL,
            source_kind TEXT NOT NULL CHECK (source_kind IN ('text', 'csv', 'sr')),
            source_row INTEGER NOT NULL DEFAULT 0,
            report_text TEXT NOT NULL,
            encoding_note TEXT NOT NULL DEFAULT '',
            imported_ms INTEGER NOT NULL,
            UNIQUE (source_path, source_row)))",
        "CREATE INDEX reports_study ON reports(study_ref)",
        "CREATE INDEX reports_unmatched_key ON reports(match_key) WHERE study_ref IS NULL",
        "CREATE INDEX studies_accession ON studies(accession_number)",
        // Full-text index of report_text (an external-content FTS5 table kept in step by triggers).
        "CREATE VIRTUAL TABLE reports_fts USING fts5(report_text, content='reports', content_rowid='id')",
        R"(CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN
            INSERT INTO reports_fts(rowid, report_text) VALUES (new.id, new.report_text); END)",
        R"(CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN
            INSERT INTO reports_fts(reports_fts, rowid, report_text) VALUES ('delete', old.id, old.report_text); END)",
        R"(CREATE TRIGGER reports_fts_update AFTER UPDATE OF report_text ON reports BEGIN
            INSERT INTO reports_fts(reports_fts, rowid, report_text) VALUES ('delete', old.id, old.report_text);
            INSERT INTO reports_fts(rowid, report_text) VALUES (new.id, new.report_text); END)",
        // Automatic labels: one row per study, schema and label; re-labelling replaces them.
        // value: 1 positive, 0 negative, -1 uncertain, NULL not mentioned; choice: a Choice label's option.
        R"(CREATE TABLE label_proposals (
            id INTEGER PRIMARY KEY,
            study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
            schema_name TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            label_name TEXT NOT NULL,
            value INTEGER CHECK (value IN (-1, 0, 1)),
            choice TEXT NOT NULL DEFAULT '',
            explanation TEXT NOT NULL DEFAULT '',
            computed_ms INTEGER NOT NULL,
            UNIQUE (study_ref, schema_name, label_name)))",
        // Human confirmations and changes, append-only; the latest per study and label counts.
        R"(CREATE TABLE label_decisions (
            id INTEGER PRIMARY KEY,
            study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
            label_name TEXT NOT NULL,
            value INTEGER CHECK (value IN (-1, 0, 1)),
            author_name TEXT NOT NULL,
            author_role TEXT NOT NULL CHECK (author_role IN ('trainee', 'radiologist', 'reviewer')),
            decided_ms INTEGER NOT NULL))",
        "CREATE INDEX label_decisions_study ON label_decisions(study_ref, label_name, decided_ms)",
    };
    return migration;
}

} // namespace radmark::storage
