// `radmark label-reports PROJECT`: automatic study labels from the project's reports (stored as proposals), and
// `radmark labels PROJECT`: the labels as they stand (latest human decision, else the proposal), as CSV.
#include "cli/CommandArguments.h"
#include "cli/ProjectArgument.h"
#include "cli/ProjectLabels.h"
#include "cli/Subcommands.h"
#include "labelling/ProjectLabeller.h"

#include "radmark/annotation/CsvRecord.h"
#include "radmark/annotation/reports/ReportLabeller.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ReportStore.h"

#include <algorithm>
#include <array>
#include <iostream>
#include <optional>
#include <set>

namespace radmark::app {

namespace {

using namespace annotation;

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
    std::optional<LabelSchemaSource> source;
    if (const auto schemaArgument = parsed.value("schema")) {
        source = readLabelSchemaSource(*schemaArgument);
    } else {
        source = projectLabelSchema(reports);
    }
    if (!source) {
        throw UsageError("--schema is required (this project has not been labelled before)");
    }
    const LabelSchema& schema = source->schema;
    const ProjectLabellingResult result
        = labelProjectReports(*project, reports, *source, parsed.has("only-unlabelled"), "");
    if (const auto schemaArgument = parsed.value("schema")) {
        reports.setLastLabelSchema(*schemaArgument);
    }
    std::cout << "Labelled " << plural(result.labelled, "study", "studies") << " with schema \"" << schema.name
              << "\" version " << schema.version << "; " << result.skipped << " already labelled, "
              << result.withoutReport << " without a report, "
              << plural(result.unmatchedReports, "unmatched report", "unmatched reports") << "\n";
    std::cout << "label,positive,negative,uncertain,not_mentioned\n";
    for (std::size_t index = 0; index < schema.labels.size(); ++index) {
        const auto& counts = result.counts[index];
        std::cout << joinCsvRecord({ schema.labels[index].name }) << "," << counts[0] << "," << counts[1] << ","
                  << counts[2] << "," << counts[3] << "\n";
    }
    return 0;
}

int runLabelsCommand(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "format", "set", "study", "author", "role", "audit-draw", "seed" },
        { "unmatched-reports", "confirm", "history", "schema-json", "audit", "accuracy", "audit-studies" });
    if (parsed.positionals().size() > 1) {
        throw UsageError("unexpected argument \"" + parsed.positionals()[1] + "\"");
    }
    if (parsed.has("set") || parsed.has("confirm") || parsed.has("history")) {
        return runLabelDecisionCommand(parsed);
    }
    if (parsed.has("audit")) {
        throw UsageError("--audit goes with --study KEY --set/--confirm (a decision in audit mode)");
    }
    if (parsed.has("audit-draw") || parsed.has("accuracy") || parsed.has("audit-studies")) {
        return runLabelAuditCommand(parsed);
    }
    if (parsed.has("seed")) {
        throw UsageError("--seed goes with --audit-draw");
    }
    if (parsed.has("study") || parsed.has("author") || parsed.has("role")) {
        throw UsageError("--study, --author and --role go with --set, --confirm, --history or --audit-draw");
    }
    const std::string format = parsed.value("format").value_or("csv");
    if (format != "csv") {
        throw UsageError("--format must be csv (got \"" + format + "\")");
    }
    auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadOnly);
    storage::ReportStore reports(*project);
    if (parsed.has("schema-json")) {
        // The project's current schema as stored, to edit and give back with `label-reports PROJECT --schema FILE`.
        const auto stored = reports.currentLabelSchema();
        if (!stored) {
            throw storage::ProjectError(project->path() + ": has no label schema yet");
        }
        std::cout << stored->jsonText;
        if (!stored->jsonText.empty() && stored->jsonText.back() != '\n') {
            std::cout << "\n";
        }
        return 0;
    }
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
