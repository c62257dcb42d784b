// Audit samples in the project (schema 6): the migration from a schema-5 project, the draw (eligible studies
// only, stratified, seed reproducible, too large a sample refused with nothing stored) and the measured
// accuracy from audit-mode decisions only, on known counts.
#include "StudyRecordFixture.h"
#include "TestPaths.h"

#include "radmark/storage/project/LabelAuditStore.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>

using namespace radmark::storage;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::studyRecord;

namespace {

std::string queryText(sqlite3* database, const std::string& sql)
{
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(database, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::string text;
    if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0) != nullptr) {
        text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    return text;
}

std::string studyUid(int k)
{
    return "1.2.826.0.7." + std::to_string(k);
}

// Studies 1..20 proposed Edema 1 (1-10) or 0 (11-20); study 21 proposed and decided by hand; study 22 without
// proposals. Only 1..20 may be drawn.
std::unique_ptr<ProjectStore> makeAuditProject(const std::string& path)
{
    auto project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
    std::vector<InstanceRecord> records;
    for (int k = 1; k <= 22; ++k) {
        records.push_back(
            studyRecord("/d/" + std::to_string(k) + ".dcm", studyUid(k), "ACC" + std::to_string(100 + k)));
    }
    project->writeImportBatch(records, {});
    ReportStore reports(*project);
    std::vector<LabelProposal> proposals;
    for (int k = 1; k <= 21; ++k) {
        proposals.push_back(
            LabelProposal { *reports.findStudy(studyUid(k)), "mini", 1, "Edema", k <= 10 ? 1 : 0, "", "", 1000 });
    }
    reports.putProposals(proposals);
    reports.addDecisions(
        { LabelDecision { *reports.findStudy(studyUid(21)), "Edema", 1, "Dr A", "radiologist", 0, {}, 0 } });
    return project;
}

std::vector<std::string> uidsOf(ReportStore& reports, const std::vector<std::int64_t>& studies)
{
    std::vector<std::string> uids;
    for (const StudyLabels& study : reports.finalLabels()) {
        if (std::find(studies.begin(), studies.end(), study.studyId) != studies.end()) {
            uids.push_back(study.studyUid);
        }
    }
    return uids;
}

} // namespace

TEST_CASE("A schema-5 project opens, upgrades to schema 6 and keeps its label decisions", "[audit][project]")
{
    const std::string path = makeTemporaryFolder("radmark-audit") + "/old.radmark";
    {
        auto project = makeAuditProject(path);
        // Make it what RadMark wrote before audit samples existed: no audit tables, no audit column, version 5.
        // (The saliency file values of schema 9 and the team tables and columns of schema 7 go first: they came
        // after.)
        for (const char* sql : { "DROP TABLE saliency_file_values", "DROP INDEX label_decisions_merge_source",
                 "DROP INDEX label_decisions_author", "DROP INDEX mark_history_merge_source",
                 "DROP INDEX saliency_reviews_merge_source", "ALTER TABLE label_decisions DROP COLUMN merge_ref",
                 "ALTER TABLE label_decisions DROP COLUMN merge_source_id",
                 "ALTER TABLE mark_history DROP COLUMN merge_ref",
                 "ALTER TABLE mark_history DROP COLUMN merge_source_id",
                 "ALTER TABLE saliency_reviews DROP COLUMN merge_ref",
                 "ALTER TABLE saliency_reviews DROP COLUMN merge_source_id", "ALTER TABLE marks DROP COLUMN merge_ref",
                 "ALTER TABLE marks DROP COLUMN merged_modified_ms", "DROP TABLE team_merges",
                 "DROP TABLE team_assignments", "DROP TABLE team_splits", "DROP TABLE team_annotators",
                 "DROP TABLE team_identity", "DROP TABLE audit_sample_studies", "DROP TABLE audit_samples",
                 "ALTER TABLE label_decisions DROP COLUMN audit_sample_ref", "PRAGMA user_version = 5" }) {
            REQUIRE(sqlite3_exec(project->connection(), sql, nullptr, nullptr, nullptr) == SQLITE_OK);
        }
    }
    auto project = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
    CHECK(project->schemaVersion() == ProjectStore::currentSchemaVersion());
    CHECK(ProjectStore::currentSchemaVersion() >= 6);
    CHECK(queryText(project->connection(),
              "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master "
              "WHERE name LIKE 'audit%' ORDER BY name)")
        == "audit_sample_studies,audit_samples");
    ReportStore reports(*project);
    const auto decisions = reports.decisions(*reports.findStudy(studyUid(21)));
    REQUIRE(decisions.size() == 1);
    CHECK(decisions[0].authorName == "Dr A");
    CHECK(decisions[0].auditSampleId == 0); // an old decision was not made in audit mode
    LabelAuditStore audit(*project);
    CHECK(audit.samples().empty());
    CHECK(audit.eligibleStudies({ "Edema" }).size() == 20);
}

