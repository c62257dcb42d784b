#include "TestPaths.h"

#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace radmark::storage;
using radmark::testing::makeTemporaryFolder;

namespace {

std::string queryText(sqlite3* database, const std::string& sql)
{
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(database, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::string text;
    if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0)) {
        text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    return text;
}

InstanceRecord makeRecord(const std::string& path, const std::string& seriesUid, const std::string& sopUid)
{
    InstanceRecord record;
    record.filePath = path;
    record.fileSizeBytes = 1000;
    record.fileModifiedNs = 42;
    record.sopClassUid = "1.2.840.10008.5.1.4.1.1.2";
    record.sopInstanceUid = sopUid;
    record.seriesInstanceUid = seriesUid;
    record.studyInstanceUid = "1.2.3";
    record.patientId = "P1";
    record.patientName = "Doe^Jane";
    record.modality = "CT";
    record.rows = 512;
    record.columns = 256;
    record.numberOfFrames = 1;
    record.pixelSpacingRowMm = 0.5;
    record.pixelSpacingColumnMm = 0.75;
    record.imagePositionPatient = { -1.5, 2.25, 1.0 / 3.0 };
    record.imageOrientationPatient = { 1, 0, 0, 0, 1, 0 };
    record.windowCenters = { 40, 300 };
    record.windowWidths = { 400, 1500 };
    record.seriesNumber = 3;
    return record;
}

} // namespace

TEST_CASE("A new project has the current schema, its metadata and its pragmas", "[project]")
{
    const std::string path = makeTemporaryFolder("radmark-project") + "/new.radmark";
    auto project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
    REQUIRE(ProjectStore::currentSchemaVersion() == 12);
    CHECK(project->schemaVersion() == 12);
    CHECK(project->counts().schemaVersion == 12);
    CHECK(project->counts().instances == 0);
    CHECK_FALSE(project->isReadOnly());
    CHECK(project->metaValue("radmark_version") == "0.1.0");
    CHECK(project->metaValue("created_at").size() == 20); // 2026-01-01T00:00:00Z
    CHECK(queryText(project->connection(), "PRAGMA journal_mode") == "wal");
    CHECK(queryText(project->connection(), "PRAGMA foreign_keys") == "1");
    CHECK(queryText(project->connection(),
              "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master "
              "WHERE type = 'table' ORDER BY name)")
        == "audit_sample_studies,audit_samples,browser_search,browser_search_config,browser_search_content,"
           "browser_search_data,browser_search_docsize,browser_search_idx,instance_folders,instance_series_values,"
           "instances,label_decisions,label_proposals,"
           "label_schemas,mark_history,marks,patients,project_meta,"
           "project_settings,reports,reports_fts,reports_fts_config,reports_fts_data,reports_fts_docsize,"
           "reports_fts_idx,review_count_labels,review_counts_dirty,saliency_checks,saliency_file_values,"
           "saliency_maps,saliency_reviews,"
           "series,"
           "skipped_files,sop_uid_stems,studies,study_review_counts,team_annotators,team_assignments,team_identity,"
           "team_merges,"
           "team_splits");
    project.reset();

    auto reopened = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
    CHECK(reopened->schemaVersion() == 12);
}

TEST_CASE("Opening refuses missing, newer-schema, corrupt and foreign files with the file named", "[project]")
{
    const std::string folder = makeTemporaryFolder("radmark-project");
    SECTION("missing file in ReadWrite mode")
    {
        const std::string path = folder + "/missing.radmark";
        CHECK_THROWS_WITH(ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite), path + ": no such project file");
        CHECK_FALSE(std::filesystem::exists(path));
    }
    SECTION("newer schema")
    {
        const std::string path = folder + "/newer.radmark";
        {
            auto project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
            const std::string newer
                = "PRAGMA user_version = " + std::to_string(ProjectStore::currentSchemaVersion() + 1);
            REQUIRE(sqlite3_exec(project->connection(), newer.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        }
        CHECK_THROWS_WITH(ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite),
            path + ": was written by a newer RadMark (schema "
                + std::to_string(ProjectStore::currentSchemaVersion() + 1) + "; this build reads up to "
                + std::to_string(ProjectStore::currentSchemaVersion()) + ")");
        CHECK_THROWS_AS(ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly), ProjectError);
    }
    SECTION("corrupt file")
    {
        const std::string path = folder + "/corrupt.radmark";
        std::ofstream(path) << std::string(4096, 'x');
        CHECK_THROWS_WITH(ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing),
            Catch::StartsWith(path + ": not a RadMark project: a text file, not an SQLite database"));
        CHECK(std::filesystem::file_size(path) == 4096); // never overwritten
    }
    SECTION("another application's SQLite database")
    {
        const std::string path = folder + "/other.sqlite";
        sqlite3* database = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &database) == SQLITE_OK);
        REQUIRE(sqlite3_exec(database, "CREATE TABLE t(x)", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(database);
        CHECK_THROWS_WITH(ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite),
            path + ": not a RadMark project (an SQLite database with other tables)");
    }
}

