// Audit samples of the label workflow and the pairs the labeller's measured accuracy is computed from (schema 6,
// see project/migrations/LabelAuditMigration).
#include "radmark/storage/project/LabelAuditStore.h"

#include "project/SqliteStatement.h"
#include "radmark/annotation/reports/AuditSampling.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>

namespace radmark::storage {

namespace {

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string joinLines(const std::vector<std::string>& names)
{
    std::string text;
    for (const std::string& name : names) {
        text += (text.empty() ? "" : "\n") + name;
    }
    return text;
}

std::vector<std::string> splitLines(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (!text.empty() && start <= text.size()) {
        const std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return lines;
}

std::string answerText(const std::optional<int>& value, const std::string& choice)
{
    return !choice.empty() ? "'" + choice + "'" : value ? std::to_string(*value) : std::string(".");
}

} // namespace

LabelAuditStore::LabelAuditStore(ProjectStore& project)
    : m_project(project)
{
}

std::vector<std::int64_t> LabelAuditStore::eligibleStudies(const std::vector<std::string>& labelNames) const
{
    ReportStore reports(m_project);
    std::vector<std::pair<std::string, std::int64_t>> byUid;
    for (const StudyReviewState& state : reports.reviewStates(labelNames)) {
        if (state.proposedLabels > 0 && state.decidedLabels == 0 && !sampleOfStudy(state.studyId)) {
            byUid.emplace_back(state.studyUid, state.studyId);
        }
    }
    // reviewStates counts decisions of the schema's labels only: a decision of any other label also rules a study out.
    SqliteStatement& decided
        = m_project.statement("SELECT DISTINCT study_ref FROM label_decisions WHERE undone_ms IS NULL");
    std::unordered_map<std::int64_t, bool> anyDecision;
    while (decided.step()) {
        anyDecision[decided.int64(0)] = true;
    }
    decided.reset();
    std::sort(byUid.begin(), byUid.end());
    std::vector<std::int64_t> studies;
    for (const auto& entry : byUid) {
        if (anyDecision.count(entry.second) == 0) {
            studies.push_back(entry.second);
        }
    }
    return studies;
}

AuditSample LabelAuditStore::drawSample(
    const std::vector<std::string>& labelNames, std::size_t size, std::uint64_t seed, const std::string& authorName)
{
    m_project.requireWritable("draw an audit sample");
    const std::vector<std::int64_t> eligible = eligibleStudies(labelNames);
    if (size == 0) {
        throw ProjectError(m_project.path() + ": an audit sample needs at least one study");
    }
    if (size > eligible.size()) {
        throw ProjectError(m_project.path() + ": cannot draw an audit sample of " + std::to_string(size)
            + " studies: only " + std::to_string(eligible.size())
            + " studies have proposals, no human decision and are in no earlier sample; nothing was "
              "drawn (ask for at most "
            + std::to_string(eligible.size()) + ")");
    }
    // Strata: the proposed answers of the schema's labels, in schema order.
    std::unordered_map<std::int64_t, std::map<std::string, std::pair<std::int64_t, std::string>>> proposed;
    SqliteStatement& proposals
        = m_project.statement("SELECT study_ref, label_name, value, choice, computed_ms FROM label_proposals");
    while (proposals.step()) {
        auto& answer = proposed[proposals.int64(0)][proposals.text(1)];
        if (answer.second.empty() || proposals.int64(4) >= answer.first) {
            answer = { proposals.int64(4), answerText(proposals.optionalInteger(2), proposals.text(3)) };
        }
    }
    proposals.reset();
    std::unordered_map<std::int64_t, std::string> uidOf;
    SqliteStatement& studies = m_project.statement("SELECT id, study_uid FROM studies");
    while (studies.step()) {
        uidOf[studies.int64(0)] = studies.text(1);
    }
    studies.reset();
    std::vector<annotation::AuditCandidate> candidates;
    for (const std::int64_t studyId : eligible) {
        std::string stratum;
        const auto& answers = proposed[studyId];
        for (const std::string& label : labelNames) {
            const auto found = answers.find(label);
            stratum
                += (stratum.empty() ? "" : "|") + label + "=" + (found == answers.end() ? "." : found->second.second);
        }
        candidates.push_back({ uidOf[studyId], stratum });
    }
    const annotation::AuditDraw draw = annotation::drawStratifiedSample(candidates, size, seed);

    AuditSample sample;
    sample.seed = seed;
    sample.requestedSize = size;
    sample.eligibleStudies = eligible.size();
    sample.strata = draw.strata;
    sample.labelNames = labelNames;
    sample.authorName = authorName;
    sample.drawnMs = nowMs();
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    SqliteStatement& insert = m_project.statement(
        "INSERT INTO audit_samples(seed, requested_size, eligible_studies, strata, label_names, author_name, drawn_ms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, static_cast<std::int64_t>(seed)); // stored as the same 64 bits
    insert.bind(2, static_cast<std::int64_t>(size));
    insert.bind(3, static_cast<std::int64_t>(eligible.size()));
    insert.bind(4, static_cast<std::int64_t>(draw.strata));
    const std::string labelLines = joinLines(labelNames);
    insert.bind(5, labelLines);
    insert.bind(6, authorName);
    insert.bind(7, sample.drawnMs);
    insert.run();
    sample.id = sqlite3_last_insert_rowid(m_project.connection());
    SqliteStatement& member = m_project.statement(
        "INSERT INTO audit_sample_studies(sample_ref, study_ref, position, stratum) VALUES (?, ?, ?, ?)");
    for (std::size_t position = 0; position < draw.drawn.size(); ++position) {
        const std::size_t index = draw.drawn[position];
        member.reset();
        member.bind(1, sample.id);
        member.bind(2, eligible[index]);
        member.bind(3, static_cast<std::int64_t>(position + 1));
        member.bind(4, candidates[index].stratum);
        member.run();
        sample.studyIds.push_back(eligible[index]);
    }
    transaction.commit();
    return sample;
}

std::vector<AuditSample> LabelAuditStore::samples() const
{
    SqliteStatement& query = m_project.statement(
        "SELECT id, seed, requested_size, eligible_studies, strata, label_names, author_name, drawn_ms "
        "FROM audit_samples ORDER BY id");
    std::vector<AuditSample> result = readRows(query, [](SqliteStatement& row) {
        AuditSample sample;
        sample.id = row.int64(0);
        sample.seed = static_cast<std::uint64_t>(row.int64(1));
        sample.requestedSize = static_cast<std::size_t>(row.int64(2));
        sample.eligibleStudies = static_cast<std::size_t>(row.int64(3));
        sample.strata = static_cast<std::size_t>(row.int64(4));
        sample.labelNames = splitLines(row.text(5));
        sample.authorName = row.text(6);
        sample.drawnMs = row.int64(7);
        return sample;
    });
    SqliteStatement& members
        = m_project.statement("SELECT sample_ref, study_ref FROM audit_sample_studies ORDER BY sample_ref, position");
    while (members.step()) {
        for (AuditSample& sample : result) {
            if (sample.id == members.int64(0)) {
                sample.studyIds.push_back(members.int64(1));
            }
        }
    }
    members.reset();
    return result;
}

std::optional<std::int64_t> LabelAuditStore::sampleOfStudy(std::int64_t studyId) const
{
    SqliteStatement& query = m_project.statement("SELECT sample_ref FROM audit_sample_studies WHERE study_ref = ?");
    query.bind(1, studyId);
    return readFirstRow(query, [](SqliteStatement& row) { return row.int64(0); });
}

std::vector<std::int64_t> LabelAuditStore::auditStudies() const
{
    SqliteStatement& query
        = m_project.statement("SELECT study_ref FROM audit_sample_studies ORDER BY sample_ref, position");
    return readRows(query, [](SqliteStatement& row) { return row.int64(0); });
}

std::size_t LabelAuditStore::auditedStudyCount() const
{
    SqliteStatement& query = m_project.statement(
        "SELECT COUNT(DISTINCT d.study_ref) FROM label_decisions d JOIN audit_sample_studies a "
        "ON a.study_ref = d.study_ref AND a.sample_ref = d.audit_sample_ref WHERE d.undone_ms IS NULL");
    return static_cast<std::size_t>(readFirstRow(query, [](SqliteStatement& row) { return row.int64(0); }).value_or(0));
}

std::vector<AuditLabelPairs> LabelAuditStore::auditPairs(const std::vector<std::string>& labelNames) const
{
    struct Answer {
        bool present = false;
        std::optional<int> value;
        std::string choice;
        std::int64_t timeMs = 0;
    };
    // By (study, label): the latest proposal, and the latest audit-mode decision in force of a drawn study.
    std::map<std::pair<std::int64_t, std::string>, Answer> proposals;
    std::map<std::pair<std::int64_t, std::string>, Answer> decisions;
    SqliteStatement& proposalQuery = m_project.statement(
        "SELECT p.study_ref, p.label_name, p.value, p.choice, p.computed_ms FROM label_proposals p "
        "JOIN audit_sample_studies a ON a.study_ref = p.study_ref");
    while (proposalQuery.step()) {
        Answer& answer = proposals[{ proposalQuery.int64(0), proposalQuery.text(1) }];
        if (!answer.present || proposalQuery.int64(4) >= answer.timeMs) {
            answer = { true, proposalQuery.optionalInteger(2), proposalQuery.text(3), proposalQuery.int64(4) };
        }
    }
    proposalQuery.reset();
    SqliteStatement& decisionQuery = m_project.statement(
        "SELECT d.study_ref, d.label_name, d.value, d.choice, d.decided_ms FROM label_decisions d "
        "JOIN audit_sample_studies a ON a.study_ref = d.study_ref AND a.sample_ref = d.audit_sample_ref "
        "WHERE d.undone_ms IS NULL ORDER BY d.decided_ms, d.id");
    while (decisionQuery.step()) {
        decisions[{ decisionQuery.int64(0), decisionQuery.text(1) }]
            = { true, decisionQuery.optionalInteger(2), decisionQuery.text(3), decisionQuery.int64(4) };
    }
    decisionQuery.reset();
    std::vector<AuditLabelPairs> result;
    for (const std::string& label : labelNames) {
        AuditLabelPairs labelPairs;
        labelPairs.labelName = label;
        for (const auto& [key, decided] : decisions) {
            if (key.second != label) {
                continue;
            }
            // A label the labeller left without a proposal row counts as not mentioned / not stated.
            const auto proposal = proposals.find(key);
            const Answer proposed = proposal != proposals.end() ? proposal->second : Answer {};
            labelPairs.pairs.push_back({ proposed.value, proposed.choice, decided.value, decided.choice });
        }
        result.push_back(std::move(labelPairs));
    }
    return result;
}

std::vector<annotation::LabelAccuracy> measuredLabelAccuracy(
    const LabelAuditStore& audit, const std::vector<LabelKindOf>& labels)
{
    std::vector<std::string> names;
    for (const LabelKindOf& label : labels) {
        names.push_back(label.name);
    }
    const std::vector<AuditLabelPairs> pairs = audit.auditPairs(names);
    std::vector<annotation::LabelAccuracy> result;
    for (std::size_t index = 0; index < labels.size(); ++index) {
        result.push_back(annotation::estimateLabelAccuracy(labels[index].name, labels[index].kind, pairs[index].pairs));
    }
    return result;
}

} // namespace radmark::storage
