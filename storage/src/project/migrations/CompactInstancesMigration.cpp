#include "project/migrations/CompactInstancesMigration.h"

namespace radmark::storage {

namespace {

// The columns of instance_series_values, in the order of its table.
constexpr char sharedColumns[]
    = "source_kind, sop_class_uid, series_instance_uid, study_instance_uid, frame_of_reference_uid, patient_id, "
      "patient_name, patient_sex, patient_birth_date, patient_age, accession_number, study_date, study_time, "
      "study_description, series_description, modality, series_number, manufacturer, manufacturer_model_name, "
      "institution_name, station_name, acquisition_date, body_part_examined, rows_px, columns_px, "
      "pixel_spacing_row_mm, pixel_spacing_column_mm, slice_thickness_mm, image_orientation_patient, "
      "photometric_interpretation, samples_per_pixel, bits_allocated, bits_stored, pixel_representation, "
      "transfer_syntax_uid, burned_in_annotation, image_type";

// The columns instances keeps of its earlier layout, besides id and series_ref.
constexpr char ownColumns[]
    = "file_size_bytes, file_modified_ns, sop_instance_uid, instance_number, acquisition_time, number_of_frames, "
      "image_position_patient, window_centers, window_widths, rescale_slope, rescale_intercept, flags";

// The folder of a path with its trailing '/' ('' when it has none): the path with everything after its last '/'
// trimmed (rtrim by the set of the path's other characters).
std::string folderOf(const std::string& path)
{
    return "rtrim(" + path + ", replace(" + path + ", '/', ''))";
}

// "v.source_kind IS o.source_kind AND ..." over sharedColumns (IS: NULL matches NULL).
std::string sameSharedValues()
{
    std::string condition;
    const std::string columns = sharedColumns;
    std::size_t start = 0;
    while (start < columns.size()) {
        std::size_t end = columns.find(',', start);
        end = end == std::string::npos ? columns.size() : end;
        const std::string name = columns.substr(start, end - start);
        condition += condition.empty() ? "" : " AND ";
        condition += "v." + name + " IS o." + name;
        start = columns.find_first_not_of(' ', end + 1);
        start = start == std::string::npos ? columns.size() : start;
    }
    return condition;
}

} // namespace

SchemaMigration compactInstancesMigration()
{
    SchemaMigration migration;
    migration.version = compactInstancesSchemaVersion;
    migration.description = "instances without their series' values and folders (instance_series_values, "
                            "instance_folders, view instance_records)";
    // A file whose version number was set back after this migration ran (the layout is there already).
    migration.alreadyAppliedQuery = "SELECT COUNT(*) FROM pragma_table_info('instances') WHERE name = 'folder_ref'";
    migration.statements = {
        // Every folder of a file once, with its trailing '/'.
        R"(CREATE TABLE instance_folders (
            id INTEGER PRIMARY KEY,
            folder_path TEXT NOT NULL UNIQUE))",
        "INSERT INTO instance_folders(folder_path) SELECT DISTINCT " + folderOf("file_path")
            + " FROM instances ORDER BY 1",

