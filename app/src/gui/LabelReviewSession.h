#pragma once

#include "labelling/LabelSchemaSource.h"
#include "labelling/ProjectLabeller.h"
#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/UndoStack.h"
#include "radmark/annotation/reports/LabelAnswer.h"
#include "radmark/annotation/reports/ReportLabeller.h"
#include "radmark/storage/project/LabelAuditStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace radmark::storage {
class ProjectStore;
}

namespace radmark::app {

// The study-level labelling workflow of an open project, without widgets: the project's label schema,
// every study's review state (for the filters), the shown study's report, proposals and human decisions,
// and the label edits as commands on the window's one undo stack (shared with marks and saliency verdicts).
// Every edit is written to the project at once (one transaction per command); undoing a decision stamps its
// row as undone (see ReportStore::undoDecisions), redoing writes it again. GUI thread only.
class LabelReviewSession : public QObject {
    Q_OBJECT
public:
    // Audit: the studies of the project's audit samples, in their drawn (random) order; decisions made on them
    // while this filter is on are audit-mode decisions, the only ones the measured accuracy counts.
    enum class Filter { All, Unlabelled, Proposed, Confirmed, Disagreements, Audit };

    // One schema label of the shown study.
    struct LabelRow {
        const annotation::LabelDefinition* definition = nullptr;
        bool hasProposal = false;
        annotation::LabelAnswer proposed;
        QString explanation; // why the labeller proposed it, empty when not mentioned
        bool hasDecision = false;
        annotation::LabelAnswer decided;
        QString authorName; // of the decision
        QString authorRole;

        annotation::LabelAnswer current() const { return hasDecision ? decided : proposed; }
    };

    // `undoStack` (the window's, it must outlive the session) records every label edit.
    LabelReviewSession(annotation::UndoStack& undoStack, QObject* parent = nullptr);
    ~LabelReviewSession() override;

    // Reads the project's schema and review states (nullptr: none). Throws on a broken stored schema.
    void openProject(storage::ProjectStore* project);
    // Re-reads the review states (after an import or a labeller run) and the shown study.
    void refresh();
    // Labels every study with a report with the schema, makes it the project's schema, refreshes.
    ProjectLabellingResult runLabeller(const LabelSchemaSource& schema, bool onlyUnlabelled);

    // Stores edited schema text as the project's next revision (LabelSchemaError when it is wrong).
    void saveSchemaText(const std::string& jsonText);

    bool hasSchema() const { return m_schema.has_value(); }
    const annotation::LabelSchema* schema() const { return m_schema ? &m_schema->schema : nullptr; }
    const std::optional<LabelSchemaSource>& schemaSource() const { return m_schema; }
    bool isEditable() const;
    // Who is labelling (asked at each edit: the window's author setting, Edit ▸ Author…).
    void setAuthorSource(std::function<annotation::Author()> source) { m_authorSource = std::move(source); }
    annotation::Author author() const;

    Filter filter() const { return m_filter; }
    void setFilter(Filter filter);
    // Studies passing the filter, in accession / UID order (indices into states()).
    std::vector<std::size_t> filteredStudies() const;
    const std::vector<storage::StudyReviewState>& states() const { return m_states; }
    bool isConfirmed(const storage::StudyReviewState& state) const;
    bool passes(const storage::StudyReviewState& state, Filter filter) const;

    // The shown study; -1 when none.
    std::int64_t studyId() const { return m_studyId; }
    const storage::StudyReviewState* studyState() const;
    const std::vector<LabelRow>& rows() const { return m_rows; }
    // The shown study's report(s) as decoded for the labeller (offsets of evidence() refer to it).
    const std::string& reportText() const { return m_evidence.text; }
    // The labeller's explanation per schema label on the shown report (offsets for highlighting).
    const annotation::LabelledReport& evidence() const { return m_evidence; }
    std::vector<std::string> studySeriesUids() const;

