#include "radmark/annotation/reports/GoldLabelCsv.h"

#include "radmark/annotation/AsciiText.h"
#include "radmark/annotation/reports/ReportCsv.h"
#include "radmark/annotation/reports/ReportText.h"

#include <unordered_map>

namespace radmark::annotation {

namespace {

// Column names compared as people write them: "Pleural_Effusion" == "pleural effusion".
std::string columnKey(const std::string& name)
{
    std::string key;
    for (const char c : lowerTrimmedAscii(name)) {
        if (c != ' ' && c != '_' && c != '-') {
            key.push_back(c);
        }
    }
    return key;
}

bool parseGoldCell(const std::string& cell, GoldValue& value)
{
    const std::string text = trimmedAscii(cell);
    if (text.empty()) {
        value = GoldValue::Empty;
    } else if (text == "1" || text == "1.0") {
        value = GoldValue::Present;
    } else if (text == "0" || text == "0.0" || text == "-0" || text == "-0.0") {
        value = GoldValue::Absent;
    } else if (text == "-1" || text == "-1.0") {
        value = GoldValue::Uncertain;
    } else {
        return false;
    }
    return true;
}

std::string quoted(const std::string& text)
{
    const std::size_t shown = 40;
    return "\"" + (text.size() > shown ? text.substr(0, shown) + "..." : text) + "\"";
}

} // namespace

const char* goldCellText(GoldValue value)
{
    switch (value) {
    case GoldValue::Present:
        return "1";
    case GoldValue::Absent:
        return "0";
    case GoldValue::Uncertain:
        return "-1";
    case GoldValue::Empty:
        return "";
    }
    return "";
}

std::size_t GoldLabelTable::columnIndex(const std::string& name) const
{
    const std::string key = columnKey(name);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columnKey(columns[i]) == key) {
            return i;
        }
    }
    return columns.size();
}

GoldLabelTable readGoldLabelCsv(const std::string& bytes, const std::string& source)
{
    const auto fail = [&](int line, const std::string& reason) -> GoldLabelError {
        return GoldLabelError(source + ": line " + std::to_string(line) + ": " + reason);
    };
    std::vector<CsvRow> rows;
    try {
        rows = readCsvRows(decodeReportText(bytes));
    } catch (const std::runtime_error& error) {
        throw GoldLabelError(source + ": " + error.what());
    }
    if (rows.empty()) {
        throw GoldLabelError(source + ": empty file (expected a header: an id column and one column per label)");
    }
    const std::vector<std::string>& header = rows.front().fields;
    std::size_t idIndex = 0;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (lowerTrimmedAscii(header[i]) == "id") {
            idIndex = i;
            break;
        }
    }
    GoldLabelTable table;
    table.idColumn = trimmedAscii(header[idIndex]);
    std::vector<std::size_t> fieldOfColumn;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (i == idIndex) {
            continue;
        }
        const std::string name = trimmedAscii(header[i]);
        if (name.empty()) {
            throw fail(rows.front().line, "column " + std::to_string(i + 1) + " has no name");
        }
        if (table.columnIndex(name) != table.columns.size()) {
            throw fail(rows.front().line, "column " + quoted(name) + " appears twice");
        }
        table.columns.push_back(name);
        fieldOfColumn.push_back(i);
    }
    if (table.columns.empty()) {
        throw fail(rows.front().line, "the header has no label column besides the id column " + quoted(table.idColumn));
    }
    if (rows.size() == 1) {
        throw fail(rows.front().line, "no gold rows after the header");
    }
    std::unordered_map<std::string, int> lineOfId;
    table.rows.reserve(rows.size() - 1);
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        if (row.fields.size() != header.size()) {
            throw fail(row.line,
                std::to_string(row.fields.size()) + " fields where the header has " + std::to_string(header.size()));
        }
        GoldLabelTable::Row out;
        out.id = trimmedAscii(row.fields[idIndex]);
        out.line = row.line;
        if (out.id.empty()) {
            throw fail(row.line, "empty id in column " + quoted(table.idColumn));
        }
        const auto inserted = lineOfId.emplace(out.id, row.line);
        if (!inserted.second) {
            throw fail(row.line, "id " + quoted(out.id) + " repeats line " + std::to_string(inserted.first->second));
        }
        out.values.resize(table.columns.size());
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            if (!parseGoldCell(row.fields[fieldOfColumn[c]], out.values[c])) {
                throw fail(row.line,
                    "column " + quoted(table.columns[c]) + ": " + quoted(row.fields[fieldOfColumn[c]])
                        + " is not a gold label (expected 1, 0, -1 or empty)");
            }
        }
        table.rows.push_back(std::move(out));
    }
    return table;
}

} // namespace radmark::annotation
