// Every earlier project schema (1 to 5) upgraded to the current one by ProjectStore::open.
//
// Each fixture file is built here with raw SQLite exactly as that version's code wrote it: the DDL
// below is copied verbatim (comments dropped) from the migration as it stood in the commit that
// introduced the version (git log -p --follow storage/src/project/ProjectSchema.cpp,
// storage/src/saliency/SaliencySchema.cpp, storage/src/project/LabelReviewMigration.cpp). None of
// these released migrations was edited afterwards (each file's history has only its introducing
// commit, later commits only append migrations), so a file of version N is schema1Ddl..schemaNDdl,
// the project_meta rows that migration 1 inserted, PRAGMA user_version = N and, as every version's
// ProjectStore set it, journal_mode = WAL. All five versions could be recovered.

#include "TestPaths.h"

#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

using namespace radmark::storage;
using radmark::testing::makeTemporaryFolder;

namespace {

// Schema 1: initialSchema() in storage/src/project/ProjectSchema.cpp at commit 478026d.
constexpr char schema1Ddl[] = R"sql(
CREATE TABLE project_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE patients (
            id INTEGER PRIMARY KEY,
            patient_key TEXT NOT NULL UNIQUE,
            patient_id TEXT NOT NULL,
            patient_name TEXT NOT NULL DEFAULT '',
            patient_sex TEXT NOT NULL DEFAULT '',
            patient_birth_date TEXT NOT NULL DEFAULT '');
CREATE TABLE studies (
            id INTEGER PRIMARY KEY,
            study_uid TEXT NOT NULL UNIQUE,
            patient_ref INTEGER NOT NULL REFERENCES patients(id),
            accession_number TEXT NOT NULL DEFAULT '',
            study_date TEXT NOT NULL DEFAULT '',
            study_time TEXT NOT NULL DEFAULT '',
            study_description TEXT NOT NULL DEFAULT '');
CREATE INDEX studies_patient ON studies(patient_ref);
CREATE TABLE series (
            id INTEGER PRIMARY KEY,
            series_uid TEXT NOT NULL UNIQUE,
            study_ref INTEGER NOT NULL REFERENCES studies(id),
            modality TEXT NOT NULL DEFAULT '',
            series_number INTEGER,
            series_description TEXT NOT NULL DEFAULT '',
            from_volume_file INTEGER NOT NULL DEFAULT 0);
CREATE INDEX series_study ON series(study_ref);
CREATE TABLE instances (
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
            flags TEXT NOT NULL);
CREATE INDEX instances_series_path ON instances(series_ref, file_path);
CREATE INDEX instances_sop_instance_uid ON instances(sop_instance_uid);
CREATE TABLE skipped_files (
            id INTEGER PRIMARY KEY,
            file_path TEXT NOT NULL UNIQUE,
            reason TEXT NOT NULL,
            file_size_bytes INTEGER NOT NULL,
            file_modified_ns INTEGER NOT NULL);
)sql";

// Schema 2: lesionMarks() in storage/src/project/ProjectSchema.cpp at commit 61f90c0.
constexpr char schema2Ddl[] = R"sql(
CREATE TABLE marks (
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
            derived_from_mark_id TEXT);
CREATE INDEX marks_series_slice ON marks(series_uid, slice_index);
CREATE TABLE mark_history (
            id INTEGER PRIMARY KEY,
            origin TEXT NOT NULL CHECK (origin IN ('execute', 'undo', 'redo')),
            command_kind TEXT NOT NULL,
            description TEXT NOT NULL,
            author_name TEXT NOT NULL,
            author_role TEXT NOT NULL,
            time_ms INTEGER NOT NULL,
            mark_ids TEXT NOT NULL);
CREATE INDEX mark_history_time ON mark_history(time_ms);
CREATE TABLE project_settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL) WITHOUT ROWID;
)sql";

// Schema 3: reportsAndLabels() in storage/src/project/ProjectSchema.cpp at commit 2428d9b.
constexpr char schema3Ddl[] = R"sql(
CREATE TABLE reports (
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
            UNIQUE (source_path, source_row));
