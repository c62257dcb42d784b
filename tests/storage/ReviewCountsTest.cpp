// Per-study review counts kept up to date (schema 8): what the label workflow's filters read when a project opens,
// instead of a scan of every proposal. Checked against ReportStore::reviewState (the per-study reference) after
// proposals, decisions, undo, a new schema revision, a removed study, on a read-only open, and after the
// migration's backfill of a project made before schema 8.
#include "StudyRecordFixture.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"
#include "radmark/storage/project/StudyBrowserIndex.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

using namespace radmark::storage;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::studyRecord;

namespace {

const std::vector<std::string> labels { "Effusion", "Nodule", "Side" };

std::string schemaJson(const std::vector<std::string>& names)
{
    std::string json = R"({"format": "radmark-label-schema", "version": 1, "name": "mini", "labels": [)";
    for (std::size_t index = 0; index < names.size(); ++index) {
        json += (index == 0 ? "" : ", ") + std::string(R"({"name": ")") + names[index] + R"(", "kind": "finding"})";
    }
    return json + "]}";
}

LabelProposal proposal(std::int64_t study, const std::string& label, std::optional<int> value, std::int64_t ms = 1000,
    const std::string& choice = {})
{
    LabelProposal result;
    result.studyId = study;
    result.schemaName = "mini";
    result.labelName = label;
    result.value = value;
    result.choice = choice;
    result.computedMs = ms;
    return result;
}

LabelDecision decision(std::int64_t study, const std::string& label, std::optional<int> value, std::int64_t ms)
{
    return LabelDecision { study, label, value, "Dr A", "radiologist", ms, {}, 0 };
}

struct Counts {
    std::size_t proposed = 0;
    std::size_t decided = 0;
    std::size_t disagreements = 0;
    bool operator==(const Counts& other) const
    {
        return proposed == other.proposed && decided == other.decided && disagreements == other.disagreements;
    }
};

Counts countsOf(const StudyReviewState& state)
{
    return { state.proposedLabels, state.decidedLabels, state.disagreements };
}

// Every study's counts from reviewStates agree with reviewState (computed from that study's rows alone).
void requireCountsMatchReference(const ReportStore& reports, const std::vector<std::string>& names)
{
    for (const StudyReviewState& state : reports.reviewStates(names)) {
        INFO("study " << state.accessionNumber);
        const StudyReviewState reference = reports.reviewState(state.studyId, names);
        CHECK(countsOf(state) == countsOf(reference));
        CHECK(state.hasReport == reference.hasReport);
    }
}

std::int64_t countRows(ProjectStore& project, const char* sql)
{
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(project.connection(), sql, -1, &statement, nullptr);
    const std::int64_t count = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
    sqlite3_finalize(statement);
    return count;
}

} // namespace

TEST_CASE("Review counts follow proposals, decisions, undo and schema revisions", "[labels][scale]")
{
    const std::string folder = makeTemporaryFolder("radmark-review-counts");
    const std::string path = folder + "/p.radmark";
    auto project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
    project->writeImportBatch({ studyRecord("/d/1.dcm", "1.1", "A1"), studyRecord("/d/2.dcm", "1.2", "A2"),
                                  studyRecord("/d/3.dcm", "1.3", "A3") },
        {});
    ReportStore reports(*project);
    StoredLabelSchema schema;
    schema.name = "mini";
    schema.jsonText = schemaJson(labels);
    reports.storeLabelSchema(schema);
    const auto states = reports.reviewStates(labels);
    REQUIRE(states.size() == 3);
    const std::int64_t s1 = states[0].studyId;
    const std::int64_t s2 = states[1].studyId;
    CHECK(countRows(*project, "SELECT COUNT(*) FROM review_count_labels") == 3);

    reports.putProposals({ proposal(s1, "Effusion", 1), proposal(s1, "Nodule", std::nullopt),
        proposal(s1, "Side", 1, 1000, "left"), proposal(s2, "Effusion", 0), proposal(s2, "Other", 1) });
    CHECK(countRows(*project, "SELECT COUNT(*) FROM review_counts_dirty") == 0); // recounted at the commit
    auto counted = reports.reviewStates(labels);
    CHECK(countsOf(counted[0]) == Counts { 3, 0, 0 });
    CHECK(countsOf(counted[1]) == Counts { 1, 0, 0 }); // "Other" is not a schema label
    CHECK(countsOf(counted[2]) == Counts { 0, 0, 0 });

    // Decisions: same value, a different value, a later decision reverting, a choice label.
    const auto ids = reports.addDecisions(
        { decision(s1, "Effusion", 1, 2000), decision(s1, "Nodule", 1, 2000), decision(s2, "Effusion", 1, 2000) });
    counted = reports.reviewStates(labels);
    CHECK(countsOf(counted[0]) == Counts { 3, 2, 1 });
    CHECK(countsOf(counted[1]) == Counts { 1, 1, 1 });
    reports.addDecision(decision(s1, "Nodule", std::nullopt, 3000)); // back to "not mentioned", as proposed
    reports.addDecisions({ LabelDecision { s1, "Side", 1, "Dr A", "radiologist", 3000, "right", 0 } });
    counted = reports.reviewStates(labels);
    CHECK(countsOf(counted[0]) == Counts { 3, 3, 1 });
    requireCountsMatchReference(reports, labels);

    // Undo stamps rows undone: they no longer count.
    reports.undoDecisions({ ids[2] }, "Dr A");
    counted = reports.reviewStates(labels);
    CHECK(countsOf(counted[1]) == Counts { 1, 0, 0 });
    requireCountsMatchReference(reports, labels);

    // Re-labelling replaces a proposal: the disagreement on s1 Side stays, Effusion now disagrees.
    reports.putProposals({ proposal(s1, "Effusion", 0, 4000) });
    counted = reports.reviewStates(labels);
    CHECK(countsOf(counted[0]) == Counts { 3, 3, 2 });
    requireCountsMatchReference(reports, labels);

    SECTION("a new schema revision counts its own labels")
    {
        schema.jsonText = schemaJson({ "Effusion", "Other" });
        reports.storeLabelSchema(schema);
        CHECK(countRows(*project, "SELECT COUNT(*) FROM review_count_labels") == 2);
        counted = reports.reviewStates({ "Effusion", "Other" });
        CHECK(countsOf(counted[0]) == Counts { 1, 1, 1 });
        CHECK(countsOf(counted[1]) == Counts { 2, 0, 0 });
        requireCountsMatchReference(reports, { "Effusion", "Other" });
        // Asked for other labels than the schema's: counted for those from then on.
        counted = reports.reviewStates({ "Nodule" });
        CHECK(countsOf(counted[0]) == Counts { 1, 1, 0 });
        CHECK(countRows(*project, "SELECT COUNT(*) FROM review_count_labels") == 1);
    }
    SECTION("a read-only open recounts changed studies in memory, never writes")
    {
        // A writer that bypasses the store (e.g. another program): the trigger marks the study, nothing recounts.
        REQUIRE(sqlite3_exec(project->connection(),
                    ("INSERT INTO label_decisions(study_ref, label_name, value, author_name, author_role, "
                     "decided_ms) VALUES ("
                        + std::to_string(s2) + ", 'Effusion', 1, 'X', 'reviewer', 5000)")
                        .c_str(),
                    nullptr, nullptr, nullptr)
            == SQLITE_OK);
        CHECK(countRows(*project, "SELECT COUNT(*) FROM review_counts_dirty") == 1);
        project.reset();
        auto readOnly = ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly);
        ReportStore readOnlyReports(*readOnly);
        counted = readOnlyReports.reviewStates(labels);
        CHECK(countsOf(counted[1]) == Counts { 1, 1, 1 });
        CHECK(countRows(*readOnly, "SELECT COUNT(*) FROM review_counts_dirty") == 1);
        // Other labels than those counted: a scan, same answer as the reference.
        requireCountsMatchReference(readOnlyReports, { "Effusion" });
    }
    SECTION("a removed study takes its counts along")
    {
        project->writeImportBatch({}, { SkippedFile { "/d/2.dcm", "damaged", 1, 1 } });
        const std::string countsOfS2
            = "SELECT COUNT(*) FROM study_review_counts WHERE study_ref = " + std::to_string(s2);
        CHECK(countRows(*project, countsOfS2.c_str()) == 0);
        CHECK(reports.reviewStates(labels).size() == 2);
        requireCountsMatchReference(reports, labels);
    }
}

