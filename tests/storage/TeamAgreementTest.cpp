// Agreement figures and the adjudication answer of a team project built through the store API: two readers
// (alice, bob) of ten double-read studies with known label answers and lesion marks, a reviewer settling some
// disagreements. Every figure is exact (hand-computed; see the comments).
#include "StudyRecordFixture.h"
#include "TeamAssignmentFixture.h"
#include "TestPaths.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"
#include "radmark/storage/team/TeamAgreementReport.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <cmath>

using namespace radmark::storage;
using namespace radmark::annotation;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::studyRecord;

namespace {

// The rows of a one-column query, joined by '|'.
std::string columnText(const ProjectStore& project, const std::string& sql)
{
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(project.connection(), sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::string rows;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        const auto* value = sqlite3_column_text(statement, 0);
        rows += (rows.empty() ? "" : "|") + std::string(value ? reinterpret_cast<const char*>(value) : "NULL");
    }
    sqlite3_finalize(statement);
    return rows;
}

std::string studyUid(int k)
{
    return "1.2.826.0.9." + std::to_string(k);
}

// A RECIST with a horizontal long axis and a vertical short axis of the given lengths (1 mm pixels), centred at
// (100, 100) on `slice`.
LesionMark recist(const std::string& author, int study, int slice, double longMm, double shortMm)
{
    LesionMark mark;
    mark.slice = { studyUid(study) + ".1", studyUid(study) + ".1.1", 0, slice };
    mark.shape = RecistMark { { { 100 - longMm / 2, 100 }, { 100 + longMm / 2, 100 } },
        { { 100, 100 - shortMm / 2 }, { 100, 100 + shortMm / 2 } }, {}, {} };
    mark.author = { author, AuthorRole::Radiologist };
    return mark;
}

LesionMark box(
    const std::string& author, int study, int slice, PixelBox boxPx, AuthorRole role = AuthorRole::Radiologist)
{
    LesionMark mark;
    mark.slice = { studyUid(study) + ".1", studyUid(study) + ".1.1", 0, slice };
    mark.shape = Box2dMark { boxPx };
    mark.author = { author, role };
    return mark;
}

struct TeamProject {
    std::unique_ptr<ProjectStore> project;
    std::map<std::string, std::string> markIds; // by a name given here
};

// Studies 1..10 read by alice and bob (double read), study 11 by carol alone.
// pneumonia: alice 1 1 1 1 0 0 0 0 1 0, bob 1 1 1 0 0 0 0 1 1 0 (disagreements on studies 4 and 8).
// Lesions: RECIST pairs on studies 1, 5 (adjacent slices) and 6; a box by alice only on 2, by bob only on 3,
// one each far apart on 7.
TeamProject makeTeamProject(const std::string& path)
{
    TeamProject team;
    team.project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
    std::vector<InstanceRecord> records;
    for (int k = 1; k <= 11; ++k) {
        records.push_back(studyRecord("/t/" + std::to_string(k) + ".dcm", studyUid(k), "T" + std::to_string(100 + k)));
    }
    team.project->writeImportBatch(records, {});
    ReportStore reports(*team.project);
    std::vector<std::int64_t> studies;
    for (int k = 1; k <= 11; ++k) {
        studies.push_back(*reports.findStudy(studyUid(k)));
    }
    radmark::testing::assignStudies(*team.project, { studies.begin(), studies.begin() + 10 }, { "alice", "bob" }, true);
    radmark::testing::assignStudies(*team.project, { studies[10] }, { "carol" }, false);

    const int alice[10] = { 1, 1, 1, 1, 0, 0, 0, 0, 1, 0 };
    const int bob[10] = { 1, 1, 1, 0, 0, 0, 0, 1, 1, 0 };
    std::vector<LabelDecision> decisions;
    const std::int64_t t0 = 1'700'000'000'000;
    for (int k = 0; k < 10; ++k) {
        decisions.push_back({ studies[k], "pneumonia", alice[k], "alice", "radiologist", t0 + k * 120'000, "", 0, 0 });
        decisions.push_back({ studies[k], "pneumonia", bob[k], "bob", "trainee", t0 + k * 60'000, "", 0, 0 });
    }
    decisions.push_back({ studies[10], "pneumonia", 1, "carol", "radiologist", t0, "", 0, 0 });
    // An undone answer of bob on study 1 does not count.
    reports.addDecisions(decisions);
    const auto undone
        = reports.addDecisions({ { studies[0], "pneumonia", 0, "bob", "trainee", t0 + 999'000, "", 0, 0 } });
    reports.undoDecisions(undone, "bob");

    MarkStore marks(*team.project);
    AnnotationDocument document(Author { "nobody", AuthorRole::Radiologist });
    document.addObserver([&](const DocumentChange& change) { marks.applyChange(change, document); });
    const auto add = [&](const std::string& name, LesionMark mark) {
        const EditResult result = document.addMark(std::move(mark));
        REQUIRE(result);
        team.markIds[name] = result.markId;
    };
    add("a1", recist("alice", 1, 3, 20, 10));
    add("b1", recist("bob", 1, 3, 22, 10));
    add("a5", recist("alice", 5, 3, 30, 15));
    add("b5", recist("bob", 5, 4, 29, 14));
    add("a6", recist("alice", 6, 3, 40, 20));
    add("b6", recist("bob", 6, 3, 40, 21));
    add("a2", box("alice", 2, 5, { 10, 10, 30, 30 }));
    add("b3", box("bob", 3, 5, { 10, 10, 30, 30 }));
    add("a7", box("alice", 7, 5, { 10, 10, 30, 30 }));
    add("b7", box("bob", 7, 5, { 200, 200, 230, 230 }));
    return team;
}

} // namespace

TEST_CASE(
    "Team agreement: kappa, alpha, lesion matching, Bland-Altman and ICC of two readers are exact", "[team][agreement]")
{
    const std::string folder = makeTemporaryFolder("radmark-team-agreement");
    TeamProject team = makeTeamProject(folder + "/team.radmark");
    const TeamReadings readings = readTeamReadings(*team.project);
    REQUIRE(readings.studies.size() == 10); // carol's study is read once
    CHECK(readings.studies[0].readers == std::vector<std::string> { "alice", "bob" });
    REQUIRE(readings.annotators.size() == 3);

    TeamAgreementOptions options;
    options.bootstrapReplicates = 500;
    const TeamAgreementReport report = computeTeamAgreement(readings, options);
    REQUIRE(report.labels.size() == 1);
    const LabelReaderAgreement& pneumonia = report.labels[0];
    CHECK(pneumonia.label == "pneumonia");
    CHECK(pneumonia.studies == 10);
    CHECK(pneumonia.readers == 2);
    CHECK(pneumonia.kappaKind == "Cohen");
    // Observed 0.8, chance 0.5 (both readers 5 positive of 10): kappa 0.6; alpha 31/50.
    CHECK(pneumonia.kappa.value == Approx(0.6).epsilon(1e-12));
    CHECK(pneumonia.alpha.value == Approx(31.0 / 50.0).epsilon(1e-12));
    CHECK(pneumonia.observedAgreement == Approx(0.8));
    CHECK(pneumonia.kappa.low < 0.6);
    CHECK(pneumonia.kappa.high <= 1.0);
    CHECK(pneumonia.disputed == 2);
    CHECK(pneumonia.adjudicated == 0);
    // Reproducible: the same seed gives the same interval.
    const TeamAgreementReport again = computeTeamAgreement(readings, options);
    CHECK(again.labels[0].kappa.low == pneumonia.kappa.low);
    CHECK(again.labels[0].kappa.high == pneumonia.kappa.high);

    const LesionReaderAgreement& lesions = report.lesions;
    CHECK(lesions.studies == 6);
    CHECK(lesions.matched == 3);
    CHECK(lesions.onlyFirst == 2);
    CHECK(lesions.onlySecond == 2);
    CHECK(lesions.detectionAgreement == Approx(0.6));
    // Long axes alice - bob: -2, 1, 0; short axes: 0, 1, -1.
    CHECK(lesions.longAxisMm.pairs == 3);
    CHECK(lesions.longAxisMm.meanDifference == Approx(-1.0 / 3.0));
    CHECK(lesions.longAxisMm.sdDifference == Approx(std::sqrt(7.0 / 3.0)));
    CHECK(lesions.longAxisMm.upperLimit == Approx(-1.0 / 3.0 + 1.96 * std::sqrt(7.0 / 3.0)));
    CHECK(lesions.shortAxisMm.meanDifference == Approx(0.0).margin(1e-12));
    CHECK(lesions.shortAxisMm.lowerLimit == Approx(-1.96));
    CHECK(lesions.longAxisIcc == Approx(108.0 / 109.0).epsilon(1e-12));
    CHECK(lesions.shortAxisIcc == Approx(165.0 / 167.0).epsilon(1e-12));
    CHECK(lesions.disputed == 4); // 2, 3 and the two on 7

    CHECK(report.doubleReadStudies == 10);
    CHECK(report.disputedStudies == 5); // 4 and 8 (labels), 2, 3, 7 (lesions)
    REQUIRE(report.annotators.size() == 3);
    CHECK(report.annotators[0].name == "alice");
    CHECK(report.annotators[0].assigned == 10);
    CHECK(report.annotators[0].done == 10);
    // alice's decisions are 2 minutes apart (her marks were made much later, after a break): median 2.
    CHECK(report.annotators[0].medianMinutesPerStudy == Approx(2.0).margin(0.001));
    CHECK(report.annotators[2].name == "carol");
    CHECK(report.annotators[2].done == 1);
    CHECK(report.annotators[0].comparedWithFinal == 8);
    CHECK(report.annotators[0].agreedWithFinal == 8);
}

TEST_CASE("Adjudication: a reviewer's label decision, adopted mark and no-lesion verdict settle disputes",
    "[team][agreement]")
{
    const std::string folder = makeTemporaryFolder("radmark-team-adjudication");
    TeamProject team = makeTeamProject(folder + "/team.radmark");
    ReportStore reports(*team.project);
    const std::int64_t study4 = *reports.findStudy(studyUid(4));
    // The reviewer settles pneumonia on study 4 (positive: alice was right).
    reports.addDecision({ study4, "pneumonia", 1, "Dr Rev", "reviewer", 1'800'000'000'000, "", 0, 0 });
    // Study 2: the reviewer takes alice's box (a copy of it as the reviewer's mark).
    MarkStore marks(*team.project);
    AnnotationDocument document(Author { "Dr Rev", AuthorRole::Reviewer });
    for (const LesionMark& mark : marks.loadMarks()) {
        document.addMark(mark);
    }
    document.addObserver([&](const DocumentChange& change) { marks.applyChange(change, document); });
    REQUIRE(document.addMark(box("Dr Rev", 2, 5, { 10, 10, 30, 30 }, AuthorRole::Reviewer)));
    // Study 3: bob's box is no lesion.
    recordLesionRejection(*team.project, { team.markIds["b3"] }, { "Dr Rev", AuthorRole::Reviewer }, 1'800'000'000'000);

    const TeamReadings readings = readTeamReadings(*team.project);
    const auto studies = adjudicateStudies(readings);
    REQUIRE(studies.size() == 10);
    const auto& s2 = studies[1];
    const auto& s3 = studies[2];
    const auto& s4 = studies[3];
    REQUIRE(s4.labels.size() == 1);
    CHECK(s4.labels[0].state == ItemState::Adjudicated);
    CHECK(s4.labels[0].final->value == 1);
    CHECK(s4.labels[0].final->author == "Dr Rev");
    REQUIRE(s2.lesions.size() == 1);
    CHECK(s2.lesions[0].state == ItemState::Adjudicated);
    CHECK(s2.lesions[0].missingReaders == std::vector<std::string> { "bob" });
    REQUIRE(s2.finalMarks().size() == 1);
    CHECK(s2.finalMarks()[0].author.name == "Dr Rev");
    REQUIRE(s3.lesions.size() == 1);
    CHECK(s3.lesions[0].rejected);
    CHECK(s3.finalMarks().empty());
    CHECK_FALSE(s3.disputed());
    // Study 1: agreed RECIST pair, exported once (alice's, the first reader's).
    REQUIRE(studies[0].finalMarks().size() == 1);
    CHECK(studies[0].finalMarks()[0].id == team.markIds["a1"]);
    // A tolerance of 1.5 mm makes the study-1 pair a dispute (long axes 20 and 22 mm).
    const auto strict = adjudicateStudies(readings, AdjudicationOptions { 0.3, 1.5 });
    CHECK(strict[0].lesions[0].state == ItemState::Disputed);
    CHECK(strict[0].lesions[0].reason == "long axis differs by 2.0 mm");

    const TeamAgreementReport report = computeTeamAgreement(readings);
    CHECK(report.disputedStudies == 2); // 7 (lesions) and 8 (label)
    CHECK(report.adjudicatedItems == 3);
    CHECK(report.annotators[0].comparedWithAdjudicated == 1);
    CHECK(report.annotators[0].agreedWithAdjudicated == 1);
    CHECK(report.annotators[1].comparedWithAdjudicated == 1);
    CHECK(report.annotators[1].agreedWithAdjudicated == 0);

    // Reopening the no-lesion verdict puts study 3 back in dispute.
    recordLesionRejection(
        *team.project, { team.markIds["b3"] }, { "Dr Rev", AuthorRole::Reviewer }, 1'800'000'001'000, true);
    CHECK(adjudicateStudies(readTeamReadings(*team.project))[2].disputed());

    // The CSV holds the same figures.
    const std::string csv = teamAgreementCsv(computeTeamAgreement(readings));
    CHECK(csv.find("label,pneumonia,cohen_kappa,0.6000,") != std::string::npos);
    CHECK(csv.find("label,pneumonia,krippendorff_alpha,0.6200,") != std::string::npos);
    CHECK(csv.find("lesions,long_axis,icc_2_1,0.9908,,,3\n") != std::string::npos);
    CHECK(csv.find("lesions,all,detection_agreement,0.6000,,,6\n") != std::string::npos);
    CHECK(csv.find("annotator,alice,agreement_with_adjudicated,1.0000,,,1\n") != std::string::npos);
}

TEST_CASE("A no-lesion verdict on two marks stores their ids as the editor's history does and reads both back",
    "[team][agreement]")
{
    const std::string folder = makeTemporaryFolder("radmark-team-rejection-ids");
    TeamProject team = makeTeamProject(folder + "/team.radmark");
    const auto quoted = [&](const std::string& name) { return "\"" + team.markIds[name] + "\""; };
    // The editor's history lines (MarkStore), in the order makeTeamProject added the marks.
    std::string added;
    for (const char* name : { "a1", "b1", "a5", "b5", "a6", "b6", "a2", "b3", "a7", "b7" }) {
        added += (added.empty() ? "[" : "|[") + quoted(name) + "]";
    }
    CHECK(columnText(*team.project, "SELECT mark_ids FROM mark_history WHERE command_kind = 'add-mark' ORDER BY id")
        == added);

    // Study 7: alice's and bob's boxes far apart are one verdict on both marks.
    recordLesionRejection(*team.project, { team.markIds["a7"], team.markIds["b7"] }, { "Dr Rev", AuthorRole::Reviewer },
        1'800'000'002'000);
    CHECK(columnText(*team.project, "SELECT mark_ids FROM mark_history WHERE command_kind = 'adjudicate-reject'")
        == "[" + quoted("a7") + "," + quoted("b7") + "]");
    const TeamReadings readings = readTeamReadings(*team.project);
    REQUIRE(readings.studies.size() == 10);
    const DoubleReadStudy& study7 = readings.studies[6];
    CHECK(study7.accessionNumber == "T107");
    REQUIRE(study7.rejections.size() == 1);
    CHECK(study7.rejections[0].markIds == std::vector<std::string> { team.markIds["a7"], team.markIds["b7"] });
    CHECK(study7.rejections[0].reviewer == "Dr Rev");
    CHECK(study7.rejections[0].timeMs == 1'800'000'002'000);
}

TEST_CASE("Median minutes per study credits the time since the previous action, breaks excluded", "[team][agreement]")
{
    AnnotatorActivity activity;
    // Study 1: 0, 1 min; study 2: 4 min; study 3: 20 min (after a break), 21.5 min.
    activity.events = { { 1, 0 }, { 1, 60'000 }, { 2, 240'000 }, { 3, 1'200'000 }, { 3, 1'290'000 } };
    // Study 1: 1 min, study 2: 3 min, study 3: 1.5 min -> median 1.5.
    CHECK(medianMinutesPerStudy(activity) == Approx(1.5));
    CHECK(std::isnan(medianMinutesPerStudy(AnnotatorActivity {})));
}
