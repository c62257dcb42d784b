#include "gui/LabelReviewSession.h"

#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <algorithm>

namespace radmark::app {

namespace {

std::string joinedReportText(const std::vector<storage::StoredReport>& reports)
{
    // As ReportStore::studyReportTexts joins them for `radmark label-reports`.
    std::string text;
    for (const storage::StoredReport& report : reports) {
        text += (text.empty() ? "" : "\n\n") + report.text;
    }
    return text;
}

} // namespace

// One label edit on the window's undo stack.
class LabelReviewSession::DecisionCommand : public annotation::UndoCommand {
public:
    DecisionCommand(LabelReviewSession& session, Edit edit)
        : m_session(session)
        , m_edit(std::move(edit))
    {
    }

    const LabelReviewSession& session() const { return m_session; }
    std::string text() const override { return m_edit.description.toStdString(); }
    bool execute(bool) override { return m_session.writeDecisions(m_edit, false); }
    bool undo() override { return m_session.undoDecisions(m_edit); }
    bool redo() override { return m_session.writeDecisions(m_edit, true); }

private:
    LabelReviewSession& m_session;
    Edit m_edit;
};

LabelReviewSession::LabelReviewSession(annotation::UndoStack& undoStack, QObject* parent)
    : QObject(parent)
    , m_undo(undoStack)
{
}

LabelReviewSession::~LabelReviewSession() = default;

void LabelReviewSession::openProject(storage::ProjectStore* project)
{
    m_project = project;
    m_reports.reset();
    m_studyId = -1;
    m_rows.clear();
    m_evidence = {};
    m_undo.removeIf([this](const annotation::UndoCommand& command) {
        const auto* decision = dynamic_cast<const DecisionCommand*>(&command);
        return decision != nullptr && &decision->session() == this;
    });
    m_audit.reset();
    if (project != nullptr) {
        m_reports = std::make_unique<storage::ReportStore>(*project);
        m_audit = std::make_unique<storage::LabelAuditStore>(*project);
    }
    readSchemaAndStates();
    emit studyShown(m_studyId);
}

void LabelReviewSession::readSchemaAndStates()
{
    m_rows.clear(); // they point into the schema
    m_schema.reset();
    m_labeller.reset();
    m_labelNames.clear();
    m_states.clear();
    if (m_reports) {
        m_schema = projectLabelSchema(*m_reports);
        if (m_schema) {
            m_labeller = std::make_unique<annotation::ReportLabeller>(m_schema->schema);
            for (const auto& label : m_schema->schema.labels) {
                m_labelNames.push_back(label.name);
            }
        }
        m_states = m_reports->reviewStates(m_labelNames);
    }
    readAudit();
    emit schemaChanged();
    emit statesChanged();
}

void LabelReviewSession::readAudit()
{
    m_auditSamples.clear();
    m_auditOrder.clear();
    m_auditSampleOfStudy.clear();
    m_auditedStudies = 0;
    m_auditAccuracy.clear();
    if (m_audit) {
        m_auditSamples = m_audit->samples();
        for (const storage::AuditSample& sample : m_auditSamples) {
            for (const std::int64_t studyId : sample.studyIds) {
                m_auditOrder.push_back(studyId);
                m_auditSampleOfStudy[studyId] = sample.id;
            }
        }
        m_auditedStudies = m_audit->auditedStudyCount();
        if (m_schema) {
            std::vector<storage::LabelKindOf> labels;
            for (const auto& label : m_schema->schema.labels) {
                labels.push_back({ label.name, label.kind });
            }
            m_auditAccuracy = storage::measuredLabelAccuracy(*m_audit, labels);
        }
    }
    emit auditChanged();
}

std::size_t LabelReviewSession::eligibleAuditStudies() const
{
    return m_audit && m_schema ? m_audit->eligibleStudies(m_labelNames).size() : 0;
}

storage::AuditSample LabelReviewSession::drawAuditSample(std::size_t size, std::uint64_t seed)
{
    if (!isEditable() || !m_audit) {
        throw storage::ProjectError(m_project != nullptr ? m_project->path() + ": cannot draw an audit sample: "
                    + (m_schema ? "the project is read-only" : "the project has no label schema yet")
                                                         : "no project is open");
    }
    storage::AuditSample sample = m_audit->drawSample(m_labelNames, size, seed, author().name);
    readAudit();
    setFilter(Filter::Audit);
    return sample;
}

std::int64_t LabelReviewSession::auditSampleOf(std::int64_t studyId) const
{
    const auto found = m_auditSampleOfStudy.find(studyId);
    return found != m_auditSampleOfStudy.end() ? found->second : 0;
}

std::int64_t LabelReviewSession::auditSampleForEdit() const
{
    return m_filter == Filter::Audit ? auditSampleOf(m_studyId) : 0;
}

void LabelReviewSession::refresh()
{
    if (!m_reports) {
        return;
    }
    m_states = m_reports->reviewStates(m_labelNames);
    readAudit();
    emit statesChanged();
    if (m_studyId >= 0) {
        loadStudy(m_studyId);
        emit studyShown(m_studyId);
    }
}

ProjectLabellingResult LabelReviewSession::runLabeller(const LabelSchemaSource& schema, bool onlyUnlabelled)
{
    if (!m_project || !m_reports) {
        return {};
    }
    ProjectLabellingResult result = labelProjectReports(*m_project, *m_reports, schema, onlyUnlabelled, author().name);
    // Label edits made so far stay undoable: their decision rows do not depend on the proposals.
    readSchemaAndStates();
    if (m_studyId >= 0) {
        loadStudy(m_studyId);
    }
    emit studyShown(m_studyId);
    return result;
}

void LabelReviewSession::saveSchemaText(const std::string& jsonText)
{
    if (!m_reports) {
        return;
    }
    LabelSchemaSource source;
    source.schema = annotation::parseLabelSchema(jsonText, "the edited schema");
    source.jsonText = jsonText;
    source.origin = "edited in RadMark";
    keepLabelSchema(*m_reports, source, author().name);
    readSchemaAndStates();
    if (m_studyId >= 0) {
        loadStudy(m_studyId);
    }
    emit studyShown(m_studyId);
}

annotation::Author LabelReviewSession::author() const
{
    return m_authorSource ? m_authorSource() : annotation::Author {};
}

bool LabelReviewSession::isEditable() const
{
    return m_project != nullptr && !m_project->isReadOnly() && m_schema.has_value();
}

void LabelReviewSession::setFilter(Filter filter)
{
    m_filter = filter;
    emit statesChanged();
}

bool LabelReviewSession::isConfirmed(const storage::StudyReviewState& state) const
{
    return !m_labelNames.empty() && state.decidedLabels >= m_labelNames.size();
}

bool LabelReviewSession::passes(const storage::StudyReviewState& state, Filter filter) const
{
    switch (filter) {
    case Filter::All:
        return true;
    case Filter::Unlabelled:
        return state.proposedLabels == 0 && state.decidedLabels == 0;
    case Filter::Proposed:
        return state.proposedLabels > 0 && !isConfirmed(state);
    case Filter::Confirmed:
        return isConfirmed(state);
    case Filter::Disagreements:
        return state.disagreements > 0;
    case Filter::Audit:
        return auditSampleOf(state.studyId) != 0;
    }
    return true;
}

std::vector<std::size_t> LabelReviewSession::filteredStudies() const
{
    std::vector<std::size_t> indices;
    if (m_filter == Filter::Audit) { // in the drawn order: the reviewer does not choose the order either
        std::unordered_map<std::int64_t, std::size_t> indexOf;
        for (std::size_t index = 0; index < m_states.size(); ++index) {
            indexOf.emplace(m_states[index].studyId, index);
        }
        for (const std::int64_t studyId : m_auditOrder) {
            if (const auto found = indexOf.find(studyId); found != indexOf.end()) {
                indices.push_back(found->second);
            }
        }
        return indices;
    }
    for (std::size_t index = 0; index < m_states.size(); ++index) {
        if (passes(m_states[index], m_filter)) {
            indices.push_back(index);
        }
    }
    return indices;
}

const storage::StudyReviewState* LabelReviewSession::studyState() const
{
    for (const auto& state : m_states) {
        if (state.studyId == m_studyId) {
            return &state;
        }
    }
    return nullptr;
}

std::vector<std::string> LabelReviewSession::studySeriesUids() const
{
    return m_reports && m_studyId >= 0 ? m_reports->studySeriesUids(m_studyId) : std::vector<std::string> {};
}

bool LabelReviewSession::showStudy(std::int64_t studyId)
{
    if (!m_reports) {
        return false;
    }
    const bool known = std::any_of(
        m_states.begin(), m_states.end(), [studyId](const auto& state) { return state.studyId == studyId; });
    if (!known) {
        return false;
    }
    loadStudy(studyId);
    emit studyShown(m_studyId);
    return true;
}

bool LabelReviewSession::showStudyOfKey(const std::string& studyUidOrAccession)
{
    if (!m_reports) {
        return false;
    }
    const auto studyId = m_reports->findStudy(studyUidOrAccession);
    return studyId && (*studyId == m_studyId || showStudy(*studyId));
}

bool LabelReviewSession::showNext()
{
    const auto indices = filteredStudies();
    std::size_t position = 0;
    bool found = false;
    for (std::size_t k = 0; k < indices.size(); ++k) {
        if (m_states[indices[k]].studyId == m_studyId) {
            position = k;
            found = true;
        }
    }
    if (indices.empty() || (found && position + 1 >= indices.size())) {
        return false;
    }
    return showStudy(m_states[indices[found ? position + 1 : 0]].studyId);
}

bool LabelReviewSession::showPrevious()
{
    const auto indices = filteredStudies();
    for (std::size_t k = 0; k < indices.size(); ++k) {
        if (m_states[indices[k]].studyId == m_studyId) {
            return k > 0 && showStudy(m_states[indices[k - 1]].studyId);
        }
    }
    return !indices.empty() && showStudy(m_states[indices.front()].studyId);
}

std::optional<std::int64_t> LabelReviewSession::nextUnconfirmed() const
{
    if (m_filter == Filter::Audit) {
        const auto indices = filteredStudies();
        std::size_t first = 0;
        for (std::size_t k = 0; k < indices.size(); ++k) {
            if (m_states[indices[k]].studyId == m_studyId) {
                first = k + 1;
            }
        }
        for (std::size_t step = 0; step < indices.size(); ++step) {
            const auto& state = m_states[indices[(first + step) % indices.size()]];
            if (state.studyId != m_studyId && !isConfirmed(state)) {
                return state.studyId;
            }
        }
        return std::nullopt;
    }
    std::size_t start = 0;
    for (std::size_t index = 0; index < m_states.size(); ++index) {
        if (m_states[index].studyId == m_studyId) {
            start = index + 1;
        }
    }
    for (std::size_t step = 0; step < m_states.size(); ++step) {
        const auto& state = m_states[(start + step) % m_states.size()];
        if (state.studyId != m_studyId && passes(state, m_filter) && !isConfirmed(state)) {
            return state.studyId;
        }
    }
    return std::nullopt;
}

void LabelReviewSession::loadStudy(std::int64_t studyId, bool keepReport)
{
    const bool reportKnown = keepReport && studyId == m_studyId;
    m_studyId = studyId;
    m_rows.clear();
    if (!m_reports) {
        m_evidence = {};
        return;
    }
    if (!reportKnown) { // an edit changes decisions only: the report and its evidence stay as they are
        m_evidence = {};
        const std::string text = joinedReportText(m_reports->studyReports(studyId));
        if (m_labeller && !text.empty()) {
            m_evidence = m_labeller->label(text);
        } else {
            m_evidence.text = text;
        }
    }
    if (!m_schema) {
        return;
    }
    const auto& labels = m_schema->schema.labels;
    m_rows.resize(labels.size());
    for (std::size_t index = 0; index < labels.size(); ++index) {
        m_rows[index].definition = &labels[index];
    }
    const auto rowOf = [this](const std::string& name) -> LabelRow* {
        for (LabelRow& row : m_rows) {
            if (row.definition->name == name) {
                return &row;
            }
        }
        return nullptr;
    };
    auto proposals = m_reports->proposals(studyId);
    std::stable_sort(
        proposals.begin(), proposals.end(), [](const auto& a, const auto& b) { return a.computedMs < b.computedMs; });
    for (const storage::LabelProposal& proposal : proposals) {
        if (LabelRow* row = rowOf(proposal.labelName)) {
            row->hasProposal = true;
            row->proposed = { proposal.value, proposal.choice };
            row->explanation = QString::fromStdString(proposal.explanation);
        }
    }
    for (const storage::LabelDecision& decision : m_reports->decisions(studyId)) {
        if (LabelRow* row = rowOf(decision.labelName)) {
            row->hasDecision = true;
            row->decided = { decision.value, decision.choice };
            row->authorName = QString::fromStdString(decision.authorName);
            row->authorRole = QString::fromStdString(decision.authorRole);
        }
    }
}

void LabelReviewSession::updateState(std::int64_t studyId)
{
    for (auto& state : m_states) {
        if (state.studyId == studyId) {
            state = m_reports->reviewState(studyId, m_labelNames);
        }
    }
    if (auditSampleOf(studyId) != 0) {
        readAudit(); // a decision on a drawn study (in audit mode or not, done or undone) may change the figures
    }
    emit statesChanged();
}

std::string LabelReviewSession::studyTitle(std::int64_t studyId) const
{
    for (const auto& state : m_states) {
        if (state.studyId == studyId) {
            return state.accessionNumber.empty() ? state.studyUid : state.accessionNumber;
        }
    }
    return std::to_string(studyId);
}

bool LabelReviewSession::execute(Edit edit)
{
    return m_undo.push(std::make_unique<DecisionCommand>(*this, std::move(edit)));
}

bool LabelReviewSession::writeDecisions(Edit& edit, bool redoing)
{
    if (redoing && !isEditable()) {
        return false;
    }
    try {
        if (redoing) {
            for (auto& decision : edit.decisions) {
                decision.decidedMs = 0; // a redo is a new decision, stamped now
            }
        }
        const auto ids = m_reports->addDecisions(edit.decisions);
        for (std::size_t index = 0; index < ids.size(); ++index) {
            edit.decisions[index].id = ids[index];
        }
    } catch (const std::exception& error) {
        emit saveFailed(QString::fromStdString(error.what()));
        return false;
    }
    showEdited(edit.studyId, redoing);
    return true;
}

bool LabelReviewSession::undoDecisions(const Edit& edit)
{
    if (!isEditable()) {
        return false;
    }
    std::vector<std::int64_t> ids;
    for (const auto& decision : edit.decisions) {
        ids.push_back(decision.id);
    }
    try {
        m_reports->undoDecisions(ids, author().name);
    } catch (const std::exception& error) {
        emit saveFailed(QString::fromStdString(error.what()));
        return false;
    }
    showEdited(edit.studyId, true);
    return true;
}

void LabelReviewSession::showEdited(std::int64_t studyId, bool showStudy)
{
    loadStudy(studyId, true);
    updateState(studyId);
    if (showStudy) {
        emit studyShown(studyId); // an undo or redo may concern a study shown before
    }
    emit labelsChanged();
}

bool LabelReviewSession::setAnswer(std::size_t labelIndex, const annotation::LabelAnswer& answer)
{
    if (!isEditable() || m_studyId < 0 || labelIndex >= m_rows.size()) {
        return false;
    }
    const LabelRow& row = m_rows[labelIndex];
    if (row.hasDecision && row.decided == answer) {
        return false;
    }
    Edit command;
    command.studyId = m_studyId;
    command.description = tr("Set %1 to %2 (%3)")
                              .arg(QString::fromStdString(row.definition->name),
                                  QString::fromStdString(annotation::describeAnswer(*row.definition, answer)),
                                  QString::fromStdString(studyTitle(m_studyId)));
    const annotation::Author author = this->author();
    command.decisions.push_back(storage::LabelDecision { m_studyId, row.definition->name, answer.value, author.name,
        annotation::authorRoleName(author.role), 0, answer.choice, 0, auditSampleForEdit() });
    return execute(std::move(command));
}

bool LabelReviewSession::cycleLabel(std::size_t labelIndex)
{
    if (labelIndex >= m_rows.size()) {
        return false;
    }
    const LabelRow& row = m_rows[labelIndex];
    return setAnswer(labelIndex, annotation::nextAnswer(*row.definition, row.current()));
}

bool LabelReviewSession::confirmStudy()
{
    if (!isEditable() || m_studyId < 0) {
        return false;
    }
    Edit command;
    command.studyId = m_studyId;
    command.description = tr("Confirm study %1").arg(QString::fromStdString(studyTitle(m_studyId)));
    const annotation::Author author = this->author();
    for (const LabelRow& row : m_rows) {
        if (!row.hasDecision) {
            command.decisions.push_back(
                storage::LabelDecision { m_studyId, row.definition->name, row.proposed.value, author.name,
                    annotation::authorRoleName(author.role), 0, row.proposed.choice, 0, auditSampleForEdit() });
        }
    }
    if (command.decisions.empty()) {
        return true; // already confirmed: nothing to write, nothing to undo
    }
    return execute(std::move(command));
}

} // namespace radmark::app
