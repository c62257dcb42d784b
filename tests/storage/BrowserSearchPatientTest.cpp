// Schema 11: the study browser's search documents carry their patient (no study lookup per match), kept by the
// triggers when a study moves to another patient, and rebuilt from a schema-8 project with the same filter results.
#include "StudyRecordFixture.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/StudyBrowserIndex.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

using namespace radmark::storage;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::studyRecord;

namespace {

InstanceRecord instance(const std::string& patientId, const std::string& patientName, const std::string& studyUid,
    const std::string& accession, const std::string& seriesSuffix, const std::string& seriesDescription)
{
    InstanceRecord record = studyRecord("/d/" + studyUid + "/" + seriesSuffix + ".dcm", studyUid, accession);
    record.patientId = patientId;
    record.patientName = patientName;
    record.studyDescription = "CT ABDOMEN";
    record.studyDate = "20190412";
    record.seriesInstanceUid = studyUid + "." + seriesSuffix;
    record.sopInstanceUid = record.seriesInstanceUid + ".1";
    record.seriesDescription = seriesDescription;
    return record;
}

std::string rows(ProjectStore& project, const char* sql)
{
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(project.connection(), sql, -1, &statement, nullptr) == SQLITE_OK);
    std::string text;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        for (int column = 0; column < sqlite3_column_count(statement); ++column) {
            const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
            text += (column > 0 ? "," : "") + std::string(value != nullptr ? value : "NULL");
        }
        text += "|";
    }
    sqlite3_finalize(statement);
    return text;
}

// Each document as (kind, patient ID, study accession, series description), from its own columns.
constexpr char documentsSql[] = R"(SELECT CASE b.series_ref WHEN 0 THEN 'study' ELSE 'series' END, p.patient_id,
    st.accession_number, COALESCE(s.series_description, '') FROM browser_search b
    JOIN patients p ON p.id = b.patient_ref JOIN studies st ON st.id = b.study_ref
    LEFT JOIN series s ON s.id = b.series_ref ORDER BY b.rowid)";

// The same built from the tables: what every document must say.
constexpr char expectedSql[] = R"(SELECT kind, patient_id, accession_number, description FROM (
    SELECT 2 * st.id AS doc, 'study' AS kind, p.patient_id, st.accession_number, '' AS description
      FROM studies st JOIN patients p ON p.id = st.patient_ref
    UNION ALL
    SELECT 2 * s.id + 1, 'series', p.patient_id, st.accession_number, s.series_description
      FROM series s JOIN studies st ON st.id = s.study_ref JOIN patients p ON p.id = st.patient_ref) ORDER BY doc)";

std::vector<std::string> patientIdsShown(const StudyBrowserIndex& index)
{
    std::vector<std::string> ids;
    for (const auto& row : index.patientRows(index.patientIds())) {
        ids.push_back(row.patient.patientId);
    }
    return ids;
}

void writeProject(ProjectStore& project)
{
    project.writeImportBatch({ instance("PAT-A", "Alpha^Anna", "1.2.3.1", "ACC-1", "1", "Portal venous"),
                                 instance("PAT-A", "Alpha^Anna", "1.2.3.1", "ACC-1", "2", "Arterial"),
                                 instance("PAT-B", "Beta^Bert", "1.2.3.2", "ACC-2", "1", "Portal venous"),
                                 instance("PAT-C", "Gamma^Gil", "1.2.3.3", "ACC-3", "1", "Delayed") },
        {});
}

} // namespace

TEST_CASE("Schema 11: every search document names its patient, also after a study moves", "[browser][schema]")
{
    const std::string folder = makeTemporaryFolder("radmark-search-patient");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    REQUIRE(project->schemaVersion() == 12);
    writeProject(*project);
    // Document order is rowid order: 2 * study id, 2 * series id + 1.
    const std::string expected = "study,PAT-A,ACC-1,|series,PAT-A,ACC-1,Portal venous|study,PAT-B,ACC-2,|"
                                 "series,PAT-A,ACC-1,Arterial|study,PAT-C,ACC-3,|series,PAT-B,ACC-2,Portal venous|"
                                 "series,PAT-C,ACC-3,Delayed|";
    CHECK(rows(*project, expectedSql) == expected);
    CHECK(rows(*project, documentsSql) == expected);

    StudyBrowserIndex index(*project);
    index.setFilter("portal venous");
    CHECK(patientIdsShown(index) == std::vector<std::string> { "PAT-A", "PAT-B" });

    // Study ACC-3 given to patient PAT-B (a corrected patient): its series' documents follow it.
    REQUIRE(sqlite3_exec(project->connection(),
                "UPDATE studies SET patient_ref = (SELECT id FROM patients WHERE patient_id = 'PAT-B') "
                "WHERE accession_number = 'ACC-3'",
                nullptr, nullptr, nullptr)
        == SQLITE_OK);
    REQUIRE(rows(*project,
                "SELECT p.patient_id FROM studies st JOIN patients p ON p.id = st.patient_ref "
                "WHERE st.accession_number = 'ACC-3'")
        == "PAT-B|");
    CHECK(rows(*project, documentsSql) == rows(*project, expectedSql));
    CHECK(rows(*project, "SELECT COUNT(*) FROM browser_search") == "7|");
    StudyBrowserIndex moved(*project);
    moved.setFilter("delayed");
    CHECK(patientIdsShown(moved) == std::vector<std::string> { "PAT-B" });
    moved.setFilter("de"); // two characters: the scan, same documents
    CHECK(patientIdsShown(moved) == std::vector<std::string> { "PAT-B" });
    moved.setFilter("ACC-3");
    CHECK(patientIdsShown(moved) == std::vector<std::string> { "PAT-B" });
}

