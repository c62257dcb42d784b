// The whole team workflow through the real binary, ending in the agreement figures: a team project split for three
// annotators with every study read twice, each annotator labelling their studies in their own file with
// `radmark labels`, the files merged back, then `radmark team agreement` with Fleiss' kappa (three readers, pairs
// varying by study) equal to the value computed here from the answers given.
#include "RadmarkProcess.h"
#include "TeamProjectFixture.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

namespace fs = std::filesystem;
using radmark::testing::runRadmark;

namespace {

void requireSuccess(const radmark::testing::ProcessResult& result)
{
    INFO(result.standardError);
    REQUIRE(result.exitCode == 0);
}

// Each annotator's answer: a fixed rule of the study and the annotator, so that some double reads disagree.
int effusionOf(const std::string& accession, int annotator)
{
    const int study = std::stoi(accession.substr(3));
    return (study + annotator) % 3 == 0 ? 1 : 0;
}

} // namespace

TEST_CASE("Split for three annotators, labelled in each file, merged: team agreement gives the exact Fleiss kappa",
    "[team][cli][agreement]")
{
    const auto fixture = radmark::testing::makeTeamProjectFixture("radmark-team-agreement-e2e", 9);
    const fs::path out = fixture.folder / "handout";
    requireSuccess(runRadmark({ "team", "split", fixture.project.string(), "--annotators", "alice,bob,carol",
        "--double-read", "1", "--seed", "11", "--out", out.string() }));
    const std::vector<std::string> annotators { "alice", "bob", "carol" };
    std::map<std::string, std::vector<int>> answersOfStudy;
    for (std::size_t annotator = 0; annotator < annotators.size(); ++annotator) {
        const fs::path file = out / (annotators[annotator] + ".radmark");
        for (const std::string& accession : radmark::testing::workListAccessions(file)) {
            const int value = effusionOf(accession, static_cast<int>(annotator));
            requireSuccess(runRadmark(
                { "labels", file.string(), "--study", accession, "--set", "Effusion=" + std::to_string(value) }));
            answersOfStudy[accession].push_back(value);
        }
    }
    requireSuccess(runRadmark({ "team", "merge", fixture.project.string(), (out / "alice.radmark").string(),
        (out / "bob.radmark").string(), (out / "carol.radmark").string() }));

    // Fleiss' kappa from the answers, two per study: P = share of studies with equal answers, Pe = sum of squared
    // category shares over all answers.
    REQUIRE(answersOfStudy.size() == 9);
    double agreeing = 0.0;
    double positives = 0.0;
    for (const auto& [accession, answers] : answersOfStudy) {
        REQUIRE(answers.size() == 2);
        agreeing += answers[0] == answers[1] ? 1.0 : 0.0;
        positives += answers[0] + answers[1];
    }
    const double observed = agreeing / 9.0;
    const double positiveShare = positives / 18.0;
    const double chance = positiveShare * positiveShare + (1.0 - positiveShare) * (1.0 - positiveShare);
    const double kappa = (observed - chance) / (1.0 - chance);
    char expected[128];
    std::snprintf(expected, sizeof expected, "label,Effusion,fleiss_kappa,%.4f,", kappa);

    const auto agreement = runRadmark({ "team", "agreement", fixture.project.string(), "--format", "csv" });
    requireSuccess(agreement);
    INFO(agreement.standardOutput);
    CHECK(agreement.standardOutput.find("team,all,double_read_studies,9,,,9\n") != std::string::npos);
    CHECK(agreement.standardOutput.find(expected) != std::string::npos);
    char observedRow[128];
    std::snprintf(observedRow, sizeof observedRow, "label,Effusion,observed_agreement,%.4f,,,9\n", observed);
    CHECK(agreement.standardOutput.find(observedRow) != std::string::npos);
    CHECK(agreement.standardOutput.find("label,Effusion,readers,3,,,9\n") != std::string::npos);
    for (const std::string& name : annotators) {
        CHECK(agreement.standardOutput.find("annotator," + name + ",studies_assigned,6,,,6\n") != std::string::npos);
        CHECK(agreement.standardOutput.find("annotator," + name + ",studies_done,6,,,6\n") != std::string::npos);
    }
}
