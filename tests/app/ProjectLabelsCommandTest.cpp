// `radmark label-reports PROJECT` and `radmark labels PROJECT` end to end: reports imported beside the
// studies, proposals, a human decision that re-labelling keeps, unmatched reports, wrong usage.
#include "RadmarkProcess.h"
#include "StudyRecordFixture.h"
#include "TestFiles.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <catch2/catch.hpp>

#include <string>

using radmark::testing::runRadmark;
using namespace radmark::storage;
using radmark::testing::studyRecord;
using radmark::testing::writeTextFile;

namespace {

const char* miniSchema = R"({"format": "radmark-label-schema", "version": 1, "name": "mini", "title": "Mini",
  "labels": [
    {"name": "Effusion", "kind": "finding", "synonyms": ["pleural effusion"]},
    {"name": "Edema", "kind": "finding", "synonyms": ["edema"]},
    {"name": "Pneumothorax", "kind": "finding", "synonyms": ["pneumothorax"]}]})";

} // namespace

TEST_CASE("label-reports PROJECT stores proposals, labels PROJECT prints final labels with source and author",
    "[cli][labels]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-project-labels");
    const std::string project = folder + "/p.radmark";
    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::CreateIfMissing);
        store->writeImportBatch({ studyRecord("/d/a.dcm", "1.2.10", "ACC1"), studyRecord("/d/b.dcm", "1.2.20", "ACC2"),
                                    studyRecord("/d/c.dcm", "1.2.30", "ACC3") },
            {});
    }
    writeTextFile(folder + "/mini.json", miniSchema);
    writeTextFile(folder + "/reports.csv",
        "accession,report\nACC1,\"IMPRESSION: Pleural effusion. No pneumothorax.\"\n"
        "ACC2,FINDINGS: Possible edema.\nACC9,Cardiomegaly.\n");
    auto result = runRadmark({ "import", project, folder + "/reports.csv", "--quiet" });
    REQUIRE(result.exitCode == 0);
    CHECK_THAT(result.standardOutput,
        Catch::Contains("Reports: 3 stored, 0 attached to studies imported now, 1 matching no study (radmark "
                        "labels "
            + project + " --unmatched-reports)"));

    result = runRadmark({ "label-reports", project, "--schema", folder + "/mini.json" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput
        == "Labelled 2 studies with schema \"mini\" version 1; 0 already labelled, 1 without a report, "
           "1 unmatched report\n"
           "label,positive,negative,uncertain,not_mentioned\n"
           "Effusion,1,0,0,1\n"
           "Edema,0,0,1,1\n"
           "Pneumothorax,0,1,0,1\n");

    const std::string autoLabels = "accession,study_uid,Effusion,Edema,Pneumothorax,source,author\n"
                                   "ACC1,1.2.10,1,,0,auto,\n"
                                   "ACC2,1.2.20,,-1,,auto,\n"
                                   "ACC3,1.2.30,,,,,\n";
    result = runRadmark({ "labels", project, "--format", "csv" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput == autoLabels);

    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::ReadWrite);
        ReportStore labels(*store);
        const std::int64_t acc2 = labels.finalLabels()[1].studyId;
        labels.addDecision(LabelDecision { acc2, "Edema", 1, "Dr A", "radiologist", 0, {}, 0 });
    }
    const std::string withDecision = "accession,study_uid,Effusion,Edema,Pneumothorax,source,author\n"
                                     "ACC1,1.2.10,1,,0,auto,\n"
                                     "ACC2,1.2.20,,1,,human,Dr A\n"
                                     "ACC3,1.2.30,,,,,\n";
    // Re-labelling (the schema is remembered) keeps the human decision.
    result = runRadmark({ "label-reports", project, "--only-unlabelled" });
    REQUIRE(result.exitCode == 0);
    CHECK(
        result.standardOutput.rfind("Labelled 0 studies with schema \"mini\" version 1; 2 already labelled, ", 0) == 0);
    result = runRadmark({ "label-reports", project });
    REQUIRE(result.exitCode == 0);
    result = runRadmark({ "labels", project });
    CHECK(result.standardOutput == withDecision);

    result = runRadmark({ "labels", project, "--unmatched-reports" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput == "key,file,row\nACC9," + folder + "/reports.csv,4\n");

    // The report's study arrives later: the report attaches at that import.
    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::ReadWrite);
        store->writeImportBatch({ studyRecord("/d/d.dcm", "1.2.90", "ACC9") }, {});
    }
    REQUIRE(runRadmark({ "import", project, folder + "/reports.csv", "--quiet" }).exitCode == 0);
    result = runRadmark({ "labels", project, "--unmatched-reports" });
    CHECK(result.standardOutput == "key,file,row\n");
}

