// Every earlier project schema (1 to 5) upgraded to the current one by ProjectStore::open.
//
// The project files of those versions are fixtures, tests/storage/fixtures/schema-v1.radmark to
// schema-v5.radmark: each was written with raw SQLite exactly as that version's code wrote it (the DDL of
// the released migrations as they stood in the commits that introduced the versions, the rows listed in
// fixtures/README.md, PRAGMA user_version = N, journal_mode = WAL). They hold their own copy of the
// released schema, so an edit to a released migration makes the upgraded file differ from a project
// created by this build, and this test fails.

#include "RawSqlite.h"
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

// The tables each version added (reports_fts's shadow tables counted with it).
const std::vector<std::vector<std::string>> tablesAddedBy = {
    { "project_meta", "patients", "studies", "series", "instances", "skipped_files" },
    { "marks", "mark_history", "project_settings" }, { "reports", "reports_fts", "label_proposals", "label_decisions" },
    { "saliency_maps", "saliency_reviews", "saliency_checks" }, { "label_schemas" },
    { "audit_samples", "audit_sample_studies" },
    { "team_identity", "team_annotators", "team_splits", "team_assignments", "team_merges" },
    {}, // schema 8's tables are backfilled (checked above)
    { "saliency_file_values" },
    {}, // schema 10's instance_folders and instance_series_values are filled from instances (checked below)
    {}, // schema 11 rebuilds the browser's search index (checked above)
    {}, // schema 12's sop_uid_stems is filled from instances (checked below)
};

using radmark::testing::column;
using radmark::testing::exec;
using radmark::testing::instanceRowsAsText;

// A copy, at `path`, of the project file that RadMark wrote at the given schema version
// (tests/storage/fixtures/schema-vN.radmark, see the README there).
void copyProjectOfVersion(const std::string& path, int version)
{
    const std::filesystem::path fixture = std::filesystem::path(RADMARK_SOURCE_DIR) / "tests" / "storage" / "fixtures"
        / ("schema-v" + std::to_string(version) + ".radmark");
    INFO("fixture " << fixture.string());
    REQUIRE(std::filesystem::is_regular_file(fixture));
    std::filesystem::copy_file(fixture, path, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
        std::filesystem::perm_options::add);
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
    REQUIRE(ProjectStore::currentSchemaVersion() == 12);
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
            copyProjectOfVersion(path, version);

            auto project = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
            sqlite3* db = project->connection();
            CHECK(project->schemaVersion() == 12);
            CHECK(column(db, "PRAGMA user_version") == "12");
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
                      "FROM instance_records")
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
            CHECK(reopened->schemaVersion() == 12);
            CHECK(column(reopened->connection(), "SELECT COUNT(*) FROM instances") == "1");
        }
    }
}

namespace {

} // namespace

