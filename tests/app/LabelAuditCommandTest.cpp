// `radmark labels PROJECT --audit-draw N [--seed S]`, `--study KEY --confirm/--set ... --audit`, `--audit-studies` and
// `--accuracy` end to end through the real process: the draw refused when too large (nothing stored), reproducible
// with its seed, audit-mode decisions only for drawn studies, and the exact measured accuracy.
#include "RadmarkProcess.h"
#include "StudyRecordFixture.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>

using radmark::testing::runRadmark;
using namespace radmark::storage;
using radmark::testing::studyRecord;

namespace {

const char* auditSchema = R"({"format": "radmark-label-schema", "version": 1, "name": "audit", "title": "Audit",
  "labels": [
    {"name": "Edema", "kind": "finding", "synonyms": ["edema"]},
    {"name": "Author", "kind": "choice", "choices": [{"name": "trainee", "synonyms": ["resident"]},
                                                     {"name": "senior", "synonyms": ["attending"]}]}]})";

// Studies ACC01..ACC12: Edema proposed 1 (01-06) or 0 (07-12), Author not stated.
void makeProject(const std::string& path)
{
    auto store = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
    std::vector<InstanceRecord> records;
    for (int k = 1; k <= 12; ++k) {
        const std::string number = (k < 10 ? "0" : "") + std::to_string(k);
        records.push_back(studyRecord("/d/" + number + ".dcm", "1.2.77." + std::to_string(k), "ACC" + number));
    }
    store->writeImportBatch(records, {});
    ReportStore reports(*store);
    StoredLabelSchema schema;
    schema.name = "audit";
    schema.jsonText = auditSchema;
    schema.source = "test";
    reports.storeLabelSchema(schema);
    std::vector<LabelProposal> proposals;
    for (int k = 1; k <= 12; ++k) {
        const std::int64_t study = *reports.findStudy("1.2.77." + std::to_string(k));
        proposals.push_back(LabelProposal { study, "audit", 1, "Edema", k <= 6 ? 1 : 0, "", "", 1000 });
        proposals.push_back(LabelProposal { study, "audit", 1, "Author", std::nullopt, "", "", 1000 });
    }
    reports.putProposals(proposals);
}

// The accession numbers of the "position,study" lines of a draw.
std::vector<std::string> drawnStudies(const std::string& output)
{
    std::vector<std::string> studies;
    std::istringstream lines(output.substr(output.find("position,study\n") + 15));
    std::string line;
    while (std::getline(lines, line)) {
        studies.push_back(line.substr(line.find(',') + 1));
    }
    return studies;
}

} // namespace

TEST_CASE("labels --audit-draw draws a reproducible sample, --audit decisions give the exact --accuracy",
    "[cli][labels][audit]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-audit-cli");
    const std::string project = folder + "/p.radmark";
    makeProject(project);

    // Bad input: too large a sample is refused and nothing is stored; a size that is no number is wrong usage.
    auto result = runRadmark({ "labels", project, "--audit-draw", "20", "--seed", "3" });
    CHECK(result.exitCode == 1);
    CHECK(result.standardError.find(project
              + ": cannot draw an audit sample of 20 studies: only 12 studies have "
                "proposals, no human decision and are in no earlier sample; nothing "
                "was drawn (ask for at most 12)")
        != std::string::npos);
    result = runRadmark({ "labels", project, "--audit-studies" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput == "sample,seed,position,study,audited_labels\n");
    CHECK(runRadmark({ "labels", project, "--audit-draw", "four" }).exitCode == 2);
    CHECK(runRadmark({ "labels", project, "--audit-draw", "4", "--seed", "-1" }).exitCode == 2);
    CHECK(runRadmark({ "labels", project, "--seed", "3" }).exitCode == 2);

    result = runRadmark({ "labels", project, "--audit-draw", "4", "--seed", "3", "--author", "Dr Audit" });
    INFO(result.standardError);
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput.rfind("Drew audit sample 1: 4 of 12 studies with proposals and no human decision, "
                                      "seed 3, 2 strata of proposed values (proportional allocation).\n",
              0)
        == 0);
    const std::vector<std::string> drawn = drawnStudies(result.standardOutput);
    REQUIRE(drawn.size() == 4);
    int positives = 0;
    for (const std::string& study : drawn) {
        positives += study <= "ACC06" ? 1 : 0;
    }
    CHECK(positives == 2); // 4 of 12 from strata of 6 and 6: 2 and 2

    // The same seed on a copy draws the same studies in the same order.
    makeProject(folder + "/copy.radmark");
    const auto copy = runRadmark({ "labels", folder + "/copy.radmark", "--audit-draw", "4", "--seed", "3" });
    REQUIRE(copy.exitCode == 0);
    CHECK(drawnStudies(copy.standardOutput) == drawn);

    // A study that was not drawn cannot be decided in audit mode.
    std::string notDrawn;
    for (const std::string candidate : { "ACC01", "ACC02", "ACC03", "ACC04", "ACC05" }) {
        if (std::find(drawn.begin(), drawn.end(), candidate) == drawn.end()) {
            notDrawn = candidate;
            break;
        }
    }
    result = runRadmark({ "labels", project, "--study", notDrawn, "--confirm", "--audit" });
    CHECK(result.exitCode == 1);
    CHECK(result.standardError.find("study \"" + notDrawn + "\" is in no audit sample") != std::string::npos);

    // The reviewer corrects the first drawn study proposed positive and confirms the other three.
    bool corrected = false;
    for (const std::string& study : drawn) {
        std::vector<std::string> arguments { "labels", project, "--study", study, "--confirm", "--audit", "--author",
            "Dr Audit" };
        if (!corrected && study <= "ACC06") {
            arguments.insert(arguments.end(), { "--set", "Edema=0" });
            corrected = true;
        }
        result = runRadmark(arguments);
        INFO(result.standardError);
        REQUIRE(result.exitCode == 0);
        CHECK(result.standardOutput.find("in audit mode (sample 1)") != std::string::npos);
    }
    result = runRadmark({ "labels", project, "--audit-studies" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput.find("1,3,1," + drawn[0] + ",2\n") != std::string::npos);

    // TP 1, FP 1, FN 0, TN 2: precision 1/2, recall 1/1, same answer 3/4, kappa 0.5 (po 0.75, pe 0.5).
    result = runRadmark({ "labels", project, "--accuracy" });
    INFO(result.standardError);
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput
        == "Audit: 4 of 4 drawn studies reviewed in audit mode (1 sample, seed 3). Only audit-mode decisions count; "
           "95% "
           "intervals: Wilson for proportions, kappa +- 1.96 SE.\n"
           "Edema: precision 0.50 [0.09, 0.91] (1/2), recall 1.00 [0.21, 1.00] (1/1), kappa 0.50 [-0.35, 1.00], same "
           "answer 0.75 [0.30, 0.95], from 4 audited studies\n"
           "Author: kappa -, same answer 1.00 [0.51, 1.00], from 4 audited studies\n");
    result = runRadmark({ "labels", project, "--accuracy", "--format", "csv" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput.find("label,audited,precision,precision_low,precision_high,recall,") == 0);
    CHECK(result.standardOutput.find("\nEdema,4,0.5000,0.0945,0.9055,1.0000,0.2065,1.0000,0.7500,0.3006,0.9544,"
                                     "0.5000,-0.3487,1.0000\n")
        != std::string::npos);

    // A second draw takes from the 8 studies left only.
    result = runRadmark({ "labels", project, "--audit-draw", "9", "--seed", "4" });
    CHECK(result.exitCode == 1);
    CHECK(result.standardError.find("only 8 studies") != std::string::npos);
}
