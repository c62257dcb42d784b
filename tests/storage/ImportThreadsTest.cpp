// The thread layout of an import (reader threads, the writing thread reading between batches) changes the order
// in which files reach the project, never what is stored.
#include "ImportTestFiles.h"
#include "TestPaths.h"

#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

using namespace radmark::storage;
using namespace radmark::testing;
namespace fs = std::filesystem;

namespace {

// Every row of a query as "value|value|..." (NULL as "NULL"), leaving out the columns named in `skip` (row ids,
// which depend on the order files are written in).
std::vector<std::string> rowsOf(sqlite3* database, const std::string& sql, const std::set<std::string>& skip = {})
{
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(database, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::vector<std::string> rows;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        std::string row;
        for (int column = 0; column < sqlite3_column_count(statement); ++column) {
            if (skip.count(sqlite3_column_name(statement, column)) != 0) {
                continue;
            }
            const unsigned char* text = sqlite3_column_text(statement, column);
            row += text ? reinterpret_cast<const char*>(text) : "NULL";
            row += '|';
        }
        rows.push_back(row);
    }
    sqlite3_finalize(statement);
    return rows;
}

struct StoredImport {
    std::vector<std::string> instances;
    std::vector<std::string> patients;
    std::vector<std::string> studies;
    std::vector<std::string> series;
    std::vector<std::string> sharedValues;
    std::vector<std::string> searchTexts;
    std::vector<std::string> skipped;
};

StoredImport importWith(const std::string& folder, const std::string& name, unsigned threads, std::size_t batchSize)
{
    auto project = ProjectStore::open(folder + "/" + name + ".radmark", ProjectStore::OpenMode::CreateIfMissing);
    ImportOptions options;
    options.threads = threads;
    options.batchSize = batchSize;
    const ImportSummary summary = importPaths(*project, { folder + "/in" }, options);
    CHECK(summary.progress.filesImported == 180);
    CHECK(summary.progress.filesSkipped == 3);
    sqlite3* database = project->connection();
    StoredImport stored;
    stored.instances = rowsOf(database, "SELECT * FROM instance_records ORDER BY file_path",
        { "id", "series_ref", "values_ref", "folder_ref" });
    stored.patients = rowsOf(database, "SELECT * FROM patients ORDER BY patient_key", { "id" });
    stored.studies = rowsOf(database,
        "SELECT st.*, p.patient_key FROM studies st JOIN patients p ON p.id = st.patient_ref ORDER BY study_uid",
        { "id", "patient_ref" });
    stored.series = rowsOf(database,
        "SELECT s.*, st.study_uid FROM series s JOIN studies st ON st.id = s.study_ref ORDER BY series_uid",
        { "id", "study_ref" });
    stored.sharedValues = rowsOf(database,
        "SELECT v.*, s.series_uid FROM instance_series_values v JOIN series s ON s.id = v.series_ref "
        "ORDER BY s.series_uid, v.slice_thickness_mm",
        { "id", "series_ref" });
    stored.searchTexts = rowsOf(database,
        "SELECT b.search_text, st.study_uid, coalesce(s.series_uid, '') FROM browser_search b "
        "JOIN studies st ON st.id = b.study_ref LEFT JOIN series s ON s.id = b.series_ref "
        "ORDER BY st.study_uid, s.series_uid");
    stored.skipped = rowsOf(database, "SELECT * FROM skipped_files ORDER BY file_path", { "id" });
    return stored;
}

} // namespace

TEST_CASE("An import on four reader threads stores exactly the rows of a one-thread import", "[import]")
{
    const std::string root = makeTemporaryFolder("radmark-import-threads");
    // 12 series of 15 slices in 6 studies (2 series each) of 3 patients; the slice thickness changes half-way through
    // every third series, so that those series have two rows of shared values.
    for (int index = 0; index < 12; ++index) {
        SyntheticSeriesSpec spec = smallCtSpec(8, 8, 15);
        spec.patientId = "P" + std::to_string(index / 2 % 3);
        spec.patientName = "Patient^" + std::to_string(index / 2 % 3);
        spec.studyInstanceUid = "1.2.826.0.1.3680043.10.1.1." + std::to_string(index / 2);
        spec.seriesInstanceUid = "1.2.826.0.1.3680043.10.1.2." + std::to_string(index);
        spec.studyDescription = "Study " + std::to_string(index / 2);
        spec.seriesDescription = "Series " + std::to_string(index);
        spec.seriesNumber = index + 1;
        spec.windowCenter = 40.0 + index;
        const std::string folder = root + "/in/s" + std::to_string(index);
        const WrittenSeries written = writeSyntheticSeries(spec, folder);
        REQUIRE(written.filePaths.size() == 15);
        if (index % 3 == 0) {
            SyntheticSeriesSpec thicker = spec;
            thicker.sliceThicknessMm = 5.0;
            thicker.slices = 8;
            const WrittenSeries rewritten = writeSyntheticSeries(thicker, root + "/thicker" + std::to_string(index));
            for (std::size_t slice = 0; slice < rewritten.filePaths.size(); ++slice) {
                fs::copy_file(
                    rewritten.filePaths[slice], written.filePaths[slice], fs::copy_options::overwrite_existing);
            }
        }
    }
    writeTextFile(root + "/in/s0/empty.dcm", "");
    writeTextFile(root + "/in/s5/notes.dat", "not an image\n");
    writeTextFile(root + "/in/s11/truncated.dcm", "DICM");

    // Batches of 16 files: series and studies cross batches, some batches start new ones.
    const StoredImport single = importWith(root, "single", 1, 16);
    const StoredImport four = importWith(root, "four", 4, 16);
    const StoredImport allCores = importWith(root, "all", 0, 2000);
    CHECK(single.instances.size() == 180);
    CHECK(single.patients.size() == 3);
    CHECK(single.studies.size() == 6);
    CHECK(single.series.size() == 12);
    CHECK(single.sharedValues.size() == 16);
    CHECK(single.searchTexts.size() == 18);
    CHECK(single.skipped.size() == 3);
    CHECK(single.instances == four.instances);
    CHECK(single.patients == four.patients);
    CHECK(single.studies == four.studies);
    CHECK(single.series == four.series);
    CHECK(single.sharedValues == four.sharedValues);
    CHECK(single.searchTexts == four.searchTexts);
    CHECK(single.skipped == four.skipped);
    CHECK(single.instances == allCores.instances);
    CHECK(single.sharedValues == allCores.sharedValues);
    CHECK(single.searchTexts == allCores.searchTexts);
    CHECK(single.skipped == allCores.skipped);
}