CREATE INDEX reports_study ON reports(study_ref);
CREATE INDEX reports_unmatched_key ON reports(match_key) WHERE study_ref IS NULL;
CREATE INDEX studies_accession ON studies(accession_number);
CREATE VIRTUAL TABLE reports_fts USING fts5(report_text, content='reports', content_rowid='id');
CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN
            INSERT INTO reports_fts(rowid, report_text) VALUES (new.id, new.report_text); END;
CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN
            INSERT INTO reports_fts(reports_fts, rowid, report_text) VALUES ('delete', old.id, old.report_text); END;
CREATE TRIGGER reports_fts_update AFTER UPDATE OF report_text ON reports BEGIN
            INSERT INTO reports_fts(reports_fts, rowid, report_text) VALUES ('delete', old.id, old.report_text);
            INSERT INTO reports_fts(rowid, report_text) VALUES (new.id, new.report_text); END;
CREATE TABLE label_proposals (
            id INTEGER PRIMARY KEY,
            study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
            schema_name TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            label_name TEXT NOT NULL,
            value INTEGER CHECK (value IN (-1, 0, 1)),
            choice TEXT NOT NULL DEFAULT '',
            explanation TEXT NOT NULL DEFAULT '',
            computed_ms INTEGER NOT NULL,
            UNIQUE (study_ref, schema_name, label_name));
CREATE TABLE label_decisions (
            id INTEGER PRIMARY KEY,
            study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
            label_name TEXT NOT NULL,
            value INTEGER CHECK (value IN (-1, 0, 1)),
            author_name TEXT NOT NULL,
            author_role TEXT NOT NULL CHECK (author_role IN ('trainee', 'radiologist', 'reviewer')),
            decided_ms INTEGER NOT NULL);
CREATE INDEX label_decisions_study ON label_decisions(study_ref, label_name, decided_ms);
)sql";

// Schema 4: saliencyMapsAndReviews() in storage/src/saliency/SaliencySchema.cpp at commit 2139a33.
constexpr char schema4Ddl[] = R"sql(
CREATE TABLE saliency_maps (
            id INTEGER PRIMARY KEY,
            series_ref INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
            map_path TEXT NOT NULL,
            model TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '',
            score REAL,
            method TEXT NOT NULL DEFAULT '',
            slice_index INTEGER,
            imported_ms INTEGER NOT NULL,
            UNIQUE (series_ref, map_path, model, target));
CREATE INDEX saliency_maps_model ON saliency_maps(model, target);
CREATE TABLE saliency_reviews (
            id INTEGER PRIMARY KEY,
            map_ref INTEGER NOT NULL REFERENCES saliency_maps(id) ON DELETE CASCADE,
            verdict TEXT NOT NULL CHECK (verdict IN
                ('plausible', 'implausible', 'artefact-or-text', 'outside-body', 'unsure')),
            note TEXT NOT NULL DEFAULT '',
            reviewer_name TEXT NOT NULL,
            reviewer_role TEXT NOT NULL CHECK (reviewer_role IN ('trainee', 'radiologist', 'reviewer')),
            reviewed_ms INTEGER NOT NULL);
CREATE INDEX saliency_reviews_map ON saliency_reviews(map_ref, reviewed_ms);
CREATE TABLE saliency_checks (
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
            computed_ms INTEGER NOT NULL);
)sql";

// Schema 5: labelReviewMigration() in storage/src/project/LabelReviewMigration.cpp at commit 44f700f.
constexpr char schema5Ddl[] = R"sql(
CREATE TABLE label_schemas (
            revision INTEGER PRIMARY KEY,
            schema_name TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            json_text TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            author_name TEXT NOT NULL DEFAULT '',
            stored_ms INTEGER NOT NULL);
ALTER TABLE label_decisions ADD COLUMN choice TEXT NOT NULL DEFAULT '';
ALTER TABLE label_decisions ADD COLUMN undone_ms INTEGER;
ALTER TABLE label_decisions ADD COLUMN undone_by TEXT NOT NULL DEFAULT '';
)sql";

