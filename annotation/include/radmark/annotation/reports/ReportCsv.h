#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace radmark::annotation {

struct CsvRow {
    int line = 0; // where the record starts, from 1
    std::vector<std::string> fields;
};

// Splits CSV text into records, allowing quoted fields that span lines (reports do), then splits
// each with splitCsvRecord. Blank lines between records are skipped. Throws std::runtime_error
// naming the line of a record with an unterminated quote or text after a closing quote.
std::vector<CsvRow> readCsvRows(const std::string& text);

} // namespace radmark::annotation
