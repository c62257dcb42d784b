#pragma once

#include "importing/FileReadResult.h"

#include <optional>
#include <string>

namespace radmark::storage {

// Report files given to an import. A `.txt` file named on the command line is one report whose key is
// its name without the extension (an accession number or a Study Instance UID); a `.csv` file (named or
// found in a folder) is a report CSV when its header row has a `report` or `report_text` column and an
// `accession`, `accession_number`, `study_uid` or `study_instance_uid` column (names ignoring case and
// spaces). Returns nothing for files that are not reports (they are read as images as before).
std::optional<FileReadResult> readReportFile(const std::string& filePath, bool givenExplicitly);

// Report bytes as UTF-8 (byte-order mark removed, Latin-1/Windows-1252 converted, CR LF -> LF), with a
// note of what was done ("" for plain UTF-8).
std::string decodeReportBytes(const std::string& bytes, std::string& encodingNote);

// The text of a Basic/Enhanced/Comprehensive SR document: its TEXT content items, each under its concept
// name as a heading ("Findings:\n..."), separated by blank lines. Empty when the file is no SR or has no
// text. The key is the accession number, else the Study Instance UID.
struct SrReportText {
    std::string text;
    std::string accessionNumber;
    std::string studyUid;
};
SrReportText readSrReportText(const std::string& filePath);

} // namespace radmark::storage
