#include "project/migrations/LesionMarksMigration.h"

namespace radmark::storage {

SchemaMigration lesionMarksMigration()
{
    SchemaMigration migration;
    migration.version = lesionMarksSchemaVersion;
    migration.description = "lesion marks, their edit history, project settings";
    migration.statements = {
        // One row per annotation::LesionMark (see storage/src/project/MarkRows.cpp for the encoding).
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

} // namespace radmark::storage