TEST_CASE("An audit sample draws only unreviewed studies, per stratum, reproducibly, too many is refused", "[audit]")
{
    const std::string folder = makeTemporaryFolder("radmark-audit");
    auto project = makeAuditProject(folder + "/a.radmark");
    ReportStore reports(*project);
    LabelAuditStore audit(*project);
    const std::vector<std::string> labels { "Edema" };
    REQUIRE(audit.eligibleStudies(labels).size() == 20);

    // More than there is: refused, the reason names the project and the count, nothing is stored.
    CHECK_THROWS_WITH(audit.drawSample(labels, 21, 7, "Dr R"),
        project->path()
            + ": cannot draw an audit sample of 21 studies: only 20 studies have proposals, "
              "no human decision and are in no earlier sample; nothing was drawn (ask for "
              "at most 20)");
    CHECK_THROWS_AS(audit.drawSample(labels, 0, 7, "Dr R"), ProjectError);
    CHECK(audit.samples().empty());

    const AuditSample sample = audit.drawSample(labels, 10, 7, "Dr R");
    CHECK(sample.id == 1);
    CHECK(sample.seed == 7);
    CHECK(sample.eligibleStudies == 20);
    CHECK(sample.strata == 2);
    REQUIRE(sample.studyIds.size() == 10);
    int proposedPositive = 0;
    for (const std::int64_t studyId : sample.studyIds) {
        CHECK(audit.sampleOfStudy(studyId) == 1);
        for (const LabelProposal& proposal : reports.proposals(studyId)) {
            proposedPositive += proposal.value == 1 ? 1 : 0;
        }
    }
    CHECK(proposedPositive == 5); // 10 of 20 with 10 per stratum: 5 and 5
    const std::vector<AuditSample> stored = audit.samples();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].studyIds == sample.studyIds); // the drawn order is kept
    CHECK(stored[0].labelNames == labels);
    CHECK(stored[0].authorName == "Dr R");
    CHECK(audit.auditStudies() == sample.studyIds);

    // The same seed on the same studies in another project draws the same studies.
    auto copy = makeAuditProject(folder + "/b.radmark");
    ReportStore copyReports(*copy);
    LabelAuditStore copyAudit(*copy);
    CHECK(
        uidsOf(copyReports, copyAudit.drawSample(labels, 10, 7, "Dr R").studyIds) == uidsOf(reports, sample.studyIds));

    // A second sample draws from the rest only: 10 left.
    CHECK(audit.eligibleStudies(labels).size() == 10);
    CHECK_THROWS_WITH(audit.drawSample(labels, 11, 8, "Dr R"), Catch::Contains("only 10 studies"));
}

TEST_CASE("The measured accuracy counts audit-mode decisions in force only, with exact intervals", "[audit]")
{
    const std::string folder = makeTemporaryFolder("radmark-audit");
    auto project = makeAuditProject(folder + "/a.radmark");
    ReportStore reports(*project);
    LabelAuditStore audit(*project);
    const AuditSample sample = audit.drawSample({ "Edema" }, 10, 11, "Dr R");
    // Of the 5 drawn proposed 1: 4 confirmed, 1 corrected to 0. Of the 5 proposed 0: 3 confirmed, 2 corrected to 1.
    int positivesSeen = 0;
    int negativesSeen = 0;
    std::vector<LabelDecision> decisions;
    for (const std::int64_t studyId : sample.studyIds) {
        const bool proposedPositive = reports.proposals(studyId).at(0).value == 1;
        const int human = proposedPositive ? (++positivesSeen <= 4 ? 1 : 0) : (++negativesSeen <= 3 ? 0 : 1);
        decisions.push_back(LabelDecision { studyId, "Edema", human, "Dr R", "reviewer", 0, {}, 0, sample.id });
    }
    reports.addDecisions(decisions);
    // Not counted: a decision outside audit mode on a drawn study's other label, and an undone audit decision.
    reports.addDecisions({ LabelDecision { sample.studyIds[0], "Author", 1, "Dr R", "reviewer", 0, {}, 0, 0 } });
    const auto undone = reports.addDecisions(
        { LabelDecision { sample.studyIds[1], "Pneumonia", 1, "Dr R", "reviewer", 0, {}, 0, sample.id } });
    reports.undoDecisions(undone, "Dr R");

    CHECK(audit.auditedStudyCount() == 10);
    const auto accuracy = measuredLabelAccuracy(audit,
        { { "Edema", radmark::annotation::LabelKind::Finding }, { "Author", radmark::annotation::LabelKind::YesNo },
            { "Pneumonia", radmark::annotation::LabelKind::Finding } });
    REQUIRE(accuracy.size() == 3);
    const auto& edema = accuracy[0];
    CHECK(edema.audited == 10);
    CHECK(edema.precision.successes == 4);
    CHECK(edema.precision.trials == 5);
    CHECK(edema.precision.low == Approx(0.375535).margin(1e-6));
    CHECK(edema.precision.high == Approx(0.963776).margin(1e-6));
    CHECK(edema.recall.successes == 4);
    CHECK(edema.recall.trials == 6);
    CHECK(edema.recall.low == Approx(0.299993).margin(1e-6));
    CHECK(edema.kappa.value == Approx(0.4).margin(1e-12));
    CHECK(accuracy[1].audited == 0); // decided outside audit mode
    CHECK(accuracy[2].audited == 0); // undone

    // A correction made later in audit mode replaces the earlier audit decision of that study and label.
    const std::int64_t first = sample.studyIds[0];
    const int before = *reports.decisions(first).at(0).value;
    reports.addDecisions(
        { LabelDecision { first, "Edema", before == 1 ? 0 : 1, "Dr R", "reviewer", 0, {}, 0, sample.id } });
    CHECK(measuredLabelAccuracy(audit, { { "Edema", radmark::annotation::LabelKind::Finding } })[0].audited == 10);
    CHECK(measuredLabelAccuracy(audit, { { "Edema", radmark::annotation::LabelKind::Finding } })[0].agreement.successes
        != 7);
}