// Representative rows of each version, in the columns that version had.
constexpr char schema1Rows[] = R"sql(
INSERT INTO project_meta(key, value) VALUES ('created_at', '2026-11-22T20:30:00Z'), ('radmark_version', '0.1.0');
INSERT INTO patients VALUES (1, 'PAT-001', 'PAT-001', 'Doe^Jane', 'F', '19600101');
INSERT INTO studies VALUES (1, '1.2.826.0.1.3680043.8.498.1', 1, 'ACC-42', '20201001', '101500', 'CT CHEST');
INSERT INTO series VALUES (1, '1.2.826.0.1.3680043.8.498.1.2', 1, 'CT', 3, 'Axial 1mm', 0);
INSERT INTO instances VALUES (1, 1, '/data/ct/IM0001.dcm', 524288, 1700000000123456789, 0,
  '1.2.840.10008.5.1.4.1.1.2', '1.2.826.0.1.3680043.8.498.1.2.1', '1.2.826.0.1.3680043.8.498.1.2',
  '1.2.826.0.1.3680043.8.498.1', '1.2.826.0.1.3680043.8.498.1.9', 'PAT-001', 'Doe^Jane', 'F', '19600101', '060Y',
  'ACC-42', '20201001', '101500', 'CT CHEST', 'Axial 1mm', 'CT', 3, 1, 'ACME', 'Scanner 9', 'General',
  'CT01', '20201001', '101600', 'CHEST', 512, 512, 1, 0.703125, 0.703125, 1.25, '-180.5\-180.5\-12.75',
  '1\0\0\0\1\0', '40\300', '400\1500', 1, -1024, 'MONOCHROME2', 1, 16, 12, 0, '1.2.840.10008.1.2.1', 'NO',
  'ORIGINAL\PRIMARY\AXIAL', '');
INSERT INTO skipped_files VALUES (1, '/data/ct/notes.txt', 'not a DICOM file', 12, 1700000000000000000);
)sql";

constexpr char schema2Rows[] = R"sql(
INSERT INTO marks VALUES ('mark-7f3a', '1.2.826.0.1.3680043.8.498.1.2', '1.2.826.0.1.3680043.8.498.1.2.1', 0, 0,
  0.703125, 0.703125, '[-180.5,-180.5,-12.75,1,0,0,0,1,0]', 'recist', '[100.5,200.25,140,210,118,190,122.5,221]',
  '[-109.8359375,-39.67578125,-12.75,-82.0625,-32.84375,-12.75,-97.53125,-46.90625,-12.75,-94.3671875,-25.1171875,-12.75]',
  NULL, NULL, 4, 'spiculated', 'Dr. Ana Ruiz', 'radiologist', 1763840000000, 1763840005000, NULL);
INSERT INTO mark_history VALUES (1, 'execute', 'add', 'Add RECIST mark', 'Dr. Ana Ruiz', 'radiologist', 1763840000000, '["mark-7f3a"]');
INSERT INTO mark_history VALUES (2, 'execute', 'move', 'Move mark', 'Dr. Ana Ruiz', 'radiologist', 1763840005000, '["mark-7f3a"]');
INSERT INTO project_settings VALUES ('default_author_name', 'Dr. Ana Ruiz'), ('default_author_role', 'radiologist');
)sql";

constexpr char schema3Rows[] = R"sql(
INSERT INTO reports VALUES (1, 1, 'ACC-42', 'accession', '/data/reports.csv', 'csv', 2,
  'Spiculated nodule in the right upper lobe, 14 mm.', '', 1763841000000);
INSERT INTO label_proposals VALUES (1, 1, 'chest-ct', 1, 'Nodule', 1, '', 'nodule (row 2)', 1763841100000);
INSERT INTO label_decisions VALUES (1, 1, 'Nodule', 0, 'Dr. Ben Ode', 'reviewer', 1763841200000);
)sql";

constexpr char schema4Rows[] = R"sql(
INSERT INTO saliency_maps VALUES (1, 1, '/data/maps/gradcam_nodule.nii.gz', 'densenet121', 'Nodule', 0.875,
  'grad-cam', NULL, 1763842000000);