TEST_CASE("labels and label-reports PROJECT refuse wrong usage with exit 2, bad files with exit 1", "[cli][labels]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-project-labels-usage");
    const std::string project = folder + "/p.radmark";
    ProjectStore::open(project, ProjectStore::OpenMode::CreateIfMissing).reset();
    CHECK(runRadmark({ "labels", project, "--format", "json" }).exitCode == 2);
    CHECK(runRadmark({ "label-reports", project }).exitCode == 2);
    const auto missing = runRadmark({ "labels", folder + "/none.radmark" });
    CHECK(missing.exitCode == 1);
    CHECK(missing.standardError.find("none.radmark: no such project file") != std::string::npos);
    const auto badSchema = runRadmark({ "label-reports", project, "--schema", folder + "/absent.json" });
    CHECK(badSchema.exitCode == 1);
}

TEST_CASE("labels PROJECT: the latest proposal of any schema, decisions over it, quoted cells, names in first order",
    "[cli][labels]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-project-labels-table");
    const std::string project = folder + "/p.radmark";
    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::CreateIfMissing);
        store->writeImportBatch(
            { studyRecord("/d/a.dcm", "1.2.10", "ACC1"), studyRecord("/d/b.dcm", "1.2.20", "ACC2,b"),
                studyRecord("/d/c.dcm", "1.2.30", "ACC3") },
            {});
        ReportStore labels(*store);
        const auto finals = labels.finalLabels();
        REQUIRE(finals.size() == 3);
        const std::int64_t acc1 = finals[0].studyId;
        const std::int64_t acc2 = finals[1].studyId;
        const std::int64_t acc3 = finals[2].studyId;
        const auto proposal = [](std::int64_t study, const char* schema, const char* label, std::optional<int> value,
                                  std::int64_t ms, const char* choice = "") {
            return LabelProposal { study, schema, 1, label, value, choice, "", ms };
        };
        // Nodule: schema "b" computed later wins for ACC1; a tie (both 500) goes to the later row for ACC3.
        labels.putProposals({ proposal(acc1, "a", "Nodule", 1, 100),
            proposal(acc1, "a", "Side", std::nullopt, 100, "left, \"upper\""), proposal(acc3, "a", "Nodule", 0, 500),
            proposal(acc3, "a", "Side", std::nullopt, 100, "left, \"upper\"") });
        labels.putProposals({ proposal(acc1, "b", "Nodule", -1, 200), proposal(acc3, "b", "Nodule", 1, 500),
            proposal(acc2, "b", "Effusion", 0, 50) });
        // Decisions: two authors on ACC2 (one name with a quote), one undone on ACC3 (its name still listed),
        // a label only decided ("Fracture"), a later decision over an earlier one.
        labels.addDecision(LabelDecision { acc2, "Effusion", 1, "Dr \"B\"", "radiologist", 10, {}, 0 });
        labels.addDecision(LabelDecision { acc2, "Fracture", 0, "Dr \"B\"", "radiologist", 20, {}, 0 });
        labels.addDecision(LabelDecision { acc2, "Effusion", 0, "Dr A", "radiologist", 30, {}, 0 });
        const auto undone
            = labels.addDecisions({ LabelDecision { acc3, "Pneumothorax", 1, "Dr A", "reviewer", 40, {}, 0 } });
        labels.undoDecisions(undone, "Dr A");
        labels.addDecision(LabelDecision { acc1, "Side", std::nullopt, "Dr A", "radiologist", 5, "right", 0 });
    }
    const auto result = runRadmark({ "labels", project, "--format", "csv" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput
        == "accession,study_uid,Nodule,Side,Effusion,Fracture,Pneumothorax,source,author\n"
           "ACC1,1.2.10,-1,right,,,,human,Dr A\n"
           "\"ACC2,b\",1.2.20,,,0,0,,human,\"Dr A;Dr \"\"B\"\"\"\n"
           "ACC3,1.2.30,1,\"left, \"\"upper\"\"\",,,,auto,\n");
}
