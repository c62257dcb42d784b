// `radmark label-eval`: the labeller's proposals on a CSV of reports scored against human gold labels.
#include "cli/CommandArguments.h"
#include "cli/ProjectLabels.h"
#include "cli/Subcommands.h"
#include "radmark/storage/files/WholeFile.h"

#include "radmark/annotation/AsciiText.h"
#include "radmark/annotation/CsvRecord.h"
#include "radmark/annotation/reports/GoldLabelCsv.h"
#include "radmark/annotation/reports/LabelEvaluation.h"
#include "radmark/annotation/reports/ReportCsv.h"
#include "radmark/annotation/reports/ReportLabeller.h"
#include "radmark/annotation/reports/ReportText.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <unordered_map>

namespace radmark::app {

namespace {

using namespace annotation;

constexpr int belowTargetExitCode = 3;

std::vector<IdentifiedReport> readReportCsv(const std::string& path)
{
    std::vector<CsvRow> rows;
    try {
        rows = readCsvRows(decodeReportText(storage::readWholeFileOrThrow(path)));
    } catch (const std::runtime_error& error) {
        throw std::runtime_error(path + ": " + error.what());
    }
    if (rows.empty()) {
        throw std::runtime_error(path + ": empty file (expected a header with \"id\" and \"report\")");
    }
    const auto& header = rows.front().fields;
    const auto column = [&](const char* name) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (lowerTrimmedAscii(header[i]) == name) {
                return i;
            }
        }
        throw std::runtime_error(path + ": line 1: the header has no \"" + name
            + "\" column (it needs \"id\" and \"report\"; found: " + joinCsvRecord(header) + ")");
    };
    const std::size_t idColumn = column("id");
    const std::size_t reportColumn = column("report");
    std::vector<IdentifiedReport> reports;
    std::unordered_map<std::string, int> lineOfId;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        if (row.fields.size() != header.size()) {
            throw std::runtime_error(path + ": line " + std::to_string(row.line) + ": "
                + std::to_string(row.fields.size()) + " fields where the header has " + std::to_string(header.size()));
        }
        const std::string id = trimmedAscii(row.fields[idColumn]);
        if (id.empty()) {
            throw std::runtime_error(path + ": line " + std::to_string(row.line) + ": empty id");
        }
        const auto inserted = lineOfId.emplace(id, row.line);
        if (!inserted.second) {
            throw std::runtime_error(path + ": line " + std::to_string(row.line) + ": id \"" + id + "\" repeats line "
                + std::to_string(inserted.first->second));
        }
        reports.push_back({ id, row.fields[reportColumn] });
    }
    return reports;
}

std::string figure(double value)
{
    if (std::isnan(value)) {
        return "n/a";
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

std::string padded(const std::string& text, std::size_t width, bool right = false)
{
    if (text.size() >= width) {
        return text;
    }
    const std::string fill(width - text.size(), ' ');
    return right ? fill + text : text + fill;
}

void listIds(std::ostream& out, const std::string& what, const std::vector<std::string>& ids)
{
    if (ids.empty()) {
        return;
    }
    out << "warning: " << ids.size() << " " << what << ": ";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        out << (i == 0 ? "" : ", ") << ids[i];
    }
    out << "\n";
}

} // namespace

