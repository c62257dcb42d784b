#include "project/migrations/InstanceUidStemsMigration.h"

#include "project/InstanceColumns.h"

#include <string>

namespace radmark::storage {

namespace {

// The columns instances keeps as they were (schema 10), besides id; sop_instance_uid and acquisition_time change.
constexpr char keptColumns[] = "series_ref, values_ref, folder_ref, file_name, file_size_bytes, file_modified_ns, "
                               "instance_number, number_of_frames, image_position_patient, window_centers, "
                               "window_widths, rescale_slope, rescale_intercept, flags";

std::string prefixed(const std::string& alias, const std::string& columns)
{
    std::string list;
    std::size_t start = 0;
    while (start < columns.size()) {
        std::size_t end = columns.find(',', start);
        end = end == std::string::npos ? columns.size() : end;
        list += (list.empty() ? "" : ", ") + alias + "." + columns.substr(start, end - start);
        start = columns.find_first_not_of(' ', end + 1);
        start = start == std::string::npos ? columns.size() : start;
    }
    return list;
}

} // namespace

SchemaMigration instanceUidStemsMigration()
{
    const std::string uid = "o.sop_instance_uid";
    const std::string stem = sopUidStemSql(uid);
    // InstanceColumns' SopUidParts in SQL: a UID that splits into stem and tail (checked to give the UID back, so that
    // nothing can be lost), and one whose stem is also the start of its series UID.
    const std::string valid = "(typeof(" + uid + ") = 'text' AND " + stem + " <> '' AND length(" + uid + ") > length("
        + stem + ") AND " + stem + " || substr(" + uid + ", length(" + stem + ") + 1) = " + uid + ")";
    const std::string sharedWithSeries
        = "(" + valid + " AND substr(v.series_instance_uid || '.', 1, length(" + stem + ")) = " + stem + ")";
    // The stem's id when the UID is stored by it (every valid UID whose stem is in sop_uid_stems).
    const std::string stemId
        = "(CASE WHEN " + valid + " THEN (SELECT u.id FROM sop_uid_stems u WHERE u.stem = " + stem + ") END)";
    const std::string fromOldRows = " FROM instances o LEFT JOIN instance_series_values v ON v.id = o.values_ref";

    SchemaMigration migration;
    migration.version = instanceUidStemsSchemaVersion;
    migration.description = "SOP Instance UIDs by the stem they share with their series (sop_uid_stems), acquisition "
                            "times of digits as integers";
    // A file whose version number was set back after this migration ran (the layout is there already).
    migration.alreadyAppliedQuery
        = "SELECT COUNT(*) FROM pragma_table_info('instances') WHERE name = 'sop_uid_stem_ref'";
    migration.statements = {
        "CREATE TABLE sop_uid_stems (id INTEGER PRIMARY KEY, stem TEXT NOT NULL UNIQUE)",
        "INSERT INTO sop_uid_stems(stem) SELECT DISTINCT " + stem + fromOldRows + " WHERE " + sharedWithSeries
            + " ORDER BY 1",
        "DROP VIEW instance_records",

        // acquisition_time has no declared type: an integer code or the text as it was, each stored as given.
        R"(CREATE TABLE instances_stems (
            id INTEGER PRIMARY KEY,
            series_ref INTEGER NOT NULL REFERENCES series(id),
            values_ref INTEGER NOT NULL,
            folder_ref INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            file_size_bytes INTEGER NOT NULL,
            file_modified_ns INTEGER NOT NULL,
            sop_uid_stem_ref INTEGER,
            sop_uid_tail TEXT NOT NULL,
            instance_number INTEGER,
            acquisition_time NOT NULL,
            number_of_frames INTEGER NOT NULL,
            image_position_patient TEXT NOT NULL,
            window_centers TEXT NOT NULL,
            window_widths TEXT NOT NULL,
            rescale_slope REAL NOT NULL,
            rescale_intercept REAL NOT NULL,
            flags TEXT NOT NULL))",
        "INSERT INTO instances_stems(id, " + std::string(keptColumns)
            + ", sop_uid_stem_ref, sop_uid_tail, acquisition_time) SELECT o.id, " + prefixed("o", keptColumns)
            + ", o.stem_id, CASE WHEN o.stem_id IS NOT NULL THEN substr(" + uid + ", length(" + stem + ") + 1) ELSE "
            + uid + " END, " + dicomTimeCodeSql("o.acquisition_time") + " FROM (SELECT *, " + stemId
            + " AS stem_id FROM instances o) o ORDER BY o.id",
        "DROP TABLE instances",
        "ALTER TABLE instances_stems RENAME TO instances",
        // A file by its path; a series' files; a SOP Instance UID (the stem first: files of a series are written
        // together, so new entries go to the end of the index).
        "CREATE UNIQUE INDEX instances_file ON instances(folder_ref, file_name)",
        "CREATE INDEX instances_series ON instances(series_ref)",
        "CREATE INDEX instances_sop_uid ON instances(sop_uid_stem_ref, sop_uid_tail)",