INSERT INTO saliency_reviews VALUES (1, 1, 'implausible', 'peak on the scanner table', 'Dr. Ana Ruiz',
  'radiologist', 1763842100000);
INSERT INTO saliency_checks VALUES (1, 12.5, 0.98, 256, 300, 0, 0.25, 1, 0.5, 0.125, 1, 'resampled', '', '',
  1763842050000);
)sql";

constexpr char schema5Rows[] = R"sql(
INSERT INTO label_schemas VALUES (1, 'chest-ct', 1, '{"name":"chest-ct","version":1,"labels":[]}',
  '/data/chest-ct.json', 'Dr. Ben Ode', 1763843000000);
INSERT INTO label_decisions(id, study_ref, label_name, value, author_name, author_role, decided_ms, choice,
  undone_ms, undone_by) VALUES (2, 1, 'Density', NULL, 'Dr. Ben Ode', 'reviewer', 1763843100000, 'part-solid',
  1763843200000, 'Dr. Ana Ruiz');
)sql";

const char* const schemaDdl[] = { schema1Ddl, schema2Ddl, schema3Ddl, schema4Ddl, schema5Ddl };
const char* const schemaRows[] = { schema1Rows, schema2Rows, schema3Rows, schema4Rows, schema5Rows };

// The tables each version added (reports_fts's shadow tables counted with it).
const std::vector<std::vector<std::string>> tablesAddedBy = {
    { "project_meta", "patients", "studies", "series", "instances", "skipped_files" },
    { "marks", "mark_history", "project_settings" },
    { "reports", "reports_fts", "label_proposals", "label_decisions" },
    { "saliency_maps", "saliency_reviews", "saliency_checks" },
    { "label_schemas" },
    { "audit_samples", "audit_sample_studies" },
    { "team_identity", "team_annotators", "team_splits", "team_assignments", "team_merges" },
    {}, // schema 8's tables are backfilled (checked above)
    { "saliency_file_values" },
};

void exec(sqlite3* database, const std::string& sql)
{
    char* message = nullptr;
    const int result = sqlite3_exec(database, sql.c_str(), nullptr, nullptr, &message);
    INFO(sql);
    INFO((message ? message : ""));
    sqlite3_free(message);
    REQUIRE(result == SQLITE_OK);
}

// The first column of each row of a query, as text ("NULL" for NULL), joined by '|'.
std::string column(sqlite3* database, const std::string& sql)
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

// A project file of the given schema version, written as that version did.
void writeProjectOfVersion(const std::string& path, int version)
{
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &database) == SQLITE_OK);
    exec(database, "PRAGMA journal_mode = WAL");
    for (int v = 1; v <= version; ++v) {
        exec(database, "BEGIN");
        exec(database, schemaDdl[v - 1]);
        exec(database, "PRAGMA user_version = " + std::to_string(v));
        exec(database, "COMMIT");
        // Rows written while the file had this version (the file grew through the versions before it).
        exec(database, schemaRows[v - 1]);
    }
    exec(database, "PRAGMA wal_checkpoint(TRUNCATE)");
    REQUIRE(sqlite3_close(database) == SQLITE_OK);
}

std::string fileBytes(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

std::string schemaText(sqlite3* database)
{
    return column(database,
        "SELECT type || ' ' || name || ' ' || tbl_name || ': ' || coalesce(sql, '') "
        "FROM sqlite_master ORDER BY type, name");
}

} // namespace

