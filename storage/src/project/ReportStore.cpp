#include "radmark/storage/project/ReportStore.h"

#include "project/SqliteStatement.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <unordered_map>

#include <sqlite3.h>

namespace radmark::storage {

namespace {

constexpr char upsertReportSql[] = R"(INSERT INTO reports(study_ref, match_key, key_kind, source_path, source_kind,
    source_row, report_text, encoding_note, imported_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
    ON CONFLICT(source_path, source_row) DO UPDATE SET study_ref = ?1, match_key = ?2, key_kind = ?3,
    source_kind = ?5, report_text = ?7, encoding_note = ?8, imported_ms = ?9)";

// The study a key names: by accession number and/or Study Instance UID (a UID wins over an accession).
constexpr char findStudySql[] = R"(SELECT id FROM studies WHERE
    (?2 IN ('study_uid', 'either') AND study_uid = ?1) OR (?2 IN ('accession', 'either') AND accession_number = ?1)
    ORDER BY study_uid = ?1 DESC, id LIMIT 1)";

constexpr char attachSql[] = R"(UPDATE reports SET study_ref = COALESCE(
    (SELECT s.id FROM studies s WHERE reports.key_kind IN ('study_uid', 'either') AND s.study_uid = reports.match_key),
    (SELECT MIN(s.id) FROM studies s WHERE reports.key_kind IN ('accession', 'either') AND
        s.accession_number = reports.match_key AND reports.match_key <> ''))
    WHERE study_ref IS NULL)";

constexpr char reportColumns[]
    = R"(SELECT r.id, r.study_ref, COALESCE(s.study_uid, ''), COALESCE(s.accession_number, ''),
    r.match_key, r.source_path, r.source_kind, r.source_row, r.report_text, r.encoding_note, r.imported_ms
    FROM reports r LEFT JOIN studies s ON s.id = r.study_ref )";

const char* keyKindName(ReportRecord::KeyKind kind)
{
    switch (kind) {
    case ReportRecord::KeyKind::Accession:
        return "accession";
    case ReportRecord::KeyKind::StudyUid:
        return "study_uid";
    case ReportRecord::KeyKind::Either:
        break;
    }
    return "either";
}

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void bindOptional(SqliteStatement& query, int index, const std::optional<int>& value)
{
    if (value) {
        query.bind(index, *value);
    } else {
        query.bindNull(index);
    }
}

} // namespace

ReportStore::ReportStore(ProjectStore& project)
    : m_project(project)
{
    if (m_project.schemaVersion() < 3) {
        throw ProjectError(
            m_project.path() + ": has no report tables (schema " + std::to_string(m_project.schemaVersion()) + ")");
    }
}

ReportStore::~ReportStore() = default;

SqliteStatement& ReportStore::statement(const char* sql) const
{
    return m_project.statement(sql);
}

void ReportStore::requireWritable(const std::string& action) const
{
    m_project.requireWritable(action);
}

std::size_t ReportStore::addReports(const std::vector<ReportRecord>& reports)
{
    if (reports.empty()) {
        return 0;
    }
    requireWritable("store reports");
    const std::int64_t importedMs = nowMs();
    std::size_t matched = 0;
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    for (const ReportRecord& report : reports) {
        SqliteStatement& find = statement(findStudySql);
        find.bind(1, report.matchKey);
        find.bindText(2, keyKindName(report.keyKind));
        std::optional<std::int64_t> study;
        if (!report.matchKey.empty() && find.step()) {
            study = find.int64(0);
        }
        find.reset();
        SqliteStatement& upsert = statement(upsertReportSql);
        if (study) {
            upsert.bind(1, *study);
            ++matched;
        } else {
            upsert.bindNull(1);
        }
        upsert.bind(2, report.matchKey);
        upsert.bindText(3, keyKindName(report.keyKind));
        upsert.bind(4, report.sourcePath);
        upsert.bind(5, report.sourceKind);
        upsert.bind(6, report.sourceRow);
        upsert.bind(7, report.text);
        upsert.bind(8, report.encodingNote);
        upsert.bind(9, importedMs);
        upsert.run();
    }
    transaction.commit();
    return matched;
}

std::size_t ReportStore::attachUnmatched()
{
    if (m_project.isReadOnly() || unmatchedCount() == 0) {
        return 0;
    }
    const std::int64_t before = unmatchedCount();
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    statement(attachSql).run();
    transaction.commit();
    return static_cast<std::size_t>(before - unmatchedCount());
}

std::int64_t ReportStore::reportCount() const
{
    SqliteStatement& query = statement("SELECT COUNT(*) FROM reports");
    const std::int64_t count = query.step() ? query.int64(0) : 0;
    query.reset();
    return count;
}

std::int64_t ReportStore::unmatchedCount() const
{
    SqliteStatement& query = statement("SELECT COUNT(*) FROM reports WHERE study_ref IS NULL");
    const std::int64_t count = query.step() ? query.int64(0) : 0;
    query.reset();
    return count;
}

