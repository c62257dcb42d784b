#include "radmark/annotation/reports/ReportCsv.h"

#include "radmark/annotation/CsvRecord.h"

namespace radmark::annotation {

std::vector<CsvRow> readCsvRows(const std::string& text)
{
    std::vector<CsvRow> rows;
    std::string record;
    bool quoted = false;
    int line = 1;
    int recordLine = 1;
    const auto finish = [&]() {
        if (!record.empty() && record.back() == '\r') {
            record.pop_back();
        }
        if (!record.empty()) {
            CsvRow row;
            row.line = recordLine;
            if (!splitCsvRecord(record, row.fields)) {
                throw std::runtime_error("line " + std::to_string(recordLine)
                    + ": malformed CSV record (unterminated quote or text after a closing quote)");
            }
            rows.push_back(std::move(row));
        }
        record.clear();
        recordLine = line;
    };
    for (const char c : text) {
        if (c == '\n') {
            ++line;
            if (!quoted) {
                finish();
                continue;
            }
        }
        if (c == '"') {
            quoted = !quoted;
        }
        record.push_back(c);
    }
    if (quoted) {
        throw std::runtime_error(
            "line " + std::to_string(recordLine) + ": unterminated quote (the file ends inside a field)");
    }
    finish();
    return rows;
}

} // namespace radmark::annotation
