// The dataset card: the measured accuracy of the auto-labels from the project's audit (audit-mode decisions only),
// and a Choice label's options counted as answers, not as "not mentioned".
#include "ExportTestProject.h"
#include "TestPaths.h"

#include "radmark/annotation/reports/JsonValue.h"
#include "radmark/storage/dataset/DatasetExport.h"
#include "radmark/storage/project/LabelAuditStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace radmark::storage;
using namespace radmark::testing;
using radmark::annotation::JsonValue;
using radmark::annotation::parseJson;

namespace {

std::string fileText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

const JsonValue& field(const JsonValue& object, const std::string& key)
{
    const JsonValue* found = object.find(key);
    INFO(key);
    REQUIRE(found != nullptr);
    return *found;
}

ExportRequest labelsExport(const std::string& out)
{
    ExportRequest request;
    request.formats = { "labels" };
    request.outputDir = out;
    request.split.seed = 42;
    request.identity.salt = "fixed-salt";
    request.commandLine = "radmark export test";
    return request;
}

} // namespace

TEST_CASE("The dataset card counts a Choice label's option as an answer, not as not mentioned", "[export][labels]")
{
    ExportTestProject test = makeExportTestProject(3);
    ReportStore reports(*test.project);
    const std::int64_t study = *reports.findStudy(test.patients[2].studyUid);
    reports.putProposals({ LabelProposal { study, "ct", 1, "Report author", std::nullopt, "trainee", "resident", 0 } });
    const std::string out = test.folder + "/dataset";
    runDatasetExport(*test.project, labelsExport(out));

    CHECK(fileText(out + "/labels/labels.csv").find("trainee") != std::string::npos);
    const JsonValue card = parseJson(fileText(out + "/dataset_card.json"));
    const JsonValue& author = field(field(card, "labels"), "Report author");
    CHECK(field(author, "not_mentioned").number == 0);
    CHECK(field(field(author, "choices"), "trainee").number == 1);
    CHECK(
        fileText(out + "/dataset_card.md").find("Report author (options, not counted in the columns above): trainee 1.")
        != std::string::npos);
}

TEST_CASE("The dataset card carries each label's measured accuracy from the audit", "[export][audit]")
{
    ExportTestProject test = makeExportTestProject(4);
    ReportStore reports(*test.project);
    // Patient 0 was decided by hand (not drawable); patient 1 is proposed -1; patients 2 and 3 are proposed 1.
    const std::int64_t p1 = *reports.findStudy(test.patients[1].studyUid);
    const std::int64_t p2 = *reports.findStudy(test.patients[2].studyUid);
    const std::int64_t p3 = *reports.findStudy(test.patients[3].studyUid);
    reports.putProposals({ LabelProposal { p2, "ct", 1, "effusion", 1, "", "effusion", 0 },
        LabelProposal { p3, "ct", 1, "effusion", 1, "", "effusion", 0 } });
    const std::string before = test.folder + "/before";
    runDatasetExport(*test.project, labelsExport(before));
    CHECK(fileText(before + "/dataset_card.md").find("Not measured: the project has no audit sample")
        != std::string::npos);

    LabelAuditStore audit(*test.project);
    const AuditSample sample = audit.drawSample({ "effusion" }, 3, 5, "Dr R");
    REQUIRE(sample.studyIds.size() == 3);
    // The reviewer in audit mode: p1 negative (proposed uncertain), p2 positive (right), p3 negative (wrong).
    reports.addDecisions({ LabelDecision { p1, "effusion", 0, "Dr R", "reviewer", 0, {}, 0, sample.id },
        LabelDecision { p2, "effusion", 1, "Dr R", "reviewer", 0, {}, 0, sample.id },
        LabelDecision { p3, "effusion", 0, "Dr R", "reviewer", 0, {}, 0, sample.id } });
    const std::string out = test.folder + "/dataset";
    runDatasetExport(*test.project, labelsExport(out));

    const std::string md = fileText(out + "/dataset_card.md");
    INFO(md);
    CHECK(md.find("## Measured accuracy of the auto-labels") != std::string::npos);
    CHECK(md.find("3 of 3 studies drawn at random (1 sample, seed 5;") != std::string::npos);
    CHECK(md.find("Only decisions made in audit mode count here") != std::string::npos);
    // Precision 1/2 (Wilson [0.0945, 0.9055]), recall 1/1 ([0.2065, 1]), kappa 1/7 +- 1.96 * 0.3499, 1/3 same.
    CHECK(md.find("- effusion (auto): precision 0.50 [0.09, 0.91], recall 1.00 [0.21, 1.00], kappa 0.14 [-0.54, 0.83], "
                  "same answer 0.33 [0.06, 0.79], from 3 audited studies.")
        != std::string::npos);

    const JsonValue card = parseJson(fileText(out + "/dataset_card.json"));
    const JsonValue& measured = field(card, "measured_label_accuracy");
    CHECK(field(measured, "audited_studies").number == 3);
    CHECK(field(measured, "seeds").items.at(0).string == "5");
    const JsonValue& effusion = field(field(measured, "labels"), "effusion");
    CHECK(field(field(effusion, "precision"), "value").number == 0.5);
    CHECK(field(field(effusion, "precision"), "ci95_wilson").items.at(0).number == Approx(0.094531).margin(1e-6));
    CHECK(field(field(effusion, "recall"), "ci95_wilson").items.at(0).number == Approx(0.206549).margin(1e-6));
    CHECK(field(field(effusion, "kappa"), "value").number == Approx(1.0 / 7.0).margin(1e-12));
}