std::vector<StoredReport> ReportStore::readReports(SqliteStatement& query) const
{
    std::vector<StoredReport> reports;
    while (query.step()) {
        StoredReport report;
        report.id = query.int64(0);
        if (!query.isNull(1)) {
            report.studyId = query.int64(1);
        }
        report.studyUid = query.text(2);
        report.accessionNumber = query.text(3);
        report.matchKey = query.text(4);
        report.sourcePath = query.text(5);
        report.sourceKind = query.text(6);
        report.sourceRow = query.integer(7);
        report.text = query.text(8);
        report.encodingNote = query.text(9);
        report.importedMs = query.int64(10);
        reports.push_back(std::move(report));
    }
    query.reset();
    return reports;
}

std::vector<StoredReport> ReportStore::unmatchedReports() const
{
    static const std::string sql
        = std::string(reportColumns) + "WHERE r.study_ref IS NULL ORDER BY r.source_path, r.source_row";
    return readReports(statement(sql.c_str()));
}

std::vector<StoredReport> ReportStore::studyReports(std::int64_t studyId) const
{
    static const std::string sql
        = std::string(reportColumns) + "WHERE r.study_ref = ? ORDER BY r.source_path, r.source_row";
    SqliteStatement& query = statement(sql.c_str());
    query.bind(1, studyId);
    return readReports(query);
}

std::vector<StoredReport> ReportStore::search(const std::string& text, std::size_t limit) const
{
    static const std::string sql = std::string(reportColumns)
        + "WHERE r.id IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?1) "
          "ORDER BY r.id LIMIT ?2";
    SqliteStatement& query = statement(sql.c_str());
    query.bind(1, text);
    query.bind(2, static_cast<std::int64_t>(limit));
    return readReports(query);
}

std::vector<ReportStore::StudyReportText> ReportStore::studyReportTexts() const
{
    SqliteStatement& query = statement("SELECT study_ref, report_text FROM reports WHERE study_ref IS NOT NULL ORDER "
                                       "BY study_ref, source_path, source_row");
    std::vector<StudyReportText> texts;
    while (query.step()) {
        const std::int64_t study = query.int64(0);
        if (texts.empty() || texts.back().studyId != study) {
            texts.push_back(StudyReportText { study, query.text(1) });
        } else {
            texts.back().text += "\n\n" + query.text(1);
        }
    }
    query.reset();
    return texts;
}

void ReportStore::putProposals(const std::vector<LabelProposal>& proposals)
{
    if (proposals.empty()) {
        return;
    }
    requireWritable("store label proposals");
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    for (const LabelProposal& proposal : proposals) {
        SqliteStatement& upsert = statement(R"(INSERT INTO label_proposals(study_ref, schema_name, schema_version,
            label_name, value, choice, explanation, computed_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT(study_ref, schema_name, label_name) DO UPDATE SET schema_version = ?3, value = ?5,
            choice = ?6, explanation = ?7, computed_ms = ?8)");
        upsert.bind(1, proposal.studyId);
        upsert.bind(2, proposal.schemaName);
        upsert.bind(3, proposal.schemaVersion);
        upsert.bind(4, proposal.labelName);
        bindOptional(upsert, 5, proposal.value);
        upsert.bind(6, proposal.choice);
        upsert.bind(7, proposal.explanation);
        upsert.bind(8, proposal.computedMs != 0 ? proposal.computedMs : nowMs());
        upsert.run();
    }
    recountChangedStudies();
    transaction.commit();
}

std::vector<LabelProposal> ReportStore::proposals(std::int64_t studyId) const
{
    SqliteStatement& query = statement(R"(SELECT study_ref, schema_name, schema_version, label_name, value, choice,
        explanation, computed_ms FROM label_proposals WHERE study_ref = ? ORDER BY id)");
    query.bind(1, studyId);
    std::vector<LabelProposal> result;
    while (query.step()) {
        result.push_back(LabelProposal { query.int64(0), query.text(1), query.integer(2), query.text(3),
            query.optionalInteger(4), query.text(5), query.text(6), query.int64(7) });
    }
    query.reset();
    return result;
}

std::vector<std::int64_t> ReportStore::labelledStudies(const std::string& schemaName) const
{
    SqliteStatement& query
        = statement("SELECT DISTINCT study_ref FROM label_proposals WHERE schema_name = ? ORDER BY study_ref");
    query.bind(1, schemaName);
    std::vector<std::int64_t> studies;
    while (query.step()) {
        studies.push_back(query.int64(0));
    }
    query.reset();
    return studies;
}

std::int64_t ReportStore::insertDecision(const LabelDecision& decision)
{
    SqliteStatement& insert = statement(R"(INSERT INTO label_decisions(study_ref, label_name, value, choice,
        author_name, author_role, decided_ms, audit_sample_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?))");
    insert.bind(1, decision.studyId);
    insert.bind(2, decision.labelName);
    bindOptional(insert, 3, decision.value);
    insert.bind(4, decision.choice);
    insert.bind(5, decision.authorName);
    insert.bindText(6, decision.authorRole.empty() ? std::string_view("radiologist") : decision.authorRole);
    insert.bind(7, decision.decidedMs != 0 ? decision.decidedMs : nowMs());
    if (decision.auditSampleId != 0) {
        insert.bind(8, decision.auditSampleId);
    } else {
        insert.bindNull(8);
    }
    insert.run();
    return sqlite3_last_insert_rowid(m_project.connection());
}

