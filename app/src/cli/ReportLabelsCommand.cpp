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
#include <charconv>
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

// One CSV line per study: accession, UID, one cell per label (the choice, else the value), whether any label is a
// human decision ("human") or all are proposals ("auto"), the deciding authors. Written through one buffer.
void writeFinalLabelsCsv(const storage::FinalLabelTable& table, std::ostream& out)
{
    std::string buffer;
    buffer.reserve(1 << 20);
    std::vector<std::string> header { "accession", "study_uid" };
    header.insert(header.end(), table.labelNames.begin(), table.labelNames.end());
    header.emplace_back("source");
    header.emplace_back("author");
    buffer += joinCsvRecord(header);
    buffer += '\n';
    std::vector<std::uint32_t> authors;
    std::array<char, 16> digits {};
    for (std::size_t study = 0; study < table.studies.size(); ++study) {
        appendCsvField(buffer, table.studies[study].accessionNumber);
        buffer += ',';
        appendCsvField(buffer, table.studies[study].studyUid);
        bool anyHuman = false;
        bool anyAuto = false;
        authors.clear();
        for (std::size_t label = 0; label < table.labelNames.size(); ++label) {
            buffer += ',';
            const storage::FinalLabelTable::Cell& cell = table.cell(study, label);
            if (cell.source == storage::FinalLabelTable::Source::None) {
                continue;
            }
            if (cell.choice != 0) {
                appendCsvField(buffer, table.text(cell.choice));
            } else if (cell.hasValue) {
                const auto written = std::to_chars(digits.data(), digits.data() + digits.size(), cell.value);
                buffer.append(digits.data(), written.ptr);
            }
            const bool human = cell.source == storage::FinalLabelTable::Source::Human;
            anyHuman = anyHuman || human;
            anyAuto = anyAuto || !human;
            if (human && std::find(authors.begin(), authors.end(), cell.author) == authors.end()) {
                authors.push_back(cell.author);
            }
        }
        buffer += anyHuman ? ",human," : anyAuto ? ",auto," : ",,";
        std::string authorText;
        for (const std::uint32_t author : authors) {
            authorText += (authorText.empty() ? "" : ";") + table.text(author);
        }
        appendCsvField(buffer, authorText);
        buffer += '\n';
        if (buffer.size() >= (1 << 20) - 4096) {
            out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            buffer.clear();
        }
    }
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
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
    writeFinalLabelsCsv(reports.finalLabelTable(), std::cout);
    return 0;
}

} // namespace radmark::app