TEST_CASE("A read-only project reads but refuses writes with a clear message", "[project]")
{
    const std::string folder = makeTemporaryFolder("radmark-project");
    const std::string path = folder + "/ro.radmark";
    {
        auto project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
        project->writeImportBatch({ makeRecord("/data/a.dcm", "1.2.3.4", "1.2.3.4.1") }, {});
    }
    auto readOnly = ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly);
    CHECK(readOnly->isReadOnly());
    CHECK(readOnly->counts().instances == 1);
    CHECK_THROWS_WITH(readOnly->writeImportBatch({ makeRecord("/data/b.dcm", "1.2.3.4", "1.2.3.4.2") }, {}),
        path + ": cannot save imported files: the project is open read-only (opened read-only)");
    CHECK_THROWS_WITH(importPaths(*readOnly, { folder }), Catch::Contains("it is open read-only"));
    readOnly.reset();

    REQUIRE(::chmod(path.c_str(), 0444) == 0);
    if (::geteuid() == 0) {
        WARN("running as root: a 0444 file stays writable, the read-only fallback is not checked");
        return;
    }
    auto fallback = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
    CHECK(fallback->isReadOnly());
    CHECK(fallback->readOnlyReason() == "the file is not writable");
    CHECK(fallback->counts().instances == 1);
    CHECK_THROWS_WITH(fallback->writeImportBatch({}, { SkippedFile { "/x", "empty file", 0, 0 } }),
        Catch::Contains("the project is open read-only (the file is not writable)"));
}

TEST_CASE("writeImportBatch upserts files, replaces changed ones and keeps the hierarchy tidy", "[project]")
{
    auto project = ProjectStore::open(
        makeTemporaryFolder("radmark-project") + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    project->writeImportBatch(
        { makeRecord("/data/a.dcm", "1.2.3.4", "1.2.3.4.1"), makeRecord("/data/b.dcm", "1.2.3.4", "1.2.3.4.2"),
            makeRecord("/data/c.dcm", "1.2.3.5", "1.2.3.5.1") },
        { SkippedFile { "/data/readme.txt", "not a DICOM file", 12, 7 } });
    ProjectCounts counts = project->counts();
    CHECK(counts.patients == 1);
    CHECK(counts.studies == 1);
    CHECK(counts.series == 2);
    CHECK(counts.instances == 3);
    CHECK(counts.skippedFiles == 1);
    CHECK(project->isUnchanged("/data/a.dcm", 1000, 42));
    CHECK_FALSE(project->isUnchanged("/data/a.dcm", 1000, 43));
    CHECK(project->isUnchanged("/data/readme.txt", 12, 7));

    const std::vector<InstanceRecord> stored = project->seriesInstances("1.2.3.4");
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].filePath == "/data/a.dcm");
    CHECK(stored[0].imagePositionPatient == std::vector<double> { -1.5, 2.25, 1.0 / 3.0 });
    CHECK(stored[0].windowWidths == std::vector<double> { 400, 1500 });
    CHECK(stored[0].seriesNumber == 3);
    CHECK_FALSE(stored[0].instanceNumber.has_value());
    CHECK(stored[0].pixelSpacingColumnMm == 0.75);
    CHECK(stored[0].flags.empty());

    // c.dcm changes series: the old series disappears; the text file now reads as an image.
    InstanceRecord moved = makeRecord("/data/c.dcm", "1.2.3.4", "1.2.3.5.1");
    moved.fileModifiedNs = 43;
    moved.rows = 128;
    project->writeImportBatch({ moved, makeRecord("/data/readme.txt", "1.2.3.4", "1.2.3.4.9") }, {});
    counts = project->counts();
    CHECK(counts.series == 1);
    CHECK(counts.instances == 4);
    CHECK(counts.skippedFiles == 0);
    const std::optional<SeriesSummary> series = project->seriesByUid("1.2.3.4");
    REQUIRE(series);
    CHECK(series->instances == 4);
    CHECK(series->distinctSizes == 2);
    CHECK(series->rows == 512); // of /data/a.dcm, the first by path
    CHECK(series->seriesNumber == 3);
    CHECK_FALSE(project->seriesByUid("1.2.3.5"));

    // A file that now fails replaces its instance with a skip entry; emptied series, study, patient go.
    project->writeImportBatch({},
        { SkippedFile { "/data/a.dcm", "truncated: x", 10, 44 }, SkippedFile { "/data/b.dcm", "empty file", 0, 44 },
            SkippedFile { "/data/c.dcm", "empty file", 0, 44 },
            SkippedFile { "/data/readme.txt", "empty file", 0, 44 } });
    counts = project->counts();
    CHECK(counts.instances == 0);
    CHECK(counts.series == 0);
    CHECK(counts.studies == 0);
    CHECK(counts.patients == 0);
    CHECK(counts.skippedFiles == 4);
    CHECK(project->skippedFiles().front().reason == "truncated: x");
}

