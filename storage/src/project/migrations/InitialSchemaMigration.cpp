#include "project/migrations/InitialSchemaMigration.h"

namespace radmark::storage {

SchemaMigration initialSchemaMigration()
{
    SchemaMigration migration;
    migration.version = initialSchemaVersion;
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

} // namespace radmark::storage
