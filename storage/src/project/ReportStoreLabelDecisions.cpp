// ReportStore's label review part: the project's label schema revisions, reversible decisions and the
// per-study review state the labelling workflow filters on (tables of schema 5, see LabelReviewMigration).
#include "radmark/storage/project/ReportStore.h"

#include "project/SqliteStatement.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>

namespace radmark::storage {

namespace {

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

struct LabelAnswer {
    bool present = false;
    std::optional<int> value;
    std::string choice;
    std::int64_t timeMs = 0; // computed or decided; the latest answer of a label counts

    bool sameAs(const LabelAnswer& other) const { return value == other.value && choice == other.choice; }
};

// Per study: the latest proposal and the latest decision in force of each label, by label index.
struct StudyAnswers {
    std::vector<LabelAnswer> proposed;
    std::vector<LabelAnswer> decided;
};

void countInto(StudyReviewState& state, const StudyAnswers& answers)
{
    for (std::size_t label = 0; label < answers.proposed.size(); ++label) {
        const LabelAnswer& proposed = answers.proposed[label];
        const LabelAnswer& decided = answers.decided[label];
        state.proposedLabels += proposed.present ? 1 : 0;
        state.decidedLabels += decided.present ? 1 : 0;
        state.disagreements += proposed.present && decided.present && !proposed.sameAs(decided) ? 1 : 0;
    }
}

} // namespace

std::vector<std::int64_t> ReportStore::addDecisions(const std::vector<LabelDecision>& decisions)
{
    std::vector<std::int64_t> ids;
    if (decisions.empty()) {
        return ids;
    }
    requireWritable("store label decisions");
    for (const LabelDecision& decision : decisions) {
        if (decision.authorName.empty()) {
            throw ProjectError(m_project.path() + ": a label decision needs an author");
        }
    }
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    for (const LabelDecision& decision : decisions) {
        ids.push_back(insertDecision(decision));
    }
    recountChangedStudies();
    transaction.commit();
    return ids;
}

void ReportStore::undoDecisions(const std::vector<std::int64_t>& decisionIds, const std::string& undoneBy)
{
    if (decisionIds.empty()) {
        return;
    }
    requireWritable("undo label decisions");
    const std::int64_t now = nowMs();
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    for (const std::int64_t id : decisionIds) {
        SqliteStatement& update = statement(
            "UPDATE label_decisions SET undone_ms = ?1, undone_by = ?2 WHERE id = ?3 AND undone_ms IS NULL");
        update.bind(1, now);
        update.bind(2, undoneBy);
        update.bind(3, id);
        update.run();
    }
    recountChangedStudies();
    transaction.commit();
}

std::vector<ReportStore::DecisionRecord> ReportStore::decisionHistory(std::int64_t studyId) const
{
    SqliteStatement& query = statement(R"(SELECT study_ref, label_name, value, author_name, author_role, decided_ms,
        choice, id, COALESCE(undone_ms, 0), undone_by, COALESCE(audit_sample_ref, 0) FROM label_decisions
        WHERE study_ref = ? ORDER BY id)");
    query.bind(1, studyId);
    std::vector<DecisionRecord> records;
    while (query.step()) {
        DecisionRecord record;
        record.decision = LabelDecision { query.int64(0), query.text(1), query.optionalInteger(2), query.text(3),
            query.text(4), query.int64(5), query.text(6), query.int64(7), query.int64(10) };
        record.undoneMs = query.int64(8);
        record.undoneBy = query.text(9);
        records.push_back(std::move(record));
    }
    query.reset();
    return records;
}

std::vector<std::string> ReportStore::studySeriesUids(std::int64_t studyId) const
{
    SqliteStatement& query = statement("SELECT series_uid FROM series WHERE study_ref = ? "
                                       "ORDER BY series_number IS NULL, series_number, series_description, id");
    query.bind(1, studyId);
    std::vector<std::string> uids;
    while (query.step()) {
        uids.push_back(query.text(0));
    }
    query.reset();
    return uids;
}

std::optional<std::int64_t> ReportStore::findStudy(const std::string& key) const
{
    SqliteStatement& query
        = statement("SELECT id FROM studies WHERE study_uid = ?1 OR (accession_number = ?1 AND ?1 <> '') "
                    "ORDER BY study_uid = ?1 DESC, id LIMIT 1");
    query.bind(1, key);
    std::optional<std::int64_t> study;
    if (query.step()) {
        study = query.int64(0);
    }
    query.reset();
    return study;
}

std::optional<StoredLabelSchema> ReportStore::currentLabelSchema() const
{
    SqliteStatement& query = statement(R"(SELECT revision, schema_name, schema_version, json_text, source, author_name,
        stored_ms FROM label_schemas ORDER BY revision DESC LIMIT 1)");
    std::optional<StoredLabelSchema> current;
    if (query.step()) {
        current = StoredLabelSchema { query.int64(0), query.text(1), query.integer(2), query.text(3), query.text(4),
            query.text(5), query.int64(6) };
    }
    query.reset();
    return current;
}

std::vector<StoredLabelSchema> ReportStore::labelSchemaRevisions() const
{
    SqliteStatement& query = statement(R"(SELECT revision, schema_name, schema_version, json_text, source, author_name,
        stored_ms FROM label_schemas ORDER BY revision)");
    std::vector<StoredLabelSchema> revisions;
    while (query.step()) {
        revisions.push_back(StoredLabelSchema { query.int64(0), query.text(1), query.integer(2), query.text(3),
            query.text(4), query.text(5), query.int64(6) });
    }
    query.reset();
    return revisions;
}

StoredLabelSchema ReportStore::storeLabelSchema(const StoredLabelSchema& schema)
{
    if (const auto current = currentLabelSchema(); current && current->jsonText == schema.jsonText) {
        return *current;
    }
    requireWritable("store the label schema");
    StoredLabelSchema stored = schema;
    stored.storedMs = schema.storedMs != 0 ? schema.storedMs : nowMs();
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    SqliteStatement& insert = statement(R"(INSERT INTO label_schemas(schema_name, schema_version, json_text, source,
        author_name, stored_ms) VALUES (?, ?, ?, ?, ?, ?))");
    insert.bind(1, stored.name);
    insert.bind(2, stored.version);
    insert.bind(3, stored.jsonText);
    insert.bind(4, stored.source);
    insert.bind(5, stored.authorName);
    insert.bind(6, stored.storedMs);
    insert.run();
    transaction.commit();
    return *currentLabelSchema();
}

