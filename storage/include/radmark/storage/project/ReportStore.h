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
    std::string choice; // a Choice label's option (value empty)
    std::int64_t id = 0; // the row, once stored
    std::int64_t auditSampleId = 0; // the audit sample it was made in (audit mode); 0 for every other decision
};

// The label schema kept in the project: every distinct JSON text it was given is a revision (1, 2, ...),
// the highest revision is the current one. `version` is the file format version the JSON declares.
struct StoredLabelSchema {
    std::int64_t revision = 0;
    std::string name;
    int version = 1;
    std::string jsonText;
    std::string source; // the file or preset it came from
    std::string authorName;
    std::int64_t storedMs = 0;
};

// Where a study stands in the labelling workflow, counted over the labels of one schema.
struct StudyReviewState {
    std::int64_t studyId = 0;
    std::string studyUid;
    std::string accessionNumber;
    bool hasReport = false;
    std::size_t proposedLabels = 0; // labels with a proposal (a "not mentioned" proposal counts)
    std::size_t decidedLabels = 0; // labels with a human decision in force
    std::size_t disagreements = 0; // decided labels whose value differs from the proposal
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

// The labels of every study as they stand (as finalLabels), compact for exporting 100,000 studies: one cell per
// study and label name, choices and author names stored once. Read in one pass over the studies, the proposals and
// the decisions, in table order.
struct FinalLabelTable {
    struct Study {
        std::int64_t studyId = 0;
        std::string studyUid;
        std::string accessionNumber;
    };
    enum class Source : std::uint8_t { None, Proposal, Human };
    struct Cell {
        Source source = Source::None;
        bool hasValue = false;
        int value = 0;
        std::uint32_t choice = 0; // index into texts (0: "")
        std::uint32_t author = 0; // index into texts (0: ""; human only)
        std::int64_t computedMs = 0; // of the proposal shown
    };
    std::vector<std::string> labelNames; // as ReportStore::labelNames()
    std::vector<Study> studies; // by accession, then UID
    std::vector<std::string> texts { std::string() };
    std::vector<std::vector<Cell>> columns; // columns[label][study], in labelNames order

    const Cell& cell(std::size_t study, std::size_t label) const { return columns[label][study]; }
    const std::string& text(std::uint32_t index) const { return texts[index]; }
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
    // The decisions in force (not undone), oldest first.
    std::vector<LabelDecision> decisions(std::int64_t studyId) const;

    // Label review (schema 5, storage/src/project/ReportStoreLabelDecisions.cpp).
    // Writes decisions in one transaction and returns their row ids, in order.
    std::vector<std::int64_t> addDecisions(const std::vector<LabelDecision>& decisions);
    // Undoes decisions: their rows stay, stamped with the time and who undid them, and no longer count.
    void undoDecisions(const std::vector<std::int64_t>& decisionIds, const std::string& undoneBy);
    // Every decision of a study, undone ones included (the audit trail), oldest first; undoneMs 0 = in force.
    struct DecisionRecord {
        LabelDecision decision;
        std::int64_t undoneMs = 0;
        std::string undoneBy;
    };
    std::vector<DecisionRecord> decisionHistory(std::int64_t studyId) const;
    // The series of a study, by series number (missing numbers last), then description.
    std::vector<std::string> studySeriesUids(std::int64_t studyId) const;
    // The study whose accession number or Study Instance UID is `key` (a UID wins), if any.
    std::optional<std::int64_t> findStudy(const std::string& key) const;

    std::optional<StoredLabelSchema> currentLabelSchema() const;
    std::vector<StoredLabelSchema> labelSchemaRevisions() const; // oldest first
    // Makes `schema` the current one: a new revision unless its text equals the current revision's.
    StoredLabelSchema storeLabelSchema(const StoredLabelSchema& schema);

    // Every study (ordered as finalLabels) with its counts over `labelNames`. Read from the per-study counts the
    // project keeps (schema 8, storage/src/project/ReviewCounts.cpp): a writable project recounts the studies
    // changed since and, when `labelNames` are not the labels counted, makes them so (one pass over every
    // study); a read-only one recounts changed studies in memory.
    std::vector<StudyReviewState> reviewStates(const std::vector<std::string>& labelNames) const;
    StudyReviewState reviewState(std::int64_t studyId, const std::vector<std::string>& labelNames) const;
    // One entry per study of the project (studies without labels included), ordered by accession, then UID.
    std::vector<StudyLabels> finalLabels() const;
    // The same with the label names, compact (FinalLabelTable.cpp).
    FinalLabelTable finalLabelTable() const;
    // Every label name with a proposal or decision, in the order first proposed (then first decided).
    std::vector<std::string> labelNames() const;

    // The label schema (preset name or file) `radmark label-reports PROJECT` used last; empty when never.
    std::string lastLabelSchema() const;
    void setLastLabelSchema(const std::string& schema);

private:
    SqliteStatement& statement(const char* sql) const;
    // Every study's counts from a scan of all proposals and decisions (what reviewStates falls back on).
    std::vector<StudyReviewState> scanReviewStates(const std::vector<std::string>& labelNames) const;
    // Recounts the studies whose proposals or decisions changed (inside the caller's transaction).
    void recountChangedStudies() const;
    std::int64_t insertDecision(const LabelDecision& decision); // inside the caller's transaction
    void requireWritable(const std::string& action) const;
    std::vector<StoredReport> readReports(SqliteStatement& query) const;

    ProjectStore& m_project;
};

} // namespace radmark::storage