void ReportStore::addDecision(const LabelDecision& decision)
{
    requireWritable("store a label decision");
    if (decision.authorName.empty()) {
        throw ProjectError(m_project.path() + ": a label decision needs an author");
    }
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    insertDecision(decision);
    recountChangedStudies();
    transaction.commit();
}

std::vector<LabelDecision> ReportStore::decisions(std::int64_t studyId) const
{
    SqliteStatement& query = statement(R"(SELECT study_ref, label_name, value, author_name, author_role, decided_ms,
        choice, id, COALESCE(audit_sample_ref, 0) FROM label_decisions WHERE study_ref = ? AND undone_ms IS NULL
        ORDER BY decided_ms, id)");
    query.bind(1, studyId);
    std::vector<LabelDecision> result;
    while (query.step()) {
        result.push_back(LabelDecision { query.int64(0), query.text(1), query.optionalInteger(2), query.text(3),
            query.text(4), query.int64(5), query.text(6), query.int64(7), query.int64(8) });
    }
    query.reset();
    return result;
}

std::vector<StudyLabels> ReportStore::finalLabels() const
{
    const FinalLabelTable table = finalLabelTable();
    std::vector<StudyLabels> studies;
    studies.reserve(table.studies.size());
    for (std::size_t index = 0; index < table.studies.size(); ++index) {
        StudyLabels study;
        study.studyId = table.studies[index].studyId;
        study.studyUid = table.studies[index].studyUid;
        study.accessionNumber = table.studies[index].accessionNumber;
        for (std::size_t label = 0; label < table.labelNames.size(); ++label) {
            const FinalLabelTable::Cell& cell = table.cell(index, label);
            if (cell.source == FinalLabelTable::Source::None) {
                continue;
            }
            FinalLabel& final = study.labels[table.labelNames[label]];
            final.value = cell.hasValue ? std::optional<int>(cell.value) : std::nullopt;
            final.choice = table.text(cell.choice);
            final.human = cell.source == FinalLabelTable::Source::Human;
            final.authorName = table.text(cell.author);
        }
        studies.push_back(std::move(study));
    }
    return studies;
}

std::vector<std::string> ReportStore::labelNames() const
{
    std::vector<std::string> names;
    // Per table: each distinct name and its first row, by seeks on the index of `label_name || ''` (schema 11); the
    // first row of a name is its first proposal (decision), so the names sort by it.
    const std::array<std::array<const char*, 3>, 2> queries { {
        { "SELECT label_name || '' FROM label_proposals ORDER BY label_name || '' LIMIT 1",
            "SELECT label_name || '' FROM label_proposals WHERE label_name || '' > ? ORDER BY label_name || '' LIMIT 1",
            "SELECT MIN(id) FROM label_proposals WHERE label_name || '' = ?" },
        { "SELECT label_name || '' FROM label_decisions ORDER BY label_name || '' LIMIT 1",
            "SELECT label_name || '' FROM label_decisions WHERE label_name || '' > ? ORDER BY label_name || '' LIMIT 1",
            "SELECT MIN(id) FROM label_decisions WHERE label_name || '' = ?" },
    } };
    for (const auto& [firstName, nextName, firstRow] : queries) {
        std::vector<std::pair<std::int64_t, std::string>> found;
        std::string after;
        for (bool start = true;; start = false) {
            SqliteStatement& next = statement(start ? firstName : nextName);
            if (!start) {
                next.bind(1, after);
            }
            if (!next.step()) {
                next.reset();
                break;
            }
            after = next.text(0);
            next.reset();
            SqliteStatement& first = statement(firstRow);
            first.bind(1, after);
            found.emplace_back(first.step() ? first.int64(0) : 0, after);
            first.reset();
        }
        std::sort(found.begin(), found.end());
        for (auto& [row, name] : found) {
            if (std::find(names.begin(), names.end(), name) == names.end()) {
                names.push_back(std::move(name));
            }
        }
    }
    return names;
}

std::string ReportStore::lastLabelSchema() const
{
    SqliteStatement& query = statement("SELECT value FROM project_settings WHERE key = 'report_label_schema'");
    std::string value = query.step() ? query.text(0) : std::string();
    query.reset();
    return value;
}

void ReportStore::setLastLabelSchema(const std::string& schema)
{
    requireWritable("store the label schema");
    SqliteStatement& query = statement(R"(INSERT INTO project_settings(key, value) VALUES ('report_label_schema', ?1)
        ON CONFLICT(key) DO UPDATE SET value = ?1)");
    query.bind(1, schema);
    query.run();
}

} // namespace radmark::storage