TEST_CASE("Schema 8 backfills the search index and the review counts of an earlier project", "[labels][scale][schema]")
{
    const std::string folder = makeTemporaryFolder("radmark-schema8-backfill");
    const std::string path = folder + "/p.radmark";
    std::int64_t s1 = 0;
    {
        auto project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
        InstanceRecord record = studyRecord("/d/1.dcm", "1.1", "A1");
        record.patientName = "Backfill^Bea";
        record.studyDescription = "CT LIVER";
        project->writeImportBatch({ record, studyRecord("/d/2.dcm", "1.2", "A2") }, {});
        ReportStore reports(*project);
        StoredLabelSchema schema;
        schema.name = "mini";
        schema.jsonText = schemaJson(labels);
        reports.storeLabelSchema(schema);
        s1 = reports.reviewStates(labels)[0].studyId;
        reports.putProposals({ proposal(s1, "Effusion", 1), proposal(s1, "Nodule", 0) });
        reports.addDecisions({ decision(s1, "Effusion", 0, 2000) });
        // Back to what schema 7 left: the objects of migrations 9 and 8 removed, user_version before them.
        const char* downgrade = R"(
            DROP TABLE saliency_file_values; DROP TRIGGER browser_search_study_insert; DROP TRIGGER browser_search_study_update;
            DROP TRIGGER browser_search_study_delete; DROP TRIGGER browser_search_patient_update;
            DROP TRIGGER browser_search_series_insert; DROP TRIGGER browser_search_series_update;
            DROP TRIGGER browser_search_series_delete; DROP TRIGGER review_counts_proposal_insert;
            DROP TRIGGER review_counts_proposal_update; DROP TRIGGER review_counts_proposal_delete;
            DROP TRIGGER review_counts_decision_insert; DROP TRIGGER review_counts_decision_update;
            DROP TRIGGER review_counts_decision_delete; DROP TRIGGER review_counts_schema_insert;
            DROP TABLE browser_search; DROP TABLE review_count_labels; DROP TABLE study_review_counts;
            DROP TABLE review_counts_dirty; DROP INDEX patients_browser_order; DROP INDEX studies_browser_order;
            DROP INDEX studies_review_order; PRAGMA user_version = 7;)";
        REQUIRE(sqlite3_exec(project->connection(), downgrade, nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    auto project = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
    CHECK(project->schemaVersion() == ProjectStore::currentSchemaVersion());
    CHECK(countRows(*project, "SELECT COUNT(*) FROM review_count_labels") == 3);
    CHECK(countRows(*project, "SELECT COUNT(*) FROM study_review_counts") == 2);
    CHECK(countRows(*project, "SELECT COUNT(*) FROM review_counts_dirty") == 0);
    CHECK(countRows(*project, "SELECT COUNT(*) FROM browser_search") == 4); // 2 studies, 2 series
    ReportStore reports(*project);
    const auto states = reports.reviewStates(labels);
    CHECK(countsOf(states[0]) == Counts { 2, 1, 1 });
    StudyBrowserIndex index(*project);
    index.setFilter("bea");
    CHECK(index.patientIds().size() == 1);
    index.setFilter("ct liver");
    CHECK(index.patientIds().size() == 1);
}