TEST_CASE("A project file of every earlier schema version is upgraded with its rows intact", "[project][schema]")
{
    REQUIRE(ProjectStore::currentSchemaVersion() == 9);
    const std::string folder = makeTemporaryFolder("radmark-schema-upgrade");
    std::string freshSchema;
    {
        auto fresh = ProjectStore::open(folder + "/fresh.radmark", ProjectStore::OpenMode::CreateIfMissing);
        freshSchema = schemaText(fresh->connection());
    }

    for (int version = 1; version <= 5; ++version) {
        DYNAMIC_SECTION("schema " << version)
        {
            const std::string path = folder + "/v" + std::to_string(version) + ".radmark";
            writeProjectOfVersion(path, version);

            auto project = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
            sqlite3* db = project->connection();
            CHECK(project->schemaVersion() == 9);
            CHECK(column(db, "PRAGMA user_version") == "9");
            CHECK(column(db, "PRAGMA integrity_check") == "ok");
            CHECK(column(db, "PRAGMA foreign_key_check").empty());
            // The same tables, indexes, triggers and columns as a project created by this build.
            CHECK(schemaText(db) == freshSchema);

            // Schema 1: metadata kept (not written again), the hierarchy and the instance with exact values.
            CHECK(column(db, "SELECT key || '=' || value FROM project_meta ORDER BY key")
                == "created_at=2026-11-22T20:30:00Z|radmark_version=0.1.0");
            CHECK(column(db,
                      "SELECT patient_key || ',' || patient_name || ',' || patient_sex || ',' || "
                      "patient_birth_date FROM patients")
                == "PAT-001,Doe^Jane,F,19600101");
            CHECK(column(db, "SELECT study_uid || ',' || accession_number || ',' || study_description FROM studies")
                == "1.2.826.0.1.3680043.8.498.1,ACC-42,CT CHEST");
            CHECK(column(db, "SELECT series_uid || ',' || modality || ',' || series_number FROM series")
                == "1.2.826.0.1.3680043.8.498.1.2,CT,3");
            CHECK(column(db,
                      "SELECT sop_instance_uid || ',' || file_path || ',' || file_modified_ns || ',' || "
                      "pixel_spacing_row_mm || ',' || rescale_intercept || ',' || image_position_patient "
                      "FROM instances")
                == "1.2.826.0.1.3680043.8.498.1.2.1,/data/ct/IM0001.dcm,1700000000123456789,0.703125,-1024.0,"
                   "-180.5\\-180.5\\-12.75");
            CHECK(column(db, "SELECT file_path || ',' || reason FROM skipped_files")
                == "/data/ct/notes.txt,not a DICOM file");

            if (version >= 2) {
                CHECK(column(db,
                          "SELECT mark_id || ',' || shape_kind || ',' || shape_px || ',' || plane_lps_mm || "
                          "',' || lesion_type || ',' || author_name || ',' || author_role FROM marks")
                    == "mark-7f3a,recist,[100.5,200.25,140,210,118,190,122.5,221],[-180.5,-180.5,-12.75,1,0,0,0,1,0],"
                       "4,Dr. Ana Ruiz,radiologist");
                CHECK(column(db, "SELECT shape_lps_mm FROM marks")
                    == "[-109.8359375,-39.67578125,-12.75,-82.0625,-32.84375,-12.75,-97.53125,-46.90625,-12.75,"
                       "-94.3671875,-25.1171875,-12.75]");
                CHECK(column(db,
                          "SELECT command_kind || ',' || author_name || ',' || time_ms || ',' || mark_ids "
                          "FROM mark_history ORDER BY id")
                    == "add,Dr. Ana Ruiz,1763840000000,[\"mark-7f3a\"]|move,Dr. Ana "
                       "Ruiz,1763840005000,[\"mark-7f3a\"]");
                CHECK(column(db, "SELECT value FROM project_settings WHERE key = 'default_author_name'")
                    == "Dr. Ana Ruiz");
            }
            if (version >= 3) {
                CHECK(column(db, "SELECT match_key || ',' || source_row || ',' || report_text FROM reports")
                    == "ACC-42,2,Spiculated nodule in the right upper lobe, 14 mm.");
                // The full-text index the triggers filled still finds the report.
                CHECK(column(db, "SELECT rowid FROM reports_fts WHERE reports_fts MATCH 'spiculated'") == "1");
                CHECK(column(db, "SELECT label_name || ',' || value || ',' || explanation FROM label_proposals")
                    == "Nodule,1,nodule (row 2)");
                // Columns added by 5 and 6 read as "no choice, not undone, not an audit decision".
                CHECK(column(db,
                          "SELECT label_name || ',' || value || ',' || author_name || ',' || author_role || ',' "
                          "|| decided_ms || ',' || choice || ',' || coalesce(undone_ms, 'NULL') || ',' || "
                          "undone_by || ',' || coalesce(audit_sample_ref, 'NULL') FROM label_decisions "
                          "WHERE id = 1")
                    == "Nodule,0,Dr. Ben Ode,reviewer,1763841200000,,NULL,,NULL");
            }
            if (version >= 4) {
                CHECK(column(db,
                          "SELECT map_path || ',' || model || ',' || target || ',' || score FROM "
                          "saliency_maps")
                    == "/data/maps/gradcam_nodule.nii.gz,densenet121,Nodule,0.875");
                CHECK(column(db,
                          "SELECT verdict || ',' || note || ',' || reviewer_name || ',' || reviewed_ms FROM "
                          "saliency_reviews")
                    == "implausible,peak on the scanner table,Dr. Ana Ruiz,1763842100000");
                CHECK(column(db, "SELECT total_mass || ',' || peak_i || ',' || grid FROM saliency_checks")
                    == "12.5,256,resampled");
            }
            if (version >= 5) {
                CHECK(column(db, "SELECT schema_name || ',' || json_text || ',' || author_name FROM label_schemas")
                    == "chest-ct,{\"name\":\"chest-ct\",\"version\":1,\"labels\":[]},Dr. Ben Ode");
                CHECK(column(db,
                          "SELECT coalesce(value, 'NULL') || ',' || choice || ',' || undone_ms || ',' || "
                          "undone_by || ',' || coalesce(audit_sample_ref, 'NULL') FROM label_decisions "
                          "WHERE id = 2")
                    == "NULL,part-solid,1763843200000,Dr. Ana Ruiz,NULL");
            }

            // Schema 8 backfilled the browser's search index (the study and its series) and the review counts.
            CHECK(column(db, "SELECT rowid FROM browser_search WHERE search_text LIKE '%doe jane%'") == "2");
            CHECK(column(db, "SELECT rowid FROM browser_search WHERE search_text LIKE '%axial 1mm%'") == "3");
            CHECK(column(db, "SELECT COUNT(*) FROM study_review_counts") == "1");

            // Every table the upgrade added exists and is empty.
            for (int added = version + 1; added <= ProjectStore::currentSchemaVersion(); ++added) {
                for (const std::string& table : tablesAddedBy[static_cast<std::size_t>(added - 1)]) {
                    INFO("table " << table << " of schema " << added);
                    CHECK(column(db, "SELECT COUNT(*) FROM " + table) == "0");
                }
            }
            project.reset();

            // Reopened, the upgraded file is taken as it is.
            auto reopened = ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly);
            CHECK(reopened->schemaVersion() == 9);
            CHECK(column(reopened->connection(), "SELECT COUNT(*) FROM instances") == "1");
        }
    }
}

