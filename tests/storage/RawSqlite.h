#pragma once

// Plain SQLite calls for tests that look at a project file below the store (upgrades, stored forms).

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>

namespace radmark::testing {

inline void exec(sqlite3* database, const std::string& sql)
{
    char* message = nullptr;
    const int result = sqlite3_exec(database, sql.c_str(), nullptr, nullptr, &message);
    INFO(sql);
    INFO((message ? message : ""));
    sqlite3_free(message);
    REQUIRE(result == SQLITE_OK);
}

// The first column of each row of a query, as text ("NULL" for NULL), joined by '|'.
inline std::string column(sqlite3* database, const std::string& sql)
{
    sqlite3_stmt* statement = nullptr;
    INFO(sql);
    REQUIRE(sqlite3_prepare_v2(database, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::string text;
    bool first = true;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        text += first ? "" : "|";
        first = false;
        const unsigned char* value = sqlite3_column_text(statement, 0);
        text += value ? reinterpret_cast<const char*>(value) : "NULL";
    }
    sqlite3_finalize(statement);
    return text;
}

// The 50 columns of the instance table before schema 10, each quoted (exact text, number or NULL), one row per line.
inline std::string instanceRowsAsText(sqlite3* database, const std::string& table)
{
    static const char* const columns[] = { "id", "series_ref", "file_path", "file_size_bytes", "file_modified_ns",
        "source_kind", "sop_class_uid", "sop_instance_uid", "series_instance_uid", "study_instance_uid",
        "frame_of_reference_uid", "patient_id", "patient_name", "patient_sex", "patient_birth_date", "patient_age",
        "accession_number", "study_date", "study_time", "study_description", "series_description", "modality",
        "series_number", "instance_number", "manufacturer", "manufacturer_model_name", "institution_name",
        "station_name", "acquisition_date", "acquisition_time", "body_part_examined", "rows_px", "columns_px",
        "number_of_frames", "pixel_spacing_row_mm", "pixel_spacing_column_mm", "slice_thickness_mm",
        "image_position_patient", "image_orientation_patient", "window_centers", "window_widths", "rescale_slope",
        "rescale_intercept", "photometric_interpretation", "samples_per_pixel", "bits_allocated", "bits_stored",
        "pixel_representation", "transfer_syntax_uid", "burned_in_annotation", "image_type", "flags" };
    std::string select;
    for (const char* name : columns) {
        select += select.empty() ? "" : " || ',' || ";
        select += std::string("quote(") + name + ")";
    }
    std::string text = column(database, "SELECT " + select + " FROM " + table + " ORDER BY id");
    for (char& character : text) {
        character = character == '|' ? '\n' : character;
    }
    return text;
}

} // namespace radmark::testing