        // The values the files of a series share, once per distinct set (same column types as before, so the
        // values copied are the values stored).
        R"(CREATE TABLE instance_series_values (
            id INTEGER PRIMARY KEY, series_ref INTEGER NOT NULL REFERENCES series(id),
            source_kind INTEGER NOT NULL, sop_class_uid TEXT NOT NULL,
            series_instance_uid TEXT NOT NULL, study_instance_uid TEXT NOT NULL, frame_of_reference_uid TEXT NOT NULL,
            patient_id TEXT NOT NULL, patient_name TEXT NOT NULL, patient_sex TEXT NOT NULL,
            patient_birth_date TEXT NOT NULL, patient_age TEXT NOT NULL,
            accession_number TEXT NOT NULL, study_date TEXT NOT NULL, study_time TEXT NOT NULL,
            study_description TEXT NOT NULL,
            series_description TEXT NOT NULL, modality TEXT NOT NULL, series_number INTEGER,
            manufacturer TEXT NOT NULL, manufacturer_model_name TEXT NOT NULL, institution_name TEXT NOT NULL,
            station_name TEXT NOT NULL, acquisition_date TEXT NOT NULL, body_part_examined TEXT NOT NULL,
            rows_px INTEGER NOT NULL, columns_px INTEGER NOT NULL,
            pixel_spacing_row_mm REAL, pixel_spacing_column_mm REAL, slice_thickness_mm REAL,
            image_orientation_patient TEXT NOT NULL,
            photometric_interpretation TEXT NOT NULL, samples_per_pixel INTEGER NOT NULL,
            bits_allocated INTEGER NOT NULL, bits_stored INTEGER NOT NULL, pixel_representation INTEGER NOT NULL,
            transfer_syntax_uid TEXT NOT NULL, burned_in_annotation TEXT NOT NULL, image_type TEXT NOT NULL))",
        std::string("INSERT INTO instance_series_values(series_ref, ") + sharedColumns
            + ") SELECT DISTINCT series_ref, " + sharedColumns + " FROM instances ORDER BY series_ref",
        "CREATE INDEX instance_series_values_series ON instance_series_values(series_ref)",

        // The file's own values. values_ref and folder_ref are not declared as foreign keys: a key would make
        // every delete of a shared-values or folder row scan all instances (there is no index on them).
        R"(CREATE TABLE instances_compact (
            id INTEGER PRIMARY KEY,
            series_ref INTEGER NOT NULL REFERENCES series(id),
            values_ref INTEGER NOT NULL,
            folder_ref INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            file_size_bytes INTEGER NOT NULL,
            file_modified_ns INTEGER NOT NULL,
            sop_instance_uid TEXT NOT NULL,
            instance_number INTEGER,
            acquisition_time TEXT NOT NULL,
            number_of_frames INTEGER NOT NULL,
            image_position_patient TEXT NOT NULL,
            window_centers TEXT NOT NULL,
            window_widths TEXT NOT NULL,
            rescale_slope REAL NOT NULL,
            rescale_intercept REAL NOT NULL,
            flags TEXT NOT NULL))",
        std::string("INSERT INTO instances_compact(id, series_ref, values_ref, folder_ref, file_name, ") + ownColumns
            + ") SELECT o.id, o.series_ref, "
              "(SELECT v.id FROM instance_series_values v WHERE v.series_ref = o.series_ref AND "
            + sameSharedValues() + " ORDER BY v.id LIMIT 1), "
            + "(SELECT f.id FROM instance_folders f WHERE f.folder_path = o.folder), "
              "substr(o.file_path, length(o.folder) + 1), "
            +
            [] {
                std::string prefixed;
                const std::string columns = ownColumns;
                std::size_t start = 0;
                while (start < columns.size()) {
                    std::size_t end = columns.find(',', start);
                    end = end == std::string::npos ? columns.size() : end;
                    prefixed += (prefixed.empty() ? "o." : ", o.") + columns.substr(start, end - start);
                    start = columns.find_first_not_of(' ', end + 1);
                    start = start == std::string::npos ? columns.size() : start;
                }
                return prefixed;
            }()
            + " FROM (SELECT *, " + folderOf("file_path") + " AS folder FROM instances) o ORDER BY o.id",
        "DROP TABLE instances",
        "ALTER TABLE instances_compact RENAME TO instances",
        // A file by its path; a series' files.
        "CREATE UNIQUE INDEX instances_file ON instances(folder_ref, file_name)",
        "CREATE INDEX instances_series ON instances(series_ref)",
        // The last 24 characters of a UID hold its study, series and instance numbers (vendors put the counters
        // at the end); 16 were too few: GE-style UIDs (<root>.<study>.<date>.<series>.<instance>) then share a
        // suffix across every study of a date, and the check below compared ~100 whole UIDs per file. A query
        // compares the whole UID after the index look-up.
        "CREATE INDEX instances_sop_uid_suffix ON instances(substr(sop_instance_uid, -24))",

        // The earlier 50 columns under their names, for reading (and for SQL written against the earlier table).
        std::string("CREATE VIEW instance_records AS SELECT i.id AS id, i.series_ref AS series_ref, "
                    "f.folder_path || i.file_name AS file_path, i.file_size_bytes AS file_size_bytes, "
                    "i.file_modified_ns AS file_modified_ns, v.source_kind AS source_kind, "
                    "v.sop_class_uid AS sop_class_uid, i.sop_instance_uid AS sop_instance_uid, "
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
                    "v.acquisition_date AS acquisition_date, i.acquisition_time AS acquisition_time, "
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
                    "JOIN instance_folders f ON f.id = i.folder_ref"),
    };
    return migration;
}

} // namespace radmark::storage
