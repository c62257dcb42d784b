// ReportStore's review states read from the per-study counts of schema 8 (see project/LargeProjectMigration.h):
// triggers mark a study whenever its proposals or decisions change, every writer of the store recounts the
// marked studies before it commits, so opening a project of 100,000 studies reads 100,000 small rows instead of
// every proposal.
#include "radmark/storage/project/ReportStore.h"

#include "project/SqliteStatement.h"
#include "project/migrations/LargeProjectMigration.h"
#include "radmark/storage/project/ProjectStore.h"

#include <set>
#include <unordered_set>

namespace radmark::storage {

namespace {

// Beyond this many studies changed since the last count, a read-only project scans instead of recounting each.
constexpr std::size_t maxStudiesRecountedInMemory = 2000;

} // namespace

void ReportStore::recountChangedStudies() const
{
    statement(recountDirtyStudiesSql().c_str()).run();
    statement(clearDirtyStudiesSql()).run();
}

std::vector<StudyReviewState> ReportStore::reviewStates(const std::vector<std::string>& labelNames) const
{
    const std::set<std::string> wanted(labelNames.begin(), labelNames.end());
    std::set<std::string> counted;
    SqliteStatement& labels = statement("SELECT label_name FROM review_count_labels");
    while (labels.step()) {
        counted.insert(labels.text(0));
    }
    labels.reset();
    if (!m_project.isReadOnly()) {
        SqliteStatement& anyChanged = statement("SELECT EXISTS (SELECT 1 FROM review_counts_dirty)");
        const bool changed = anyChanged.step() && anyChanged.int64(0) != 0;
        anyChanged.reset();
        if (counted != wanted || changed) {
            SqliteTransaction transaction(m_project.connection(), m_project.path());
            if (counted != wanted) {
                statement("DELETE FROM review_count_labels").run();
                for (const std::string& name : wanted) {
                    SqliteStatement& insert = statement("INSERT INTO review_count_labels(label_name) VALUES (?)");
                    insert.bind(1, name);
                    insert.run();
                    insert.reset();
                }
                statement("INSERT OR IGNORE INTO review_counts_dirty(study_ref) SELECT id FROM studies").run();
                counted = wanted;
            }
            recountChangedStudies();
            transaction.commit();
        }
    }
    if (counted != wanted) {
        return scanReviewStates(labelNames);
    }
    std::unordered_set<std::int64_t> changed;
    SqliteStatement& dirty = statement("SELECT study_ref FROM review_counts_dirty");
    while (dirty.step() && changed.size() <= maxStudiesRecountedInMemory) {
        changed.insert(dirty.int64(0));
    }
    dirty.reset();
    if (changed.size() > maxStudiesRecountedInMemory) {
        return scanReviewStates(labelNames);
    }

    std::vector<StudyReviewState> states;
    SqliteStatement& query = statement(R"(SELECT s.id, s.study_uid, s.accession_number,
        EXISTS (SELECT 1 FROM reports r WHERE r.study_ref = s.id), c.proposed_labels, c.decided_labels, c.disagreements
        FROM studies s LEFT JOIN study_review_counts c ON c.study_ref = s.id ORDER BY s.accession_number, s.study_uid)");
    while (query.step()) {
        const std::int64_t studyId = query.int64(0);
        if (changed.count(studyId) != 0) {
            states.push_back(reviewState(studyId, labelNames));
            continue;
        }
        StudyReviewState state;
        state.studyId = studyId;
        state.studyUid = query.text(1);
        state.accessionNumber = query.text(2);
        state.hasReport = query.int64(3) != 0;
        state.proposedLabels = static_cast<std::size_t>(query.int64(4));
        state.decidedLabels = static_cast<std::size_t>(query.int64(5));
        state.disagreements = static_cast<std::size_t>(query.int64(6));
        states.push_back(std::move(state));
    }
    query.reset();
    return states;
}

} // namespace radmark::storage