TEST_CASE("A patient, study or series met again takes the new non-empty values, in the search index too", "[project]")
{
    auto project = ProjectStore::open(
        makeTemporaryFolder("radmark-project") + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    sqlite3* database = project->connection();
    InstanceRecord first = makeRecord("/data/a.dcm", "1.2.3.4", "1.2.3.4.1");
    first.patientSex = "F";
    first.studyDescription = "";
    first.accessionNumber = "A1";
    first.seriesDescription = "";
    first.seriesNumber.reset();
    project->writeImportBatch({ first }, {}, true);
    CHECK(queryText(database, "SELECT patient_sex || '|' || patient_birth_date FROM patients") == "F|");
    CHECK(queryText(database, "SELECT quote(series_number) || '|' || series_description FROM series") == "NULL|");

    // A later batch: empty values keep the stored ones, non-empty ones replace them (and the search text).
    InstanceRecord second = makeRecord("/data/b.dcm", "1.2.3.4", "1.2.3.4.2");
    second.patientName = "Doe^Janet";
    second.patientSex = "";
    second.patientBirthDate = "19700101";
    second.accessionNumber = "";
    second.studyDescription = "CT ABDOMEN";
    second.studyDate = "20240131";
    second.seriesDescription = "PORTAL";
    second.seriesNumber = 7;
    second.modality = "";
    project->writeImportBatch({ second }, {}, true);
    CHECK(project->counts().patients == 1);
    CHECK(project->counts().studies == 1);
    CHECK(project->counts().series == 1);
    CHECK(queryText(database, "SELECT patient_name || '|' || patient_sex || '|' || patient_birth_date FROM patients")
        == "Doe^Janet|F|19700101");
    CHECK(queryText(database, "SELECT accession_number || '|' || study_description || '|' || study_date FROM studies")
        == "A1|CT ABDOMEN|20240131");
    CHECK(queryText(database, "SELECT modality || '|' || series_number || '|' || series_description FROM series")
        == "CT|7|PORTAL");
    CHECK(queryText(database, "SELECT search_text FROM browser_search WHERE rowid = 2 * (SELECT id FROM studies)")
        == "Doe Janet\nP1\nA1\nCT ABDOMEN\n20240131\n2024-01-31");
    CHECK(queryText(database, "SELECT search_text FROM browser_search WHERE rowid = 2 * (SELECT id FROM series) + 1")
        == "PORTAL\nCT");

    // A batch of values all stored already updates no patient, study or series row.
    REQUIRE(
        sqlite3_exec(database,
            "CREATE TEMP TABLE updated(what TEXT); "
            "CREATE TEMP TRIGGER patient_updated AFTER UPDATE ON patients BEGIN INSERT INTO updated VALUES ('p'); END; "
            "CREATE TEMP TRIGGER study_updated AFTER UPDATE ON studies BEGIN INSERT INTO updated VALUES ('st'); END; "
            "CREATE TEMP TRIGGER series_updated AFTER UPDATE ON series BEGIN INSERT INTO updated VALUES ('s'); END",
            nullptr, nullptr, nullptr)
        == SQLITE_OK);
    InstanceRecord third = second;
    third.filePath = "/data/c.dcm";
    third.sopInstanceUid = "1.2.3.4.3";
    project->writeImportBatch({ third }, {}, true);
    CHECK(queryText(database, "SELECT count(*) FROM updated") == "0");
    CHECK(project->counts().instances == 3);
    // One new value updates its row only.
    InstanceRecord fourth = second;
    fourth.filePath = "/data/d.dcm";
    fourth.sopInstanceUid = "1.2.3.4.4";
    fourth.seriesNumber = 8;
    project->writeImportBatch({ fourth }, {}, true);
    CHECK(queryText(database, "SELECT group_concat(what) FROM updated") == "s");
    CHECK(queryText(database, "SELECT series_number FROM series") == "8");
}

TEST_CASE("A batch of 300 new studies and series links each series to its study and patient", "[project]")
{
    auto project = ProjectStore::open(
        makeTemporaryFolder("radmark-project") + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    std::vector<InstanceRecord> batch;
    for (int index = 0; index < 300; ++index) {
        const std::string number = std::to_string(index);
        // Two files a series; a series' files are not next to each other in the batch.
        for (int file = 0; file < 2; ++file) {
            InstanceRecord record = makeRecord("/data/" + std::to_string(file) + "/" + number + ".dcm",
                "1.2.5." + number, "1.2.6." + number + "." + std::to_string(file));
            record.studyInstanceUid = "1.2.4." + number;
            record.patientId = "P" + std::to_string(index % 7);
            record.studyDescription = "study " + number;
            record.seriesDescription = "series " + number;
            batch.push_back(record);
        }
    }
    std::sort(batch.begin(), batch.end(),
        [](const InstanceRecord& left, const InstanceRecord& right) { return left.filePath < right.filePath; });
    project->writeImportBatch(batch, {}, true);
    const ProjectCounts counts = project->counts();
    CHECK(counts.patients == 7);
    CHECK(counts.studies == 300);
    CHECK(counts.series == 300);
    CHECK(counts.instances == 600);
    for (const int index : { 0, 1, 127, 128, 255, 256, 299 }) {
        const std::string number = std::to_string(index);
        const std::optional<SeriesSummary> series = project->seriesByUid("1.2.5." + number);
        REQUIRE(series);
        CHECK(series->studyUid == "1.2.4." + number);
        CHECK(series->patientId == "P" + std::to_string(index % 7));
        CHECK(series->description == "series " + number);
        CHECK(series->instances == 2);
    }
    // Every study and series has its search document, and no other exists.
    sqlite3* database = project->connection();
    CHECK(queryText(database, "SELECT count(*) FROM browser_search") == "600");
    CHECK(queryText(database,
              "SELECT count(*) FROM studies st JOIN browser_search b ON b.rowid = 2 * st.id "
              "WHERE b.search_text LIKE '%' || st.study_description || '%' AND b.study_ref = st.id")
        == "300");
    CHECK(queryText(database,
              "SELECT count(*) FROM series s JOIN browser_search b ON b.rowid = 2 * s.id + 1 "
              "WHERE b.search_text = s.series_description || char(10) || 'CT' AND b.study_ref = s.study_ref")
        == "300");
}

TEST_CASE("A file twice in a batch of new files keeps one row with the later values", "[project]")
{
    auto project = ProjectStore::open(
        makeTemporaryFolder("radmark-project") + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    InstanceRecord later = makeRecord("/data/a.dcm", "1.2.3.4", "1.2.3.4.1");
    later.fileModifiedNs = 43;
    later.windowCenters = { 50 };
    project->writeImportBatch({ makeRecord("/data/a.dcm", "1.2.3.4", "1.2.3.4.1"), later }, {}, true);
    CHECK(project->counts().instances == 1);
    const std::vector<InstanceRecord> stored = project->seriesInstances("1.2.3.4");
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].fileModifiedNs == 43);
    CHECK(stored[0].windowCenters == std::vector<double> { 50 });
}

TEST_CASE("A SOP Instance UID shared by two files keeps both rows and flags them", "[project]")
{
    auto project = ProjectStore::open(
        makeTemporaryFolder("radmark-project") + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    project->writeImportBatch(
        { makeRecord("/data/a.dcm", "1.2.3.4", "1.2.3.4.1"), makeRecord("/copy/a.dcm", "1.2.3.4", "1.2.3.4.1"),
            makeRecord("/data/b.dcm", "1.2.3.4", "1.2.3.4.2") },
        {});
    CHECK(project->counts().instances == 3);
    const std::optional<SeriesSummary> series = project->seriesByUid("1.2.3.4");
    REQUIRE(series);
    CHECK(series->flaggedInstances == 2);
    const std::vector<InstanceRecord> records = project->seriesInstances("1.2.3.4");
    REQUIRE(records.size() == 3);
    CHECK(records[0].filePath == "/copy/a.dcm");
    CHECK(records[0].flags == std::vector<std::string> { "SOP Instance UID shared with another file" });
    CHECK(records[2].flags.empty());
}

TEST_CASE("A batch that fails half-way is rolled back completely", "[project]")
{
    auto project = ProjectStore::open(
        makeTemporaryFolder("radmark-project") + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    REQUIRE(sqlite3_exec(project->connection(),
                "CREATE TRIGGER boom BEFORE INSERT ON instances WHEN NEW.file_name = 'boom' "
                "BEGIN SELECT RAISE(ABORT, 'boom'); END",
                nullptr, nullptr, nullptr)
        == SQLITE_OK);
    CHECK_THROWS_WITH(project->writeImportBatch({ makeRecord("/data/a.dcm", "1.2.3.4", "1.2.3.4.1"),
                                                    makeRecord("/data/boom", "1.2.3.4", "1.2.3.4.2") },
                          {}),
        Catch::Contains("boom"));
    const ProjectCounts counts = project->counts();
    CHECK(counts.instances == 0);
    CHECK(counts.series == 0);
    CHECK(counts.patients == 0);
    project->writeImportBatch({ makeRecord("/data/a.dcm", "1.2.3.4", "1.2.3.4.1") }, {});
    CHECK(project->counts().instances == 1);
}