        // The earlier 50 columns under their names, for reading (and for SQL written against the earlier table).
        "CREATE VIEW instance_records AS SELECT i.id AS id, i.series_ref AS series_ref, "
        "f.folder_path || i.file_name AS file_path, i.file_size_bytes AS file_size_bytes, "
        "i.file_modified_ns AS file_modified_ns, v.source_kind AS source_kind, "
        "v.sop_class_uid AS sop_class_uid, CASE WHEN i.sop_uid_stem_ref IS NULL THEN i.sop_uid_tail "
        "ELSE u.stem || i.sop_uid_tail END AS sop_instance_uid, "
        "v.series_instance_uid AS series_instance_uid, v.study_instance_uid AS study_instance_uid, "
        "v.frame_of_reference_uid AS frame_of_reference_uid, v.patient_id AS patient_id, "
        "v.patient_name AS patient_name, v.patient_sex AS patient_sex, "
        "v.patient_birth_date AS patient_birth_date, v.patient_age AS patient_age, "
        "v.accession_number AS accession_number, v.study_date AS study_date, "
        "v.study_time AS study_time, v.study_description AS study_description, "
        "v.series_description AS series_description, v.modality AS modality, "
        "v.series_number AS series_number, i.instance_number AS instance_number, "
        "v.manufacturer AS manufacturer, v.manufacturer_model_name AS manufacturer_model_name, "
        "v.institution_name AS institution_name, v.station_name AS station_name, "
        "v.acquisition_date AS acquisition_date, "
            + dicomTimeTextSql("i.acquisition_time")
            + " AS acquisition_time, "
              "v.body_part_examined AS body_part_examined, v.rows_px AS rows_px, v.columns_px AS columns_px, "
              "i.number_of_frames AS number_of_frames, v.pixel_spacing_row_mm AS pixel_spacing_row_mm, "
              "v.pixel_spacing_column_mm AS pixel_spacing_column_mm, "
              "v.slice_thickness_mm AS slice_thickness_mm, i.image_position_patient AS image_position_patient, "
              "v.image_orientation_patient AS image_orientation_patient, i.window_centers AS window_centers, "
              "i.window_widths AS window_widths, i.rescale_slope AS rescale_slope, "
              "i.rescale_intercept AS rescale_intercept, "
              "v.photometric_interpretation AS photometric_interpretation, "
              "v.samples_per_pixel AS samples_per_pixel, v.bits_allocated AS bits_allocated, "
              "v.bits_stored AS bits_stored, v.pixel_representation AS pixel_representation, "
              "v.transfer_syntax_uid AS transfer_syntax_uid, v.burned_in_annotation AS burned_in_annotation, "
              "v.image_type AS image_type, i.flags AS flags, i.values_ref AS values_ref, "
              "i.folder_ref AS folder_ref, i.file_name AS file_name "
              "FROM instances i JOIN instance_series_values v ON v.id = i.values_ref "
              "JOIN instance_folders f ON f.id = i.folder_ref LEFT JOIN sop_uid_stems u ON u.id = i.sop_uid_stem_ref",
    };
    return migration;
}

} // namespace radmark::storage
