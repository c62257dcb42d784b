#pragma once

#include "importing/FileReadResult.h"

#include <cstddef>
#include <optional>
#include <string>

namespace radmark::storage {

// The longest report (one CSV record, or a .txt report) an import accepts; longer ones are reported and passed
// over, so one broken line cannot take gigabytes or stop a folder import.
constexpr std::size_t maxReportRecordBytes = 4u << 20;

// Reads a `.csv` file met by an import, streaming, with at most one record in memory:
// - nothing when it is no text CSV at all (e.g. a DICOM file named .csv): the image readers take it;
// - Skipped with what the file is when it is a CSV but no report CSV (no report / key column, two report
//   columns, a header that cannot be read), naming its columns;
// - Reports with the rows that are reports. Rows that are not imported (no key, no text, NUL bytes, more
//   non-empty fields than the header, longer than maxReportRecordBytes, malformed quotes) are listed with their
//   line in `rowsNotImported` ("2 rows not imported: line 4: ...; line 9: ..."); Skipped with that list when no row is.
// UTF-16 files (with a byte-order mark, or recognisable by their zero bytes) are read as UTF-16.
std::optional<FileReadResult> readReportCsvFile(const std::string& filePath);

} // namespace radmark::storage
