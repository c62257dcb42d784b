#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace radmark::storage {

class ProjectStore;
class SqliteStatement;

// One report as read from a file, before it is stored: the key names the study it belongs to.
struct ReportRecord {
    enum class KeyKind { Accession, StudyUid, Either }; // Either: a .txt named after one or the other
    std::string matchKey;
    KeyKind keyKind = KeyKind::Either;
    std::string sourcePath; // absolute
    std::string sourceKind; // "text", "csv" or "sr"
    int sourceRow = 0; // the CSV line (1 = header), 0 for whole-file reports
    std::string text; // UTF-8, no byte-order mark, LF line ends
    std::string encodingNote; // e.g. "converted from Latin-1", "byte-order mark removed"; empty for plain UTF-8
};

struct StoredReport {
    std::int64_t id = 0;
    std::optional<std::int64_t> studyId; // empty while unmatched
    std::string studyUid; // of the matched study
    std::string accessionNumber; // of the matched study
    std::string matchKey;
    std::string sourcePath;
    std::string sourceKind;
    int sourceRow = 0;
    std::string text;
    std::string encodingNote;
    std::int64_t importedMs = 0;
};

// A proposed (automatic) label value of a study. `value` is 1 / 0 / -1, empty when not mentioned.
struct LabelProposal {
    std::int64_t studyId = 0;
    std::string schemaName;
    int schemaVersion = 1;
    std::string labelName;
    std::optional<int> value;
    std::string choice; // a Choice label's option (value empty)
    std::string explanation;
    std::int64_t computedMs = 0;
};

// A human confirmation or change, never touched by re-labelling.
struct LabelDecision {
    std::int64_t studyId = 0;
    std::string labelName;
    std::optional<int> value;
    std::string authorName;
    std::string authorRole; // trainee, radiologist, reviewer
    std::int64_t decidedMs = 0;
};

// The label of a study as it stands: the latest human decision if any, else the proposal.
struct FinalLabel {
    std::optional<int> value;
    std::string choice;
    bool human = false;
    std::string authorName; // human only
};

struct StudyLabels {
    std::int64_t studyId = 0;
    std::string studyUid;
    std::string accessionNumber;
    std::unordered_map<std::string, FinalLabel> labels; // by label name; absent: no value at all
};

// Reports and study-level labels of a project (tables `reports`, `reports_fts`, `label_proposals`,
// `label_decisions` of schema 3). Reports whose key matches no study are stored unmatched and attach
// when the study arrives (attachUnmatched, run by every import). Same threading rules as MarkStore.
class ReportStore {
public:
    explicit ReportStore(ProjectStore& project);
    ~ReportStore();
    ReportStore(const ReportStore&) = delete;
    ReportStore& operator=(const ReportStore&) = delete;

    // Stores reports in one transaction, replacing earlier reports of the same file and row, and matches
    // them to studies (accession number or Study Instance UID). Returns how many were matched.
    std::size_t addReports(const std::vector<ReportRecord>& reports);
    // Attaches unmatched reports whose key now names a study; returns how many were attached.
    std::size_t attachUnmatched();

    std::int64_t reportCount() const;
    std::int64_t unmatchedCount() const;
    std::vector<StoredReport> unmatchedReports() const;
    std::vector<StoredReport> studyReports(std::int64_t studyId) const;
    // Full-text search (SQLite FTS5 query syntax, e.g. `pneumothorax` or `"pleural effusion"`).
    std::vector<StoredReport> search(const std::string& query, std::size_t limit = 100) const;
    // Every study that has at least one report, its reports' texts joined by blank lines, by study id.
    struct StudyReportText {
        std::int64_t studyId = 0;
        std::string text;
    };
    std::vector<StudyReportText> studyReportTexts() const;

    // Replaces the proposals of these studies for `schemaName` (one transaction); decisions stay.
    void putProposals(const std::vector<LabelProposal>& proposals);
    std::vector<LabelProposal> proposals(std::int64_t studyId) const;
    // Studies with at least one proposal for the schema.
    std::vector<std::int64_t> labelledStudies(const std::string& schemaName) const;
    void addDecision(const LabelDecision& decision);
    std::vector<LabelDecision> decisions(std::int64_t studyId) const;
    // One entry per study of the project (studies without labels included), ordered by accession, then UID.
    std::vector<StudyLabels> finalLabels() const;
    // Every label name with a proposal or decision, in the order first proposed (then first decided).
    std::vector<std::string> labelNames() const;

    // The label schema (preset name or file) `radmark label-reports PROJECT` used last; empty when never.
    std::string lastLabelSchema() const;
    void setLastLabelSchema(const std::string& schema);

private:
    SqliteStatement& statement(const char* sql) const;
    void requireWritable(const std::string& action) const;
    std::vector<StoredReport> readReports(SqliteStatement& query) const;

    ProjectStore& m_project;
};

} // namespace radmark::storage
