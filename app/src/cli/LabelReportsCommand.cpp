// `radmark label-reports`: study-level labels from report text with a label schema, CSV in, CSV out.
#include "cli/CommandArguments.h"
#include "cli/ProjectLabels.h"
#include "cli/Subcommands.h"
#include "labelling/LabelSchemaSource.h"
#include "radmark/storage/files/WholeFile.h"

#include "radmark/annotation/AsciiText.h"
#include "radmark/annotation/CsvRecord.h"
#include "radmark/annotation/reports/LabelSchema.h"
#include "radmark/annotation/reports/ReportCsv.h"
#include "radmark/annotation/reports/ReportLabeller.h"
#include "radmark/annotation/reports/ReportText.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <stdexcept>

namespace radmark::app {

namespace {

using namespace annotation;

} // namespace

LabelSchema resolveLabelSchema(const std::string& argument)
{
    return loadLabelSchemaFile(resolveLabelSchemaPath(argument));
}

namespace {

std::size_t findColumn(const std::vector<std::string>& header, const std::string& name, const std::string& path)
{
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (lowerTrimmedAscii(header[i]) == name) {
            return i;
        }
    }
    throw std::runtime_error(path + ": line 1: the header has no \"" + name
        + "\" column (it needs \"id\" and "
          "\"report\"; found: "
        + joinCsvRecord(header) + ")");
}

} // namespace

int runLabelReportsCommand(const std::vector<std::string>& arguments)
{
    // `label-reports PROJECT ...` labels the project's studies; the `--in/--out` form works on CSV files.
    if (!arguments.empty() && arguments.front().rfind("--", 0) != 0) {
        return runProjectLabelReports(arguments);
    }
    const CommandArguments parsed(arguments, { "schema", "in", "out", "explain" }, {});
    if (!parsed.positionals().empty()) {
        throw UsageError("unexpected argument \"" + parsed.positionals().front() + "\"");
    }
    for (const char* required : { "schema", "in", "out" }) {
        if (!parsed.value(required)) {
            throw UsageError(std::string("--") + required + " is required");
        }
    }
    const ReportLabeller labeller(resolveLabelSchema(*parsed.value("schema")));
    const std::string inPath = *parsed.value("in");
    std::vector<CsvRow> rows;
    try {
        rows = readCsvRows(decodeReportText(storage::readWholeFileOrThrow(inPath)));
    } catch (const std::runtime_error& error) {
        throw std::runtime_error(inPath + ": " + error.what());
    }
    if (rows.empty()) {
        throw std::runtime_error(inPath + ": empty file (expected a header with \"id\" and \"report\")");
    }
    const std::size_t idColumn = findColumn(rows.front().fields, "id", inPath);
    const std::size_t reportColumn = findColumn(rows.front().fields, "report", inPath);

    const std::string outPath = *parsed.value("out");
    std::ofstream out(outPath, std::ios::binary);
    if (!out) {
        throw std::runtime_error(outPath + ": cannot write");
    }
    std::unique_ptr<std::ofstream> explain;
    if (const auto explainPath = parsed.value("explain")) {
        explain = std::make_unique<std::ofstream>(*explainPath, std::ios::binary);
        if (!*explain) {
            throw std::runtime_error(*explainPath + ": cannot write");
        }
        *explain << "id,label,value,explanation\n";
    }
    const auto& labels = labeller.schema().labels;
    std::vector<std::string> cells { "id" };
    for (const auto& label : labels) {
        cells.push_back(label.name);
    }
    out << joinCsvRecord(cells) << "\n";

    std::size_t empty = 0;
    std::set<std::string> ids;
    std::size_t duplicates = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        if (row.fields.size() != rows.front().fields.size()) {
            throw std::runtime_error(inPath + ": line " + std::to_string(row.line) + ": "
                + std::to_string(row.fields.size()) + " fields where the header has "
                + std::to_string(rows.front().fields.size()));
        }
        const std::string& id = row.fields[idColumn];
        duplicates += ids.insert(id).second ? 0 : 1;
        const std::string& report = row.fields[reportColumn];
        cells.assign(1, id);
        if (lowerTrimmedAscii(report).empty()) {
            ++empty; // nothing to read: every label stays empty, defaults included
            cells.resize(labels.size() + 1);
        } else {
            const LabelledReport result = labeller.label(report);
            for (std::size_t i = 0; i < labels.size(); ++i) {
                cells.push_back(labelCellText(labels[i], result.labels[i]));
                if (explain && result.labels[i].value != LabelValue::NotMentioned) {
                    *explain << joinCsvRecord(
                        { id, labels[i].name, cells.back(), result.labels[i].explanation.describe() })
                             << "\n";
                }
            }
        }
        out << joinCsvRecord(cells) << "\n";
    }
    out.flush();
    if (!out) {
        throw std::runtime_error(outPath + ": write failed");
    }
    std::cout << "Labelled " << rows.size() - 1 << " report(s) with schema \"" << labeller.schema().name << "\" ("
              << labels.size() << " labels) into " << outPath << "\n";
    if (empty > 0) {
        std::cerr << "warning: " << empty << " empty report(s) left unlabelled\n";
    }
    if (duplicates > 0) {
        std::cerr << "warning: " << duplicates << " row(s) repeat an id already seen\n";
    }
    return 0;
}

} // namespace radmark::app
