#include "labelling/ProjectLabeller.h"

#include "radmark/annotation/reports/ReportLabeller.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <set>

namespace radmark::app {

namespace {

using namespace annotation;

std::optional<int> labelNumber(LabelValue value)
{
    switch (value) {
    case LabelValue::Positive:
        return 1;
    case LabelValue::Negative:
        return 0;
    case LabelValue::Uncertain:
        return -1;
    case LabelValue::NotMentioned:
        break;
    }
    return std::nullopt;
}

} // namespace

ProjectLabellingResult labelProjectReports(storage::ProjectStore& project, storage::ReportStore& reports,
    const LabelSchemaSource& source, bool onlyUnlabelled, const std::string& authorName)
{
    const ReportLabeller labeller(source.schema);
    const LabelSchema& schema = labeller.schema();
    std::set<std::int64_t> alreadyLabelled;
    if (onlyUnlabelled) {
        const auto studies = reports.labelledStudies(schema.name);
        alreadyLabelled.insert(studies.begin(), studies.end());
    }
    ProjectLabellingResult result;
    result.counts.assign(schema.labels.size(), std::array<std::size_t, 4> {});
    std::vector<storage::LabelProposal> proposals;
    const auto texts = reports.studyReportTexts();
    for (const auto& study : texts) {
        if (alreadyLabelled.count(study.studyId) != 0) {
            ++result.skipped;
            continue;
        }
        ++result.labelled;
        const LabelledReport labelled = labeller.label(study.text);
        for (std::size_t index = 0; index < schema.labels.size(); ++index) {
            const LabelResult& label = labelled.labels[index];
            storage::LabelProposal proposal;
            proposal.studyId = study.studyId;
            proposal.schemaName = schema.name;
            proposal.schemaVersion = schema.version;
            proposal.labelName = schema.labels[index].name;
            if (schema.labels[index].kind == LabelKind::Choice) {
                proposal.choice = labelCellText(schema.labels[index], label);
            } else {
                proposal.value = labelNumber(label.value);
            }
            if (label.value != LabelValue::NotMentioned) {
                proposal.explanation = label.explanation.describe();
            }
            proposals.push_back(std::move(proposal));
            const std::size_t column = label.value == LabelValue::Positive ? 0
                : label.value == LabelValue::Negative                      ? 1
                : label.value == LabelValue::Uncertain                     ? 2
                                                                           : 3;
            ++result.counts[index][column];
        }
    }
    reports.putProposals(proposals);
    keepLabelSchema(reports, source, authorName);
    result.withoutReport = project.studies().size() - texts.size();
    result.unmatchedReports = static_cast<std::size_t>(reports.unmatchedCount());
    return result;
}

} // namespace radmark::app