int runLabelEvalCommand(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "schema", "in", "gold", "map", "errors", "min-macro-f1", "min-f1" }, {});
    if (!parsed.positionals().empty()) {
        throw UsageError("unexpected argument \"" + parsed.positionals().front() + "\"");
    }
    for (const char* required : { "schema", "in", "gold" }) {
        if (!parsed.value(required)) {
            throw UsageError(std::string("--") + required + " is required");
        }
    }
    const std::optional<double> minMacroF1 = parsed.number("min-macro-f1");
    const std::optional<double> minF1 = parsed.number("min-f1");
    const ReportLabeller labeller(resolveLabelSchema(*parsed.value("schema")));
    const std::string goldPath = *parsed.value("gold");
    const GoldLabelTable gold = readGoldLabelCsv(storage::readWholeFileOrThrow(goldPath), goldPath);
    std::vector<GoldMapping> mapping;
    if (const auto map = parsed.value("map")) {
        try {
            mapping = parseGoldMapping(*map, labeller.schema(), gold);
        } catch (const std::invalid_argument& error) {
            throw UsageError(error.what());
        }
    } else {
        mapping = defaultGoldMapping(labeller.schema(), gold);
        if (mapping.empty()) {
            std::string columns;
            for (const auto& column : gold.columns) {
                columns += (columns.empty() ? "" : ", ") + column;
            }
            throw UsageError(goldPath + ": no gold column matches a label of schema \"" + labeller.schema().name
                + "\" (columns: " + columns + "); say which with --map LABEL=COLUMN,...");
        }
    }
    const std::string inPath = *parsed.value("in");
    const std::vector<IdentifiedReport> reports = readReportCsv(inPath);
    std::unique_ptr<std::ofstream> errors;
    if (const auto errorsPath = parsed.value("errors")) {
        errors = std::make_unique<std::ofstream>(*errorsPath, std::ios::binary);
        if (!*errors) {
            throw std::runtime_error(*errorsPath + ": cannot write");
        }
    }

    const LabelEvaluation result = evaluateLabeller(labeller, reports, gold, mapping);

    std::cout << "Schema \"" << labeller.schema().name << "\": " << reports.size() << " report(s) in " << inPath << ", "
              << gold.rows.size() << " gold row(s) in " << goldPath << ", " << result.scoredReports
              << " scored. Present = 1; 0, -1 and empty are absent.\n";
    std::size_t labelWidth = 13;
    std::size_t columnWidth = 11;
    for (const auto& score : result.scores) {
        labelWidth = std::max(labelWidth, score.label.size() + 2);
        columnWidth = std::max(columnWidth, score.column.size() + 2);
    }
    std::cout << padded("label", labelWidth) << padded("gold column", columnWidth) << padded("support", 8, true)
              << padded("precision", 11, true) << padded("recall", 8, true) << padded("F1", 7, true)
              << padded("kappa", 8, true) << "\n";
    for (const auto& score : result.scores) {
        std::cout << padded(score.label, labelWidth) << padded(score.column, columnWidth)
                  << padded(std::to_string(score.counts.support()), 8, true)
                  << padded(figure(precision(score.counts)), 11, true) << padded(figure(recall(score.counts)), 8, true)
                  << padded(figure(f1Score(score.counts)), 7, true)
                  << padded(figure(cohensKappa(score.counts)), 8, true) << "\n";
    }
    std::cout << padded(
        "macro average (" + std::to_string(result.scores.size()) + " labels)", labelWidth + columnWidth + 8)
              << padded(figure(result.macroPrecision()), 11, true) << padded(figure(result.macroRecall()), 8, true)
              << padded(figure(result.macroF1()), 7, true) << padded(figure(result.macroKappa()), 8, true) << "\n";
    std::cout << result.disagreements.size() << " disagreement(s)"
              << (errors ? " written to " + *parsed.value("errors") : std::string()) << "\n";
    listIds(std::cerr, "gold id(s) without a report in " + inPath + " (not scored)", result.goldWithoutReport);
    listIds(std::cerr, "report(s) without a gold row in " + goldPath + " (not scored)", result.reportsWithoutGold);

    if (errors) {
        *errors << "id,label,expected,proposed,explanation\n";
        for (const auto& d : result.disagreements) {
            *errors << joinCsvRecord({ d.id, d.label, d.expected, d.proposed, d.explanation }) << "\n";
        }
        for (const auto& id : result.goldWithoutReport) {
            *errors << joinCsvRecord({ id, "", "", "", "gold row without a report" }) << "\n";
        }
        for (const auto& id : result.reportsWithoutGold) {
            *errors << joinCsvRecord({ id, "", "", "", "report without a gold row" }) << "\n";
        }
        errors->flush();
        if (!*errors) {
            throw std::runtime_error(*parsed.value("errors") + ": write failed");
        }
    }

    if (result.scoredReports == 0) {
        throw std::runtime_error("no report id of " + inPath + " is in " + goldPath + ": nothing scored");
    }
    int exitCode = 0;
    if (minMacroF1 && !(result.macroF1() >= *minMacroF1)) {
        std::cerr << "below target: macro-F1 " << figure(result.macroF1()) << " < " << *minMacroF1 << "\n";
        exitCode = belowTargetExitCode;
    }
    if (minF1) {
        for (const auto& score : result.scores) {
            if (!(f1Score(score.counts) >= *minF1)) {
                std::cerr << "below target: " << score.label << " F1 " << figure(f1Score(score.counts)) << " < "
                          << *minF1 << "\n";
                exitCode = belowTargetExitCode;
            }
        }
    }
    return exitCode;
}

} // namespace radmark::app
