#include "project/migrations/SaliencyMapsMigration.h"

namespace radmark::storage {

SchemaMigration saliencyMapsMigration()
{
    SchemaMigration migration;
    migration.version = saliencyMapsSchemaVersion;
    migration.description = "saliency maps, their reviews and quantitative checks";
    migration.statements = {
        // One row per map file and what it explains; the file is referenced, never copied.
        // slice_index: 0-based slice of the series a 2D map belongs to (NULL for volumes).
        R"(CREATE TABLE saliency_maps (
            id INTEGER PRIMARY KEY,
            series_ref INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
            map_path TEXT NOT NULL,
            model TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '',
            score REAL,
            method TEXT NOT NULL DEFAULT '',
            slice_index INTEGER,
            imported_ms INTEGER NOT NULL,
            UNIQUE (series_ref, map_path, model, target)))",
        "CREATE INDEX saliency_maps_model ON saliency_maps(model, target)",
        // Reviews are appended; the latest per map counts.
        R"(CREATE TABLE saliency_reviews (
            id INTEGER PRIMARY KEY,
            map_ref INTEGER NOT NULL REFERENCES saliency_maps(id) ON DELETE CASCADE,
            verdict TEXT NOT NULL CHECK (verdict IN
                ('plausible', 'implausible', 'artefact-or-text', 'outside-body', 'unsure')),
            note TEXT NOT NULL DEFAULT '',
            reviewer_name TEXT NOT NULL,
            reviewer_role TEXT NOT NULL CHECK (reviewer_role IN ('trainee', 'radiologist', 'reviewer')),
            reviewed_ms INTEGER NOT NULL))",
        "CREATE INDEX saliency_reviews_map ON saliency_reviews(map_ref, reviewed_ms)",
        // The checks of the last successful load of the map (fractions NULL when undefined), or why it
        // could not be loaded (problem). grid says how the map met the series grid.
        R"(CREATE TABLE saliency_checks (
            map_ref INTEGER PRIMARY KEY REFERENCES saliency_maps(id) ON DELETE CASCADE,
            total_mass REAL NOT NULL DEFAULT 0,
            peak_value REAL NOT NULL DEFAULT 0,
            peak_i INTEGER NOT NULL DEFAULT 0,
            peak_j INTEGER NOT NULL DEFAULT 0,
            peak_k INTEGER NOT NULL DEFAULT 0,
            inside_marks_fraction REAL,
            peak_inside_mark INTEGER,
            outside_body_fraction REAL,
            text_or_corners_fraction REAL,
            mark_count INTEGER NOT NULL DEFAULT 0,
            grid TEXT NOT NULL DEFAULT '',
            warnings TEXT NOT NULL DEFAULT '',
            problem TEXT NOT NULL DEFAULT '',
            computed_ms INTEGER NOT NULL))",
    };
    return migration;
}

} // namespace radmark::storage
