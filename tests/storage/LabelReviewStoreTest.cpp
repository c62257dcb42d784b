// Label review in the project (schema 5): schema revisions, reversible decisions with their audit trail,
// choice decisions, per-study review states for the workflow's filters.
#include "StudyRecordFixture.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <catch2/catch.hpp>

using namespace radmark::storage;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::studyRecord;

namespace {

LabelProposal proposal(
    std::int64_t study, const std::string& label, std::optional<int> value, const std::string& choice = {})
{
    LabelProposal result;
    result.studyId = study;
    result.schemaName = "mini";
    result.labelName = label;
    result.value = value;
    result.choice = choice;
    result.computedMs = 1000;
    return result;
}

LabelDecision decision(
    std::int64_t study, const std::string& label, std::optional<int> value, const std::string& choice = {})
{
    return LabelDecision { study, label, value, "Dr A", "radiologist", 0, choice, 0 };
}

} // namespace

TEST_CASE("The project keeps each distinct label schema text as a revision, the last is current", "[labels]")
{
    const std::string folder = makeTemporaryFolder("radmark-label-review");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    ReportStore reports(*project);
    CHECK_FALSE(reports.currentLabelSchema());

    StoredLabelSchema schema;
    schema.name = "mini";
    schema.version = 1;
    schema.jsonText = "{\"v\": 1}";
    schema.source = "/s/mini.json";
    CHECK(reports.storeLabelSchema(schema).revision == 1);
    CHECK(reports.storeLabelSchema(schema).revision == 1); // same text: no new revision
    schema.jsonText = "{\"v\": 2}";
    schema.version = 2;
    const StoredLabelSchema second = reports.storeLabelSchema(schema);
    CHECK(second.revision == 2);
    CHECK(second.version == 2);
    CHECK(reports.currentLabelSchema()->jsonText == "{\"v\": 2}");
    REQUIRE(reports.labelSchemaRevisions().size() == 2);
    CHECK(reports.labelSchemaRevisions()[0].jsonText == "{\"v\": 1}");
    CHECK(reports.labelSchemaRevisions()[0].source == "/s/mini.json");
}

TEST_CASE("Undone decisions keep their rows but no longer count, choices are decided too", "[labels]")
{
    const std::string folder = makeTemporaryFolder("radmark-label-review");
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    project->writeImportBatch({ studyRecord("/d/a.dcm", "1.2.10", "ACC1"), studyRecord("/d/b.dcm", "1.2.20", "ACC2"),
                                  studyRecord("/d/c.dcm", "1.2.30", "ACC3") },
        {});
    ReportStore reports(*project);
    const std::int64_t acc1 = *reports.findStudy("ACC1");
    const std::int64_t acc2 = *reports.findStudy("1.2.20");
    const std::int64_t acc3 = *reports.findStudy("ACC3");
    CHECK_FALSE(reports.findStudy("ACC9"));
    CHECK(reports.studySeriesUids(acc1) == std::vector<std::string> { "1.2.10.1" });

    reports.putProposals({ proposal(acc1, "Edema", 1), proposal(acc1, "Author", std::nullopt, "senior"),
        proposal(acc2, "Edema", std::nullopt), proposal(acc2, "Author", std::nullopt) });
    const std::vector<std::string> labels { "Edema", "Author" };

    auto states = reports.reviewStates(labels);
    REQUIRE(states.size() == 3);
    CHECK(states[0].accessionNumber == "ACC1");
    CHECK(states[0].proposedLabels == 2);
    CHECK(states[0].decidedLabels == 0);
    CHECK(states[2].proposedLabels == 0); // ACC3: unlabelled

    const auto ids
        = reports.addDecisions({ decision(acc1, "Edema", 0), decision(acc1, "Author", std::nullopt, "trainee") });
    REQUIRE(ids.size() == 2);
    states = reports.reviewStates(labels);
    CHECK(states[0].decidedLabels == 2);
    CHECK(states[0].disagreements == 2); // 0 vs proposed 1, trainee vs proposed senior
    CHECK(reports.reviewState(acc1, labels).disagreements == 2);
    auto finals = reports.finalLabels();
    CHECK(finals[0].labels["Author"].choice == "trainee");
    CHECK(finals[0].labels["Author"].human);
    CHECK(*finals[0].labels["Edema"].value == 0);

    reports.undoDecisions({ ids[0] }, "Dr B");
    CHECK(reports.decisions(acc1).size() == 1);
    CHECK(reports.decisions(acc1)[0].labelName == "Author");
    CHECK(reports.reviewState(acc1, labels).decidedLabels == 1);
    CHECK(reports.reviewState(acc1, labels).disagreements == 1);
    finals = reports.finalLabels();
    CHECK_FALSE(finals[0].labels["Edema"].human); // back to the proposal
    CHECK(*finals[0].labels["Edema"].value == 1);
    const auto history = reports.decisionHistory(acc1);
    REQUIRE(history.size() == 2);
    CHECK(history[0].decision.id == ids[0]);
    CHECK(history[0].undoneMs > 0);
    CHECK(history[0].undoneBy == "Dr B");
    CHECK(history[1].undoneMs == 0);

    // Agreeing decisions confirm without disagreement.
    reports.addDecisions({ decision(acc2, "Edema", std::nullopt), decision(acc2, "Author", std::nullopt) });
    const auto acc2State = reports.reviewState(acc2, labels);
    CHECK(acc2State.decidedLabels == 2);
    CHECK(acc2State.disagreements == 0);
    CHECK(reports.reviewState(acc3, labels).decidedLabels == 0);
    CHECK_THROWS_AS(
        reports.addDecisions({ LabelDecision { acc3, "Edema", 1, "", "radiologist", 0, {}, 0 } }), ProjectError);
    CHECK(reports.decisionHistory(acc3).empty()); // nothing of the refused batch was written
}