TEST_CASE(
    "Schema 11 rebuilds the search documents of a schema-8 project with the same filter results", "[browser][schema]")
{
    const std::string folder = makeTemporaryFolder("radmark-search-patient-upgrade");
    const std::string path = folder + "/p.radmark";
    {
        auto project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
        writeProject(*project);
        // Back to schema 8's search index: documents without their patient, and its triggers (and without
        // schema 9's table; schema 10 sees its compact rows are already there).
        const char* downgrade = R"(
            DROP TABLE saliency_file_values;
            DROP TRIGGER browser_search_study_insert; DROP TRIGGER browser_search_study_update;
            DROP TRIGGER browser_search_study_delete; DROP TRIGGER browser_search_patient_update;
            DROP TRIGGER browser_search_series_insert; DROP TRIGGER browser_search_series_update;
            DROP TRIGGER browser_search_series_delete; DROP TABLE browser_search;
            CREATE VIRTUAL TABLE browser_search USING fts5(search_text, study_ref UNINDEXED, series_ref UNINDEXED,
                tokenize = 'trigram');
            INSERT INTO browser_search(rowid, search_text, study_ref, series_ref)
                SELECT 2 * st.id, replace(p.patient_name, '^', ' ') || char(10) || p.patient_id || char(10) ||
                    st.accession_number || char(10) || st.study_description, st.id, 0
                FROM studies st JOIN patients p ON p.id = st.patient_ref;
            INSERT INTO browser_search(rowid, search_text, study_ref, series_ref)
                SELECT 2 * s.id + 1, s.series_description || char(10) || s.modality, s.study_ref, s.id FROM series s;
            CREATE TRIGGER browser_search_series_delete AFTER DELETE ON series BEGIN
                DELETE FROM browser_search WHERE rowid = 2 * old.id + 1; END;
            PRAGMA user_version = 8;)";
        REQUIRE(sqlite3_exec(project->connection(), downgrade, nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    std::string freshSchema;
    {
        auto fresh = ProjectStore::open(folder + "/fresh.radmark", ProjectStore::OpenMode::CreateIfMissing);
        freshSchema = rows(*fresh,
            "SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'browser_search%' "
            "ORDER BY type, name");
    }
    auto project = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
    CHECK(project->schemaVersion() == 12);
    CHECK(rows(*project,
              "SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'browser_search%' ORDER BY type, name")
        == freshSchema);
    CHECK(rows(*project, "PRAGMA integrity_check") == "ok|");
    CHECK(rows(*project, documentsSql) == rows(*project, expectedSql));
    CHECK(rows(*project, "SELECT COUNT(*) FROM browser_search") == "7|");
    // The rebuilt documents hold the whole text again (dates in both forms).
    StudyBrowserIndex index(*project);
    const std::vector<std::pair<std::string, std::vector<std::string>>> filters { { "portal venous",
                                                                                      { "PAT-A", "PAT-B" } },
        { "alpha anna", { "PAT-A" } }, { "acc-2", { "PAT-B" } }, { "2019-04-12", { "PAT-A", "PAT-B", "PAT-C" } },
        { "delayed", { "PAT-C" } }, { "ar", { "PAT-A" } }, { "pat-c", { "PAT-C" } } };
    for (const auto& [text, expected] : filters) {
        INFO(text);
        index.setFilter(text);
        CHECK(patientIdsShown(index) == expected);
    }
    // The triggers of schema 11 keep it: a new study is found at once.
    project->writeImportBatch({ instance("PAT-D", "Delta^Dora", "1.2.3.4", "ACC-4", "1", "Portal venous") }, {});
    StudyBrowserIndex reread(*project);
    reread.setFilter("portal venous");
    CHECK(patientIdsShown(reread) == std::vector<std::string> { "PAT-A", "PAT-B", "PAT-D" });
}
