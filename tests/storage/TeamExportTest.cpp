// Export of a team project: double-read studies carry the reviewer's answer, else the readers' agreed one (one
// mark per agreed lesion); studies still in dispute are flagged or excluded (--disputed), and the dataset card
// counts them. The exported label rows are compared whole.
#include "CsvFields.h"
#include "ExportTestProject.h"
#include "ExportedFileBytes.h"
#include "TeamAssignmentFixture.h"
#include "TestPaths.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/storage/dataset/DatasetExport.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>

using namespace radmark::storage;
using namespace radmark::annotation;
using radmark::testing::csvFields;
using radmark::testing::ExportTestProject;
using radmark::testing::fileBytes;
using radmark::testing::makeExportTestProject;
using radmark::testing::makeTemporaryFolder;

namespace {

// (effusion, source, author, disputed) of every labels.csv row, sorted.
std::vector<std::tuple<std::string, std::string, std::string, std::string>> labelRows(const std::string& dataset)
{
    const auto rows = csvFields(fileBytes(dataset + "/labels/labels.csv"));
    REQUIRE(!rows.empty());
    CHECK(rows[0]
        == std::vector<std::string> { "patient", "study", "split", "effusion", "source", "author", "disputed" });
    std::vector<std::tuple<std::string, std::string, std::string, std::string>> values;
    for (std::size_t index = 1; index < rows.size(); ++index) {
        REQUIRE(rows[index].size() == 7);
        values.emplace_back(rows[index][3], rows[index][4], rows[index][5], rows[index][6]);
    }
    std::sort(values.begin(), values.end());
    return values;
}

ExportRequest labelsRequest(const std::string& out, DisputedStudies disputed)
{
    ExportRequest request;
    request.formats = { "labels", "coco" };
    request.outputDir = out;
    request.split.seed = 42;
    request.identity.salt = "fixed-salt";
    request.commandLine = "radmark export test";
    request.disputed = disputed;
    return request;
}

} // namespace

TEST_CASE(
    "Team export: adjudicated else agreed answers, disputed studies flagged or excluded and counted", "[team][export]")
{
    ExportTestProject test = makeExportTestProject(2);
    ReportStore reports(*test.project);
    const std::int64_t study0 = *reports.findStudy(test.patients[0].studyUid);
    const std::int64_t study1 = *reports.findStudy(test.patients[1].studyUid);
    radmark::testing::assignStudies(*test.project, { study0, study1 }, { "alice", "bob" }, true);
    // Effusion: alice and bob differ on patient 0, agree (uncertain) on patient 1.
    reports.addDecisions({ { study0, "effusion", 1, "alice", "radiologist", 2000, "", 0, 0 },
        { study0, "effusion", 0, "bob", "radiologist", 2001, "", 0, 0 },
        { study1, "effusion", -1, "alice", "radiologist", 2002, "", 0, 0 },
        { study1, "effusion", -1, "bob", "radiologist", 2003, "", 0, 0 } });
    // Both mark the same lesion on patient 1 (box IoU 9/11): one lesion in the dataset, alice's.
    MarkStore marks(*test.project);
    AnnotationDocument document(Author { "alice", AuthorRole::Radiologist });
    for (const LesionMark& mark : marks.loadMarks()) {
        document.addMark(mark);
    }
    document.addObserver([&](const DocumentChange& change) { marks.applyChange(change, document); });
    LesionMark lesion = marks.loadMarks(test.patients[1].seriesUid).front();
    lesion.id.clear();
    lesion.createdMs = lesion.modifiedMs = 0;
    lesion.slice.sliceIndex = 6;
    lesion.shape = Box2dMark { { 10, 10, 20, 20 } };
    lesion.author = { "alice", AuthorRole::Radiologist };
    REQUIRE(document.addMark(lesion));
    lesion.shape = Box2dMark { { 11, 10, 21, 20 } };
    lesion.author = { "bob", AuthorRole::Radiologist };
    REQUIRE(document.addMark(lesion));

    const std::string base = makeTemporaryFolder("radmark-team-export");
    // Flag (the default): both studies, patient 0's effusion without value and named as disputed.
    ExportOutcome outcome = runDatasetExport(*test.project, labelsRequest(base + "/flag", DisputedStudies::Flag));
    CHECK(outcome.studies == 2);
    CHECK(outcome.marks == 5); // Dr Marker's 3 + 1 (not readers: kept), the agreed lesion once
    using Row = std::tuple<std::string, std::string, std::string, std::string>;
    CHECK(labelRows(base + "/flag")
        == std::vector<Row> { { "", "human", "", "label effusion" }, { "-1", "human", "alice", "" } });
    const std::string card = fileBytes(base + "/flag/dataset_card.md");
    CHECK(card.find("## Reader agreement") != std::string::npos);
    CHECK(card.find("Studies still in dispute: 1 (1 exported and flagged") != std::string::npos);
    CHECK(card.find("| effusion | 2 | 2 | Cohen ") != std::string::npos);
    const std::string json = fileBytes(base + "/flag/dataset_card.json");
    CHECK(json.find("\"disputed_studies_flagged\": 1") != std::string::npos);
    CHECK(json.find("\"disputed_policy\": \"flag\"") != std::string::npos);

    // Exclude: patient 0 is left out and counted.
    outcome = runDatasetExport(*test.project, labelsRequest(base + "/exclude", DisputedStudies::Exclude));
    CHECK(outcome.studies == 1);
    CHECK(outcome.log.disputedStudiesExcluded == 1);
    CHECK(labelRows(base + "/exclude") == std::vector<Row> { { "-1", "human", "alice", "" } });
    CHECK(fileBytes(base + "/exclude/dataset_card.json").find("\"disputed_studies_excluded\": 1") != std::string::npos);
    CHECK(fileBytes(base + "/exclude/dataset_card.md").find("(1 excluded from this dataset)") != std::string::npos);

    // The reviewer settles patient 0 (negative): the export now holds both, with the reviewer's answer.
    reports.addDecision({ study0, "effusion", 0, "Dr Rev", "reviewer", 3000, "", 0, 0 });
    outcome = runDatasetExport(*test.project, labelsRequest(base + "/settled", DisputedStudies::Exclude));
    CHECK(outcome.studies == 2);
    CHECK(labelRows(base + "/settled")
        == std::vector<Row> { { "-1", "human", "alice", "" }, { "0", "human", "Dr Rev", "" } });
}