TEST_CASE("The instance rows of an earlier schema are rebuilt in the compact layout without loss", "[project][schema]")
{
    const std::string folder = makeTemporaryFolder("radmark-schema-compact");
    const std::string path = folder + "/v5.radmark";
    copyProjectOfVersion(path, 5);
    std::string before;
    {
        // More files of the earlier layout: a second series; in series 1 a file whose patient name, rows and
        // spacing differ from the others (kept as they are, not replaced by the series' values), a file with no
        // series number, spacing or orientation, a file in another folder, a non-ASCII folder, a path without
        // '/', flags with two lines.
        sqlite3* database = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &database) == SQLITE_OK);
        exec(database, R"sql(
INSERT INTO series VALUES (2, '1.2.826.0.1.3680043.8.498.1.7', 1, 'MR', NULL, 'T2 ax', 0);
INSERT INTO instances VALUES (2, 1, '/data/ct/IM0002.dcm', 524288, 1700000000123456790, 0,
  '1.2.840.10008.5.1.4.1.1.2', '1.2.826.0.1.3680043.8.498.1.2.2', '1.2.826.0.1.3680043.8.498.1.2',
  '1.2.826.0.1.3680043.8.498.1', '1.2.826.0.1.3680043.8.498.1.9', 'PAT-001', 'Doe^Jane', 'F', '19600101', '060Y',
  'ACC-42', '20201001', '101500', 'CT CHEST', 'Axial 1mm', 'CT', 3, 2, 'ACME', 'Scanner 9', 'General',
  'CT01', '20201001', '101601.5', 'CHEST', 512, 512, 1, 0.703125, 0.703125, 1.25, '-180.5\-180.5\-14',
  '1\0\0\0\1\0', '40', '400', 1, -1024, 'MONOCHROME2', 1, 16, 12, 0, '1.2.840.10008.1.2.1', 'NO',
  'ORIGINAL\PRIMARY\AXIAL', '');
INSERT INTO instances VALUES (3, 1, '/data/ct/IM0003.dcm', 524290, 1700000000123456791, 0,
  '1.2.840.10008.5.1.4.1.1.2', '1.2.826.0.1.3680043.8.498.1.2.3', '1.2.826.0.1.3680043.8.498.1.2',
  '1.2.826.0.1.3680043.8.498.1', '1.2.826.0.1.3680043.8.498.1.9', 'PAT-001', 'DOE^JANE', 'F', '19600101', '060Y',
  'ACC-42', '20201001', '101500', 'CT CHEST', 'Axial 1mm', 'CT', 3, 3, 'ACME', 'Scanner 9', 'General',
  'CT01', '20201001', '101602', 'CHEST', 256, 256, 1, 1.40625, 1.40625, 1.25, '-180.5\-180.5\-15.25',
  '1\0\0\0\1\0', '40\300', '400\1500', 1.5, -1000.25, 'MONOCHROME2', 1, 16, 12, 0, '1.2.840.10008.1.2.1', 'NO',
  'ORIGINAL\PRIMARY\AXIAL', 'empty SOP Instance UID; a UID was generated
image position missing');
INSERT INTO instances VALUES (4, 2, '/data/mr/T2/IM1.dcm', 98304, 1700000000000000001, 0,
  '1.2.840.10008.5.1.4.1.1.4', '1.2.826.0.1.3680043.8.498.1.7.1', '1.2.826.0.1.3680043.8.498.1.7',
  '1.2.826.0.1.3680043.8.498.1', '', 'PAT-001', 'Doe^Jane', 'F', '19600101', '060Y',
  'ACC-42', '20201001', '101500', 'CT CHEST', 'T2 ax', 'MR', NULL, NULL, '', '', '',
  '', '', '', '', 256, 192, 1, NULL, NULL, NULL, '', '', '', '', 1, 0, 'MONOCHROME2', 1, 16, 12, 0,
  '1.2.840.10008.1.2', '', '', '');
INSERT INTO instances VALUES (5, 2, '/data/mr/Études 2020/IM2.dcm', 98304, 1700000000000000002, 0,
  '1.2.840.10008.5.1.4.1.1.4', '1.2.826.0.1.3680043.8.498.1.7.2', '1.2.826.0.1.3680043.8.498.1.7',
  '1.2.826.0.1.3680043.8.498.1', '', 'PAT-001', 'Doe^Jane', 'F', '19600101', '060Y',
  'ACC-42', '20201001', '101500', 'CT CHEST', 'T2 ax', 'MR', NULL, 2, '', '', '',
  '', '', '', '', 256, 192, 1, NULL, NULL, NULL, '0\0\4.4', '', '', '', 1, 0, 'MONOCHROME2', 1, 16, 12, 0,
  '1.2.840.10008.1.2', '', '', '');
INSERT INTO instances VALUES (6, 2, 'relative.dcm', 98304, 1700000000000000003, 1,
  '1.2.840.10008.5.1.4.1.1.4', '1.2.826.0.1.3680043.8.498.1.7.3', '1.2.826.0.1.3680043.8.498.1.7',
  '1.2.826.0.1.3680043.8.498.1', '', 'PAT-001', 'Doe^Jane', 'F', '19600101', '060Y',
  'ACC-42', '20201001', '101500', 'CT CHEST', 'T2 ax', 'MR', NULL, 3, '', '', '',
  '', '', '', '', 256, 192, 1, NULL, NULL, NULL, '', '', '', '', 1, 0, 'MONOCHROME2', 1, 16, 12, 0,
  '1.2.840.10008.1.2', '', '', '');
)sql");
        REQUIRE(column(database, "SELECT COUNT(*) FROM instances") == "6");
        before = instanceRowsAsText(database, "instances");
        REQUIRE(sqlite3_close(database) == SQLITE_OK);
    }

    auto project = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
    sqlite3* db = project->connection();
    REQUIRE(project->schemaVersion() == 12);
    CHECK(column(db, "PRAGMA integrity_check") == "ok");
    CHECK(column(db, "PRAGMA foreign_key_check").empty());
    // Every value of every row as it was, through the view of the earlier columns.
    CHECK(instanceRowsAsText(db, "instance_records") == before);
    // Shared values: series 1 once for IM0001-2, once for IM0003 (other name, size, spacing); series 2 once for
    // the two DICOM files, once for the volume file.
    CHECK(column(db, "SELECT series_ref || ':' || COUNT(*) FROM instance_series_values GROUP BY series_ref")
        == "1:2|2:2");
    CHECK(column(db, "SELECT folder_path FROM instance_folders ORDER BY folder_path")
        == "|/data/ct/|/data/mr/T2/|/data/mr/Études 2020/");
    CHECK(column(db, "SELECT file_name FROM instances ORDER BY id")
        == "IM0001.dcm|IM0002.dcm|IM0003.dcm|IM1.dcm|IM2.dcm|relative.dcm");

    // Read through the store: exact geometry and identity.
    const std::vector<InstanceRecord> ct = project->seriesInstances("1.2.826.0.1.3680043.8.498.1.2");
    REQUIRE(ct.size() == 3);
    CHECK(ct[0].filePath == "/data/ct/IM0001.dcm");
    CHECK(ct[0].imagePositionPatient == std::vector<double> { -180.5, -180.5, -12.75 });
    CHECK(ct[0].windowCenters == std::vector<double> { 40, 300 });
    CHECK(ct[1].imagePositionPatient == std::vector<double> { -180.5, -180.5, -14 });
    CHECK(ct[1].acquisitionTime == "101601.5");
    CHECK(ct[2].patientName == "DOE^JANE");
    CHECK(ct[2].rows == 256);
    CHECK(ct[2].pixelSpacingRowMm == 1.40625);
    CHECK(ct[2].rescaleSlope == 1.5);
    CHECK(ct[2].rescaleIntercept == -1000.25);
    CHECK(ct[2].flags
        == std::vector<std::string> { "empty SOP Instance UID; a UID was generated", "image position missing" });
    const std::vector<InstanceRecord> mr = project->seriesInstances("1.2.826.0.1.3680043.8.498.1.7");
    REQUIRE(mr.size() == 3);
    CHECK(mr[0].filePath == "/data/mr/T2/IM1.dcm");
    CHECK(mr[1].filePath == "/data/mr/Études 2020/IM2.dcm");
    CHECK(mr[2].filePath == "relative.dcm");
    CHECK(mr[2].sourceKind == SourceKind::VolumeFile);
    CHECK_FALSE(mr[0].seriesNumber.has_value());
    CHECK_FALSE(mr[0].pixelSpacingRowMm.has_value());
    CHECK(mr[1].imagePositionPatient == std::vector<double> { 0, 0, 4.4 });
    CHECK(project->isUnchanged("/data/mr/Études 2020/IM2.dcm", 98304, 1700000000000000002));
    CHECK_FALSE(project->isUnchanged("/data/mr/Études 2020/IM2.dcm", 98304, 1700000000000000003));

    // A migrated file imported again is updated in place (the path index holds), and its old shared values go.
    InstanceRecord changed = ct[2];
    changed.fileModifiedNs += 1;
    changed.patientName = "Doe^Jane";
    changed.rows = 512;
    changed.columns = 512;
    changed.pixelSpacingRowMm = 0.703125;
    changed.pixelSpacingColumnMm = 0.703125;
    changed.flags.clear();
    project->writeImportBatch({ changed }, {}, false);
    CHECK(project->counts().instances == 6);
    CHECK(column(db, "SELECT COUNT(*) FROM instance_series_values WHERE series_ref = 1") == "1");
    CHECK(project->seriesInstances("1.2.826.0.1.3680043.8.498.1.2")[2].patientName == "Doe^Jane");
}

TEST_CASE("A project of a newer schema is refused and left byte-identical", "[project][schema]")
{
    const std::string folder = makeTemporaryFolder("radmark-schema-newer");
    const std::string path = folder + "/newer.radmark";
    const std::string journalMode = GENERATE(std::string("wal"), std::string("delete"));
    INFO("journal mode " << journalMode);
    copyProjectOfVersion(path, 5);
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
