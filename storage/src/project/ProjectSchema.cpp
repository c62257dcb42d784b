#include "project/ProjectSchema.h"

#include "project/LabelAuditMigration.h"
#include "project/LabelReviewMigration.h"
#include "project/TeamMigration.h"
#include "saliency/SaliencySchema.h"

namespace radmark::storage {

namespace {

SchemaMigration initialSchema()
{
    SchemaMigration migration;
    migration.version = 1;
    migration.description = "patients, studies, series, instances, skipped files, project metadata";
    migration.statements = {
        R"(CREATE TABLE project_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL) WITHOUT ROWID)",
        // patient_key is the Patient ID, or the name when the ID is empty, so that anonymous
        // patients do not collapse into one.
        R"(CREATE TABLE patients (
            id INTEGER PRIMARY KEY,
            patient_key TEXT NOT NULL UNIQUE,
            patient_id TEXT NOT NULL,
            patient_name TEXT NOT NULL DEFAULT '',
            patient_sex TEXT NOT NULL DEFAULT '',
            patient_birth_date TEXT NOT NULL DEFAULT ''))",
        R"(CREATE TABLE studies (
            id INTEGER PRIMARY KEY,
            study_uid TEXT NOT NULL UNIQUE,
            patient_ref INTEGER NOT NULL REFERENCES patients(id),
            accession_number TEXT NOT NULL DEFAULT '',
            study_date TEXT NOT NULL DEFAULT '',
            study_time TEXT NOT NULL DEFAULT '',
            study_description TEXT NOT NULL DEFAULT ''))",
        "CREATE INDEX studies_patient ON studies(patient_ref)",
        R"(CREATE TABLE series (
            id INTEGER PRIMARY KEY,
            series_uid TEXT NOT NULL UNIQUE,
            study_ref INTEGER NOT NULL REFERENCES studies(id),
            modality TEXT NOT NULL DEFAULT '',
            series_number INTEGER,
            series_description TEXT NOT NULL DEFAULT '',
            from_volume_file INTEGER NOT NULL DEFAULT 0))",
        "CREATE INDEX series_study ON series(study_ref)",
        // Keyed by an integer id, not the SOP Instance UID: an empty or shared UID is kept and flagged.
        R"(CREATE TABLE instances (
            id INTEGER PRIMARY KEY,
            series_ref INTEGER NOT NULL REFERENCES series(id),
            file_path TEXT NOT NULL UNIQUE,
            file_size_bytes INTEGER NOT NULL,
            file_modified_ns INTEGER NOT NULL,
            source_kind INTEGER NOT NULL,
            sop_class_uid TEXT NOT NULL,
            sop_instance_uid TEXT NOT NULL,
            series_instance_uid TEXT NOT NULL,
            study_instance_uid TEXT NOT NULL,
            frame_of_reference_uid TEXT NOT NULL,
            patient_id TEXT NOT NULL,
            patient_name TEXT NOT NULL,
            patient_sex TEXT NOT NULL,
            patient_birth_date TEXT NOT NULL,
            patient_age TEXT NOT NULL,
            accession_number TEXT NOT NULL,
            study_date TEXT NOT NULL,
            study_time TEXT NOT NULL,
            study_description TEXT NOT NULL,
            series_description TEXT NOT NULL,
            modality TEXT NOT NULL,
            series_number INTEGER,
            instance_number INTEGER,
            manufacturer TEXT NOT NULL,
            manufacturer_model_name TEXT NOT NULL,
            institution_name TEXT NOT NULL,
            station_name TEXT NOT NULL,
            acquisition_date TEXT NOT NULL,
            acquisition_time TEXT NOT NULL,
            body_part_examined TEXT NOT NULL,
            rows_px INTEGER NOT NULL,
            columns_px INTEGER NOT NULL,
            number_of_frames INTEGER NOT NULL,
            pixel_spacing_row_mm REAL,
            pixel_spacing_column_mm REAL,
            slice_thickness_mm REAL,
            image_position_patient TEXT NOT NULL,
            image_orientation_patient TEXT NOT NULL,
            window_centers TEXT NOT NULL,
            window_widths TEXT NOT NULL,
            rescale_slope REAL NOT NULL,
            rescale_intercept REAL NOT NULL,
            photometric_interpretation TEXT NOT NULL,
            samples_per_pixel INTEGER NOT NULL,
            bits_allocated INTEGER NOT NULL,
            bits_stored INTEGER NOT NULL,
            pixel_representation INTEGER NOT NULL,
            transfer_syntax_uid TEXT NOT NULL,
            burned_in_annotation TEXT NOT NULL,
            image_type TEXT NOT NULL,
            flags TEXT NOT NULL))",
        "CREATE INDEX instances_series_path ON instances(series_ref, file_path)",
        "CREATE INDEX instances_sop_instance_uid ON instances(sop_instance_uid)",
        R"(CREATE TABLE skipped_files (
            id INTEGER PRIMARY KEY,
            file_path TEXT NOT NULL UNIQUE,
            reason TEXT NOT NULL,
            file_size_bytes INTEGER NOT NULL,
            file_modified_ns INTEGER NOT NULL))",
    };
    return migration;
}

