#include "TeamProjectFixture.h"

#include "LabelledStudiesProject.h"
#include "RadmarkProcess.h"
#include "TestFiles.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <sstream>

namespace fs = std::filesystem;

namespace radmark::testing {

TeamProjectFixture makeTeamProjectFixture(const std::string& folderPrefix, int studies)
{
    TeamProjectFixture fixture;
    fixture.folder = makeTemporaryFolder(folderPrefix);
    fixture.images = fixture.folder / "images";
    fixture.project = fixture.folder / "team.radmark";
    std::vector<std::string> importArguments { "import", fixture.project.string() };
    const char* reports[] = { "FINDINGS: Small pleural effusion. No pneumothorax.\n",
        "FINDINGS: No pleural effusion. Small apical pneumothorax, follow-up advised.\n",
        "FINDINGS: Clear lungs. No pleural effusion, no pneumothorax.\n" };
    for (int study = 1; study <= studies; ++study) {
        storage::SyntheticSeriesSpec spec;
        spec.columns = 32;
        spec.rows = 32;
        spec.slices = 2;
        spec.accessionNumber = "ACC" + std::to_string(study);
        spec.patientId = "P" + std::to_string(study);
        spec.studyDescription = "CT CHEST " + std::to_string(study);
        const fs::path dicom = fixture.images / ("dicom" + std::to_string(study));
        fixture.series.push_back(storage::writeSyntheticSeries(spec, dicom.string()));
        fixture.seriesOfAccession[spec.accessionNumber] = fixture.series.back().seriesInstanceUid;
        fixture.accessionOfStudyUid[fixture.series.back().studyInstanceUid] = spec.accessionNumber;
        importArguments.push_back(dicom.string());
        const fs::path report = fixture.folder / (spec.accessionNumber + ".txt");
        writeTextFile(report.string(), reports[(study - 1) % 3]);
        importArguments.push_back(report.string());
    }
    importArguments.push_back("--quiet");
    const auto imported = runRadmark(importArguments);
    INFO(imported.standardError);
    REQUIRE(imported.exitCode == 0);
    writeTextFile((fixture.folder / "schema.json").string(), threeLabelSchemaJson("chest", "Chest"));
    const auto labelled = runRadmark(
        { "label-reports", fixture.project.string(), "--schema", (fixture.folder / "schema.json").string() });
    INFO(labelled.standardError);
    REQUIRE(labelled.exitCode == 0);
    return fixture;
}

std::string queryProject(const fs::path& project, const std::string& sql)
{
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open_v2(project.c_str(), &database, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::string rows;
    char* message = nullptr;
    const int result = sqlite3_exec(
        database, sql.c_str(),
        [](void* target, int columns, char** values, char**) {
            auto& text = *static_cast<std::string*>(target);
            if (!text.empty()) {
                text += '|';
            }
            for (int column = 0; column < columns; ++column) {
                text += (column > 0 ? "," : "") + std::string(values[column] ? values[column] : "NULL");
            }
            return 0;
        },
        &rows, &message);
    const std::string error = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(database);
    INFO(sql << ": " << error);
    REQUIRE(result == SQLITE_OK);
    return rows;
}

std::vector<std::string> workListAccessions(const fs::path& project, const std::string& annotator)
{
    std::vector<std::string> arguments { "team", "worklist", project.string(), "--format", "csv" };
    if (!annotator.empty()) {
        arguments.insert(arguments.end(), { "--annotator", annotator });
    }
    const auto listed = runRadmark(arguments);
    INFO(listed.standardError);
    REQUIRE(listed.exitCode == 0);
    std::vector<std::string> accessions;
    std::istringstream lines(listed.standardOutput);
    std::string line;
    std::getline(lines, line); // header
    while (std::getline(lines, line)) {
        std::vector<std::string> fields;
        std::istringstream cells(line);
        std::string cell;
        while (std::getline(cells, cell, ',')) {
            fields.push_back(cell);
        }
        REQUIRE(fields.size() == 9);
        accessions.push_back(fields[2]);
    }
    return accessions;
}

} // namespace radmark::testing
