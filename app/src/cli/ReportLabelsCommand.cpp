// `radmark label-reports PROJECT`: automatic study labels from the project's reports (stored as proposals), and
// `radmark labels PROJECT`: the labels as they stand (latest human decision, else the proposal), as CSV.
#include "cli/CommandArguments.h"
#include "cli/ProjectArgument.h"
#include "cli/ProjectLabels.h"
#include "cli/Subcommands.h"

#include "radmark/annotation/CsvRecord.h"
#include "radmark/annotation/reports/ReportLabeller.h"
#include "radmark/storage/ReportStore.h"

#include <algorithm>
#include <array>
#include <iostream>
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

std::string plural(std::size_t count, const std::string& one, const std::string& many)
{
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

} // namespace

int runProjectLabelReports(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "schema" }, { "only-unlabelled" });
    if (parsed.positionals().size() > 1) {
        throw UsageError("unexpected argument \"" + parsed.positionals()[1] + "\"");
    }
    auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadWrite);
    storage::ReportStore reports(*project);
    std::string schemaArgument = parsed.value("schema").value_or(reports.lastLabelSchema());
    if (schemaArgument.empty()) {
        throw UsageError("--schema is required (this project has not been labelled before)");
    }
    const ReportLabeller labeller(resolveLabelSchema(schemaArgument));
    const LabelSchema& schema = labeller.schema();
    std::set<std::int64_t> alreadyLabelled;
    if (parsed.has("only-unlabelled")) {
        const auto studies = reports.labelledStudies(schema.name);
        alreadyLabelled.insert(studies.begin(), studies.end());
    }
    // counts[label][0..3]: positive, negative, uncertain, not mentioned (or a choice).
    std::vector<std::array<std::size_t, 4>> counts(schema.labels.size(), std::array<std::size_t, 4> {});
    std::vector<storage::LabelProposal> proposals;
    std::size_t labelled = 0;
    std::size_t skipped = 0;
    const auto texts = reports.studyReportTexts();
    for (const auto& study : texts) {
        if (alreadyLabelled.count(study.studyId) != 0) {
            ++skipped;
            continue;
        }
        ++labelled;
        const LabelledReport result = labeller.label(study.text);
        for (std::size_t index = 0; index < schema.labels.size(); ++index) {
            const LabelResult& label = result.labels[index];
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
            ++counts[index][column];
        }
    }
    reports.putProposals(proposals);
    if (parsed.value("schema")) {
        reports.setLastLabelSchema(schemaArgument);
    }
    const std::size_t studyCount = project->studies().size();
    std::cout << "Labelled " << plural(labelled, "study", "studies") << " with schema \"" << schema.name
              << "\" version " << schema.version << "; " << skipped << " already labelled, "
              << (studyCount - texts.size()) << " without a report, "
              << plural(static_cast<std::size_t>(reports.unmatchedCount()), "unmatched report", "unmatched reports")
              << "\n";
    std::cout << "label,positive,negative,uncertain,not_mentioned\n";
    for (std::size_t index = 0; index < schema.labels.size(); ++index) {
        std::cout << joinCsvRecord({ schema.labels[index].name }) << "," << counts[index][0] << "," << counts[index][1]
                  << "," << counts[index][2] << "," << counts[index][3] << "\n";
    }
    return 0;
}

int runLabelsCommand(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "format" }, { "unmatched-reports" });
    if (parsed.positionals().size() > 1) {
        throw UsageError("unexpected argument \"" + parsed.positionals()[1] + "\"");
    }
    const std::string format = parsed.value("format").value_or("csv");
    if (format != "csv") {
        throw UsageError("--format must be csv (got \"" + format + "\")");
    }
    auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadOnly);
    storage::ReportStore reports(*project);
    if (parsed.has("unmatched-reports")) {
        std::cout << "key,file,row\n";
        for (const storage::StoredReport& report : reports.unmatchedReports()) {
            std::cout << joinCsvRecord({ report.matchKey, report.sourcePath, std::to_string(report.sourceRow) })
                      << "\n";
        }
        return 0;
    }
    const std::vector<std::string> names = reports.labelNames();
    std::vector<std::string> cells { "accession", "study_uid" };
    cells.insert(cells.end(), names.begin(), names.end());
    cells.push_back("source");
    cells.push_back("author");
    std::cout << joinCsvRecord(cells) << "\n";
    for (const storage::StudyLabels& study : reports.finalLabels()) {
        cells = { study.accessionNumber, study.studyUid };
        bool anyHuman = false;
        bool anyAuto = false;
        std::vector<std::string> authors;
        for (const std::string& name : names) {
            const auto found = study.labels.find(name);
            if (found == study.labels.end()) {
                cells.emplace_back();
                continue;
            }
            const storage::FinalLabel& label = found->second;
            cells.push_back(!label.choice.empty() ? label.choice
                    : label.value                 ? std::to_string(*label.value)
                                                  : std::string());
            anyHuman = anyHuman || label.human;
            anyAuto = anyAuto || !label.human;
            if (label.human && std::find(authors.begin(), authors.end(), label.authorName) == authors.end()) {
                authors.push_back(label.authorName);
            }
        }
        std::string authorText;
        for (const std::string& author : authors) {
            authorText += (authorText.empty() ? "" : ";") + author;
        }
        cells.push_back(anyHuman ? "human" : anyAuto ? "auto" : "");
        cells.push_back(authorText);
        std::cout << joinCsvRecord(cells) << "\n";
    }
    return 0;
}

} // namespace radmark::app