SchemaMigration lesionMarks()
{
    SchemaMigration migration;
    migration.version = 2;
    migration.description = "lesion marks, their edit history, project settings";
    migration.statements = {
        // One row per annotation::LesionMark (see storage/src/marks/MarkRows.cpp for the encoding).
        // Coordinates are compact JSON arrays of numbers written in the shortest form that reads back
        // to the same double (std::to_chars), so a mark round-trips exactly:
        //   plane_lps_mm   [origin x,y,z, row direction x,y,z, column direction x,y,z] of the slice plane
        //   shape_px       recist [x11,y11,x12,y12,x21,y21,x22,y22] (long axis, then short axis, DeepLesion
        //                  order); line [x1,y1,x2,y2]; box2d / box3d [x1,y1,x2,y2]
        //   shape_lps_mm   the same points in patient LPS mm, 3 numbers per point (for a box its two
        //                  corners (x1,y1) and (x2,y2)); stored for RECIST, derived for the others
        // Slice indices are 0-based in the series' sorted order; box3d adds first/last_slice_index.
        R"(CREATE TABLE marks (
            mark_id TEXT PRIMARY KEY,
            series_uid TEXT NOT NULL,
            sop_instance_uid TEXT NOT NULL,
            frame_index INTEGER NOT NULL,
            slice_index INTEGER NOT NULL,
            pixel_spacing_column_mm REAL NOT NULL,
            pixel_spacing_row_mm REAL NOT NULL,
            plane_lps_mm TEXT NOT NULL,
            shape_kind TEXT NOT NULL CHECK (shape_kind IN ('recist', 'line', 'box2d', 'box3d')),
            shape_px TEXT NOT NULL,
            shape_lps_mm TEXT NOT NULL,
            first_slice_index INTEGER,
            last_slice_index INTEGER,
            lesion_type INTEGER NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            author_name TEXT NOT NULL,
            author_role TEXT NOT NULL CHECK (author_role IN ('trainee', 'radiologist', 'reviewer')),
            created_ms INTEGER NOT NULL,
            modified_ms INTEGER NOT NULL,
            derived_from_mark_id TEXT))",
        "CREATE INDEX marks_series_slice ON marks(series_uid, slice_index)",
        // Who did what, when: one row per executed, undone or redone command (a merged drag updates its
        // row). mark_ids is a JSON array of the touched mark ids.
        R"(CREATE TABLE mark_history (
            id INTEGER PRIMARY KEY,
            origin TEXT NOT NULL CHECK (origin IN ('execute', 'undo', 'redo')),
            command_kind TEXT NOT NULL,
            description TEXT NOT NULL,
            author_name TEXT NOT NULL,
            author_role TEXT NOT NULL,
            time_ms INTEGER NOT NULL,
            mark_ids TEXT NOT NULL))",
        "CREATE INDEX mark_history_time ON mark_history(time_ms)",
        // Keys: lesion_types (JSON [{"code":1,"name":"bone"},...]; absent: DeepLesion's coarse types),
        // default_author_name, default_author_role.
        R"(CREATE TABLE project_settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL) WITHOUT ROWID)",
    };
    return migration;
}

SchemaMigration reportsAndLabels()
{
    SchemaMigration migration;
    migration.version = 3;
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

} // namespace

const std::vector<SchemaMigration>& projectMigrations()
{
    static const std::vector<SchemaMigration> migrations { initialSchema(), lesionMarks(), reportsAndLabels(),
        saliencyMapsAndReviews(), labelReviewMigration(), labelAuditMigration(), teamMigration() };
    return migrations;
}

} // namespace radmark::storage