std::vector<StudyReviewState> ReportStore::scanReviewStates(const std::vector<std::string>& labelNames) const
{
    std::unordered_map<std::string, std::size_t> labelIndex;
    for (std::size_t index = 0; index < labelNames.size(); ++index) {
        labelIndex.emplace(labelNames[index], index);
    }
    std::vector<StudyReviewState> states;
    std::unordered_map<std::int64_t, std::size_t> stateIndex;
    SqliteStatement& studies = statement(R"(SELECT s.id, s.study_uid, s.accession_number,
        EXISTS (SELECT 1 FROM reports r WHERE r.study_ref = s.id) FROM studies s ORDER BY s.accession_number, s.study_uid)");
    while (studies.step()) {
        StudyReviewState state;
        state.studyId = studies.int64(0);
        state.studyUid = studies.text(1);
        state.accessionNumber = studies.text(2);
        state.hasReport = studies.int64(3) != 0;
        stateIndex.emplace(state.studyId, states.size());
        states.push_back(std::move(state));
    }
    studies.reset();
    const StudyAnswers blank { std::vector<LabelAnswer>(labelNames.size()),
        std::vector<LabelAnswer>(labelNames.size()) };
    std::unordered_map<std::int64_t, StudyAnswers> answers;
    const auto collect = [&](SqliteStatement& query, bool decided) {
        while (query.step()) {
            const auto label = labelIndex.find(query.text(1));
            if (label == labelIndex.end()) {
                continue;
            }
            auto found = answers.find(query.int64(0));
            if (found == answers.end()) {
                found = answers.emplace(query.int64(0), blank).first;
            }
            LabelAnswer& answer = (decided ? found->second.decided : found->second.proposed)[label->second];
            // Rows come in table order (sorting 1.4 million proposals cost more than the scan): keep the latest.
            if (!answer.present || query.int64(4) >= answer.timeMs) {
                answer = LabelAnswer { true, query.optionalInteger(2), query.text(3), query.int64(4) };
            }
        }
        query.reset();
    };
    collect(statement("SELECT study_ref, label_name, value, choice, computed_ms FROM label_proposals"), false);
    collect(statement("SELECT study_ref, label_name, value, choice, decided_ms FROM label_decisions "
                      "WHERE undone_ms IS NULL ORDER BY id"),
        true);
    for (const auto& [studyId, studyAnswers] : answers) {
        const auto found = stateIndex.find(studyId);
        if (found != stateIndex.end()) {
            countInto(states[found->second], studyAnswers);
        }
    }
    return states;
}

StudyReviewState ReportStore::reviewState(std::int64_t studyId, const std::vector<std::string>& labelNames) const
{
    StudyReviewState state;
    SqliteStatement& study = statement(R"(SELECT s.id, s.study_uid, s.accession_number,
        EXISTS (SELECT 1 FROM reports r WHERE r.study_ref = s.id) FROM studies s WHERE s.id = ?)");
    study.bind(1, studyId);
    if (!study.step()) {
        study.reset();
        throw ProjectError(m_project.path() + ": no study with id " + std::to_string(studyId));
    }
    state.studyId = study.int64(0);
    state.studyUid = study.text(1);
    state.accessionNumber = study.text(2);
    state.hasReport = study.int64(3) != 0;
    study.reset();
    StudyAnswers answers { std::vector<LabelAnswer>(labelNames.size()), std::vector<LabelAnswer>(labelNames.size()) };
    const auto indexOf = [&labelNames](const std::string& name) {
        for (std::size_t index = 0; index < labelNames.size(); ++index) {
            if (labelNames[index] == name) {
                return index;
            }
        }
        return labelNames.size();
    };
    const auto proposals = this->proposals(studyId);
    std::vector<const LabelProposal*> ordered;
    for (const LabelProposal& proposal : proposals) {
        ordered.push_back(&proposal);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
        [](const LabelProposal* a, const LabelProposal* b) { return a->computedMs < b->computedMs; });
    for (const LabelProposal* proposal : ordered) {
        if (const std::size_t index = indexOf(proposal->labelName); index < labelNames.size()) {
            answers.proposed[index] = LabelAnswer { true, proposal->value, proposal->choice, proposal->computedMs };
        }
    }
    for (const LabelDecision& decision : decisions(studyId)) {
        if (const std::size_t index = indexOf(decision.labelName); index < labelNames.size()) {
            answers.decided[index] = LabelAnswer { true, decision.value, decision.choice, decision.decidedMs };
        }
    }
    countInto(state, answers);
    return state;
}

} // namespace radmark::storage
