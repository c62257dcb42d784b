#include "importing/ReportFileReader.h"
#include "files/ReadCancellation.h"

#include "importing/ReportCsvFile.h"

#include "radmark/annotation/AsciiText.h"
#include "radmark/annotation/reports/ReportCsv.h"
#include "radmark/annotation/reports/ReportText.h"
#include "radmark/storage/files/WholeFile.h"

#include <cctype>
#include <filesystem>
#include <vector>

namespace radmark::storage {

namespace {

namespace fs = std::filesystem;

bool isValidUtf8(const std::string& bytes)
{
    std::size_t index = 0;
    while (index < bytes.size()) {
        const auto lead = static_cast<unsigned char>(bytes[index]);
        std::size_t length = 0;
        if (lead < 0x80) {
            length = 1;
        } else if ((lead & 0xE0) == 0xC0 && lead >= 0xC2) {
            length = 2;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
        } else if ((lead & 0xF8) == 0xF0 && lead <= 0xF4) {
            length = 4;
        } else {
            return false;
        }
        if (index + length > bytes.size()) {
            return false;
        }
        for (std::size_t next = 1; next < length; ++next) {
            if ((static_cast<unsigned char>(bytes[index + next]) & 0xC0) != 0x80) {
                return false;
            }
        }
        index += length;
    }
    return true;
}

// As std::filesystem::path::extension (".CSV" of "a/b.CSV", nothing for ".csv" or ".."), lower-cased; asked for every
// imported file, so without building a path.
std::string lowerExtension(const std::string& filePath)
{
    const std::size_t slash = filePath.find_last_of('/');
    const std::size_t nameAt = slash == std::string::npos ? 0 : slash + 1;
    const std::size_t dot = filePath.rfind('.');
    if (dot == std::string::npos || dot <= nameAt || filePath.compare(nameAt, std::string::npos, "..") == 0) {
        return {};
    }
    std::string extension = filePath.substr(dot);
    for (char& c : extension) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return extension;
}

FileReadResult withReports(std::vector<ReportRecord> reports)
{
    FileReadResult result;
    result.outcome = FileReadResult::Outcome::Reports;
    result.reports = std::move(reports);
    return result;
}

} // namespace

std::string decodeReportBytes(const std::string& bytes, std::string& encodingNote)
{
    const bool bom = bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0;
    const bool utf8 = isValidUtf8(bytes);
    encodingNote = !utf8 ? "converted from Latin-1/Windows-1252" : bom ? "UTF-8 byte-order mark removed" : "";
    return annotation::decodeReportText(bytes);
}

std::optional<FileReadResult> readReportFile(const std::string& filePath, bool givenExplicitly)
{
    const std::string extension = lowerExtension(filePath);
    const bool isText = extension == ".txt" && givenExplicitly;
    if (!isText && extension != ".csv") {
        return std::nullopt;
    }
    if (!isText) {
        // A CSV: read streaming (bounded memory), every row that is not imported listed with its line.
        return readReportCsvFile(filePath);
    }
    std::error_code sizeError;
    if (fs::file_size(filePath, sizeError) > maxReportRecordBytes && !sizeError) {
        return FileReadResult::skipped("a report text file larger than " + std::to_string(maxReportRecordBytes >> 20)
            + " MiB: no report is that long; not imported");
    }
    const std::optional<std::string> bytes = readWholeFile(filePath, [] { return ReadCancellation::requested(); });
    if (!bytes) {
        return isText ? std::optional<FileReadResult>(FileReadResult::skipped("unreadable report: cannot open"))
                      : std::nullopt;
    }
    std::string note;
    const std::string text = decodeReportBytes(*bytes, note);
    if (isText) {
        if (annotation::trimmedAscii(text).empty()) {
            return FileReadResult::skipped("empty report");
        }
        ReportRecord report;
        report.matchKey = fs::path(filePath).stem().string();
        report.sourcePath = filePath;
        report.sourceKind = "text";
        report.text = text;
        report.encodingNote = note;
        return withReports({ std::move(report) });
    }
    return FileReadResult::skipped("empty report");
}

} // namespace radmark::storage