    // Shows a study (no edit); false when unknown.
    bool showStudy(std::int64_t studyId);
    bool showStudyOfKey(const std::string& studyUidOrAccession);
    // Moves within the filtered list; false at its end.
    bool showNext();
    bool showPrevious();
    // The next study after the shown one (wrapping) that passes the filter and is not confirmed.
    std::optional<std::int64_t> nextUnconfirmed() const;

    // Edits (each one undoable command, written at once). setAnswer records a decision for one label;
    // cycleLabel sets the next answer of the label's kind; confirmStudy records a decision for every label
    // without one (its proposal as it stands).
    bool setAnswer(std::size_t labelIndex, const annotation::LabelAnswer& answer);
    bool cycleLabel(std::size_t labelIndex);
    bool confirmStudy();

    // Audit mode (filter Audit). Studies a new sample may draw from (proposals, no human decision, in no sample).
    std::size_t eligibleAuditStudies() const;
    // Draws a sample (LabelAuditStore::drawSample; ProjectError when refused), switches to the Audit filter.
    storage::AuditSample drawAuditSample(std::size_t size, std::uint64_t seed);
    bool auditMode() const { return m_filter == Filter::Audit; }
    const std::vector<storage::AuditSample>& auditSamples() const { return m_auditSamples; }
    std::size_t auditDrawnStudies() const { return m_auditOrder.size(); }
    std::size_t auditedStudies() const { return m_auditedStudies; }
    // The sample of a study, 0 when it was not drawn.
    std::int64_t auditSampleOf(std::int64_t studyId) const;
    // Per schema label: the proposals' precision, recall, agreement and kappa against audit-mode decisions.
    const std::vector<annotation::LabelAccuracy>& auditAccuracy() const { return m_auditAccuracy; }

signals:
    void schemaChanged();
    void studyShown(qint64 studyId);
    void labelsChanged(); // the shown study's rows changed (an edit, an undo)
    void statesChanged(); // review states changed (filters, counts)
    void auditChanged(); // a sample was drawn or an audit-mode decision changed the measured accuracy
    void saveFailed(const QString& message);

private:
    // One label edit: the decision rows it writes (ids of the rows written last).
    struct Edit {
        QString description;
        std::int64_t studyId = 0;
        std::vector<storage::LabelDecision> decisions;
    };
    class DecisionCommand;

    void readSchemaAndStates();
    void loadStudy(std::int64_t studyId, bool keepReport = false);
    void updateState(std::int64_t studyId);
    void readAudit();
    std::int64_t auditSampleForEdit() const;
    bool execute(Edit edit);
    // What DecisionCommand does (false, with saveFailed, when the project refused the write).
    bool writeDecisions(Edit& edit, bool redoing);
    bool undoDecisions(const Edit& edit);
    void showEdited(std::int64_t studyId, bool showStudy);
    std::string studyTitle(std::int64_t studyId) const;

    annotation::UndoStack& m_undo;
    storage::ProjectStore* m_project = nullptr;
    std::unique_ptr<storage::ReportStore> m_reports;
    std::optional<LabelSchemaSource> m_schema;
    std::unique_ptr<annotation::ReportLabeller> m_labeller;
    std::vector<std::string> m_labelNames;
    std::function<annotation::Author()> m_authorSource;
    Filter m_filter = Filter::All;
    std::vector<storage::StudyReviewState> m_states;
    std::int64_t m_studyId = -1;
    std::vector<LabelRow> m_rows;
    annotation::LabelledReport m_evidence;
    std::unique_ptr<storage::LabelAuditStore> m_audit;
    std::vector<storage::AuditSample> m_auditSamples;
    std::vector<std::int64_t> m_auditOrder; // drawn studies, sample by sample, in drawn order
    std::unordered_map<std::int64_t, std::int64_t> m_auditSampleOfStudy;
    std::size_t m_auditedStudies = 0;
    std::vector<annotation::LabelAccuracy> m_auditAccuracy;
};

} // namespace radmark::app
