// `radmark team agreement PROJECT [--format md|csv] [--disputes]` through the real process on a team project with
// known answers (two readers of six double-read studies), a reviewer's answer given with `radmark labels --role
// reviewer`, and the usage errors.
#include "RadmarkProcess.h"
#include "StudyRecordFixture.h"
#include "TeamAssignmentFixture.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <catch2/catch.hpp>

#include <string>

using radmark::testing::runRadmark;
using namespace radmark::storage;
using radmark::testing::studyRecord;

namespace {

// Studies ACC1..ACC6 read by alice and bob: effusion alice 1 1 0 0 1 0, bob 1 0 0 0 1 1 (ACC2 and ACC6 differ).
std::string makeProject(const std::string& folder)
{
    const std::string path = folder + "/team.radmark";
    auto store = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
    std::vector<InstanceRecord> records;
    for (int k = 1; k <= 6; ++k) {
        records.push_back(
            studyRecord("/d/" + std::to_string(k) + ".dcm", "1.2.88." + std::to_string(k), "ACC" + std::to_string(k)));
    }
    store->writeImportBatch(records, {});
    ReportStore reports(*store);
    StoredLabelSchema schema;
    schema.name = "team";
    schema.jsonText = R"({"format": "radmark-label-schema", "version": 1, "name": "team", "title": "Team",
      "labels": [{"name": "effusion", "kind": "finding", "synonyms": ["effusion"]}]})";
    schema.source = "test";
    reports.storeLabelSchema(schema);
    std::vector<std::int64_t> studies;
    const int alice[6] = { 1, 1, 0, 0, 1, 0 };
    const int bob[6] = { 1, 0, 0, 0, 1, 1 };
    std::vector<LabelDecision> decisions;
    for (int k = 1; k <= 6; ++k) {
        studies.push_back(*reports.findStudy("ACC" + std::to_string(k)));
        decisions.push_back({ studies.back(), "effusion", alice[k - 1], "alice", "radiologist", 1000 + k, "", 0, 0 });
        decisions.push_back({ studies.back(), "effusion", bob[k - 1], "bob", "radiologist", 2000 + k, "", 0, 0 });
    }
    reports.addDecisions(decisions);
    radmark::testing::assignStudies(*store, studies, { "alice", "bob" }, true);
    return path;
}

} // namespace

TEST_CASE("radmark team agreement prints exact kappa and alpha, the disputes, and the reviewer's effect", "[team][cli]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-team-agreement-cli");
    const std::string project = makeProject(folder);

    // Observed 4/6, alice 3 positive and bob 3 positive of 6: chance 0.5, kappa (2/3 - 1/2) / (1/2) = 1/3.
    auto result = runRadmark({ "team", "agreement", project, "--format", "csv", "--replicates", "200", "--seed", "5" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput.rfind("section,item,measure,value,ci_low,ci_high,n\n", 0) == 0);
    CHECK(result.standardOutput.find("team,all,double_read_studies,6,,,6\n") != std::string::npos);
    CHECK(result.standardOutput.find("team,all,disputed_studies,2,,,6\n") != std::string::npos);
    CHECK(result.standardOutput.find("label,effusion,cohen_kappa,0.3333,") != std::string::npos);
    CHECK(result.standardOutput.find("label,effusion,observed_agreement,0.6667,,,6\n") != std::string::npos);
    CHECK(result.standardOutput.find("annotator,alice,studies_done,6,,,6\n") != std::string::npos);
    // The same seed gives the same interval.
    const auto again
        = runRadmark({ "team", "agreement", project, "--format", "csv", "--replicates", "200", "--seed", "5" });
    CHECK(again.standardOutput == result.standardOutput);

    result = runRadmark({ "team", "agreement", project, "--disputes" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput
        == "study,kind,item,answers,reason\n"
           "ACC2,label,effusion,alice=1; bob=0,answers differ\n"
           "ACC6,label,effusion,alice=0; bob=1,answers differ\n");

    // The reviewer settles ACC2 through the labels command: one dispute left, alice agrees with the reviewer.
    result = runRadmark(
        { "labels", project, "--study", "ACC2", "--set", "effusion=1", "--author", "Dr Rev", "--role", "reviewer" });
    REQUIRE(result.exitCode == 0);
    result = runRadmark({ "team", "agreement", project, "--format", "csv" });
    CHECK(result.standardOutput.find("team,all,disputed_studies,1,,,6\n") != std::string::npos);
    CHECK(result.standardOutput.find("annotator,alice,agreement_with_adjudicated,1.0000,,,1\n") != std::string::npos);
    CHECK(result.standardOutput.find("annotator,bob,agreement_with_adjudicated,0.0000,,,1\n") != std::string::npos);
    // The markdown report holds the same kappa with its interval.
    result = runRadmark({ "team", "agreement", project });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput.find("| effusion | 6 | 2 | Cohen 0.333 [") != std::string::npos);
    CHECK(result.standardOutput.find("## Annotators") != std::string::npos);
    CHECK(result.standardOutput.find("| alice | 6 / 6 |") != std::string::npos);
}

TEST_CASE("radmark team agreement refuses wrong usage and a project without a team", "[team][cli]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-team-agreement-usage");
    const std::string project = makeProject(folder);
    auto result = runRadmark({ "team", "agreement", project, "--format", "xml" });
    CHECK(result.exitCode == 2);
    CHECK(result.standardError.find("--format must be md or csv") != std::string::npos);
    result = runRadmark({ "team", "agreement", project, "--iou", "1.5" });
    CHECK(result.exitCode == 2);
    result = runRadmark({ "team", "agreement", folder + "/missing.radmark" });
    CHECK(result.exitCode == 1);
    CHECK(result.standardError.find("no such project file") != std::string::npos);
    {
        auto plain = ProjectStore::open(folder + "/plain.radmark", ProjectStore::OpenMode::CreateIfMissing);
    }
    result = runRadmark({ "team", "agreement", folder + "/plain.radmark" });
    CHECK(result.exitCode == 1);
    CHECK(result.standardError.find("no study is assigned to annotators") != std::string::npos);
    result = runRadmark({ "export", project, "--format", "labels", "--out", folder + "/out", "--disputed", "maybe" });
    CHECK(result.exitCode == 2);
    CHECK(result.standardError.find("--disputed must be flag or exclude") != std::string::npos);
}