TEST_CASE("A project of a newer schema is refused and left byte-identical", "[project][schema]")
{
    const std::string folder = makeTemporaryFolder("radmark-schema-newer");
    const std::string path = folder + "/newer.radmark";
    const std::string journalMode = GENERATE(std::string("wal"), std::string("delete"));
    INFO("journal mode " << journalMode);
    writeProjectOfVersion(path, 5);
    {
        sqlite3* database = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &database) == SQLITE_OK);
        exec(database, "PRAGMA journal_mode = " + journalMode);
        exec(database, "PRAGMA user_version = " + std::to_string(ProjectStore::currentSchemaVersion() + 1));
        REQUIRE(sqlite3_close(database) == SQLITE_OK);
    }
    const std::string before = fileBytes(path);
    REQUIRE(before.size() > 100);

    const std::string refusal = path + ": was written by a newer RadMark (schema "
        + std::to_string(ProjectStore::currentSchemaVersion() + 1) + "; this build reads up to "
        + std::to_string(ProjectStore::currentSchemaVersion()) + ")";
    CHECK_THROWS_WITH(ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite), refusal);
    CHECK_THROWS_WITH(ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly), refusal);

    CHECK(fileBytes(path) == before);
    std::set<std::string> left;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        left.insert(entry.path().filename().string());
    }
    CHECK(left == std::set<std::string> { "newer.radmark" }); // no -wal, -shm or lock file beside it
}
