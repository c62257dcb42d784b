#include "project/TeamMigration.h"

namespace radmark::storage {

SchemaMigration teamMigration()
{
    SchemaMigration migration;
    migration.version = teamSchemaVersion;
    migration.description = "team labelling: team identity, annotators, study assignments, merge provenance";
    migration.statements = {
        // At most one row: what this file is in a team. file_role 'team' for the team project (the one that was
        // split), 'annotator' for a file written by `radmark team split` for annotator_name. team_uuid is shared
        // by the team project and all its annotator files; file_uuid is this file's own (merge refuses a file of
        // another team and recognises an annotator file merged before by it).
        R"(CREATE TABLE team_identity (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            team_uuid TEXT NOT NULL,
            file_uuid TEXT NOT NULL,
            file_role TEXT NOT NULL CHECK (file_role IN ('team', 'annotator')),
            annotator_name TEXT NOT NULL DEFAULT '',
            created_ms INTEGER NOT NULL))",
        // The annotators of the team (the team project and, in an annotator file, its own annotator only).
        R"(CREATE TABLE team_annotators (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            file_uuid TEXT NOT NULL DEFAULT '',
            added_ms INTEGER NOT NULL))",
        // One row per `radmark team split` run: its parameters make it reproducible.
        R"(CREATE TABLE team_splits (
            id INTEGER PRIMARY KEY,
            seed INTEGER NOT NULL,
            double_read_fraction REAL NOT NULL,
            unit TEXT NOT NULL CHECK (unit IN ('study', 'patient')),
            annotators TEXT NOT NULL,
            out_dir TEXT NOT NULL DEFAULT '',
            split_ms INTEGER NOT NULL))",
        // Who reads which study. A double-read study has two rows (double_read = 1 on both). An annotator file
        // holds the rows of its own annotator only (its work list).
        R"(CREATE TABLE team_assignments (
            study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
            annotator_ref INTEGER NOT NULL REFERENCES team_annotators(id) ON DELETE CASCADE,
            split_ref INTEGER REFERENCES team_splits(id),
            double_read INTEGER NOT NULL DEFAULT 0 CHECK (double_read IN (0, 1)),
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (study_ref, annotator_ref)))",
        "CREATE INDEX team_assignments_annotator ON team_assignments(annotator_ref, position)",
        // One row per annotator file merged into the team project (re-merges too): which file (its uuid and
        // path), whose, when, and how many rows of each kind it brought in.
        R"(CREATE TABLE team_merges (
            id INTEGER PRIMARY KEY,
            annotator_ref INTEGER NOT NULL REFERENCES team_annotators(id),
            file_uuid TEXT NOT NULL,
            source_path TEXT NOT NULL,
            merged_ms INTEGER NOT NULL,
            marks_added INTEGER NOT NULL DEFAULT 0,
            marks_updated INTEGER NOT NULL DEFAULT 0,
            marks_removed INTEGER NOT NULL DEFAULT 0,
            mark_history_added INTEGER NOT NULL DEFAULT 0,
            decisions_added INTEGER NOT NULL DEFAULT 0,
            decisions_undone INTEGER NOT NULL DEFAULT 0,
            saliency_reviews_added INTEGER NOT NULL DEFAULT 0))",
        "CREATE INDEX team_merges_file ON team_merges(file_uuid)",
        // Merged rows keep their author, role and times; merge_ref names the merge that brought them in and
        // merge_source_id their row id in the annotator file (NULL for rows entered in this file). A mark keeps its
        // mark_id; merged_modified_ms is its modified_ms when merged (a later merge updates it only if nobody
        // edited it here since).
        "ALTER TABLE label_decisions ADD COLUMN merge_ref INTEGER REFERENCES team_merges(id)",
        "ALTER TABLE label_decisions ADD COLUMN merge_source_id INTEGER",
        "CREATE INDEX label_decisions_merge_source ON label_decisions(merge_source_id, merge_ref) "
        "WHERE merge_ref IS NOT NULL",
        "ALTER TABLE mark_history ADD COLUMN merge_ref INTEGER REFERENCES team_merges(id)",
        "ALTER TABLE mark_history ADD COLUMN merge_source_id INTEGER",
        "CREATE INDEX mark_history_merge_source ON mark_history(merge_source_id, merge_ref) WHERE merge_ref IS NOT "
        "NULL",
        "ALTER TABLE saliency_reviews ADD COLUMN merge_ref INTEGER REFERENCES team_merges(id)",
        "ALTER TABLE saliency_reviews ADD COLUMN merge_source_id INTEGER",
        "CREATE INDEX saliency_reviews_merge_source ON saliency_reviews(merge_source_id, merge_ref) "
        "WHERE merge_ref IS NOT NULL",
        "ALTER TABLE marks ADD COLUMN merge_ref INTEGER REFERENCES team_merges(id)",
        "ALTER TABLE marks ADD COLUMN merged_modified_ms INTEGER",
        // Reader by reader answers (the latest decision per study, label and author) need this order.
        "CREATE INDEX label_decisions_author ON label_decisions(study_ref, label_name, author_name, decided_ms)",
    };
    return migration;
}

} // namespace radmark::storage
