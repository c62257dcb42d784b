#include "importing/ReportCsvFile.h"

#include "importing/ReportFileReader.h"
#include "radmark/annotation/AsciiText.h"
#include "radmark/annotation/reports/CsvRecordReader.h"
#include "radmark/annotation/reports/ReportText.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace radmark::storage {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t maxHeaderBytes = 64u << 10;
// A UTF-16 file is converted in memory; larger ones are refused with the reason.
constexpr std::uintmax_t maxUtf16FileBytes = 64u << 20;
constexpr std::size_t problemsListed = 20;

std::string columnName(const std::string& text)
{
    std::string name;
    for (const char c : annotation::trimmedAscii(text)) {
        name += c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return name;
}

enum class Utf16 { No, LittleEndian, BigEndian };

// A byte-order mark, or ASCII text with every other byte zero (a UTF-16 file without a mark).
Utf16 utf16Kind(const std::string& head)
{
    if (head.size() >= 2 && head.compare(0, 2, "\xFF\xFE") == 0) {
        return Utf16::LittleEndian;
    }
    if (head.size() >= 2 && head.compare(0, 2, "\xFE\xFF") == 0) {
        return Utf16::BigEndian;
    }
    if (head.size() < 8) {
        return Utf16::No;
    }
    int zeroEven = 0;
    int zeroOdd = 0;
    for (std::size_t index = 0; index + 1 < head.size(); index += 2) {
        zeroEven += head[index] == '\0';
        zeroOdd += head[index + 1] == '\0';
    }
    const int pairs = static_cast<int>(head.size() / 2);
    if (zeroOdd * 10 >= pairs * 9 && zeroEven == 0) {
        return Utf16::LittleEndian;
    }
    if (zeroEven * 10 >= pairs * 9 && zeroOdd == 0) {
        return Utf16::BigEndian;
    }
    return Utf16::No;
}

void appendUtf8(std::string& out, char32_t code)
{
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

// UTF-16 bytes (a byte-order mark dropped) as UTF-8; unpaired surrogates become U+FFFD.
std::string utf16ToUtf8(const std::string& bytes, Utf16 kind)
{
    std::string out;
    out.reserve(bytes.size() / 2 + 16);
    std::size_t index
        = bytes.size() >= 2 && (bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0) ? 2 : 0;
    const auto unit = [&](std::size_t at) -> char32_t {
        const auto first = static_cast<unsigned char>(bytes[at]);
        const auto second = static_cast<unsigned char>(bytes[at + 1]);
        return kind == Utf16::LittleEndian ? static_cast<char32_t>(first | (second << 8))
                                           : static_cast<char32_t>((first << 8) | second);
    };
    for (; index + 1 < bytes.size(); index += 2) {
        char32_t code = unit(index);
        if (code >= 0xD800 && code <= 0xDBFF && index + 3 < bytes.size()) {
            const char32_t low = unit(index + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                index += 2;
            } else {
                code = 0xFFFD;
            }
        } else if (code >= 0xD800 && code <= 0xDFFF) {
            code = 0xFFFD;
        }
        appendUtf8(out, code);
    }
    return out;
}

std::string joined(const std::vector<std::string>& header)
{
    std::string text;
    for (const std::string& name : header) {
        text += (text.empty() ? "" : ", ") + annotation::trimmedAscii(name);
    }
    return text;
}

struct ReportColumns {
    std::vector<std::size_t> report;
    std::vector<std::size_t> accession;
    std::vector<std::size_t> studyUid;
};

ReportColumns reportColumns(const std::vector<std::string>& header)
{
    ReportColumns columns;
    for (std::size_t column = 0; column < header.size(); ++column) {
        const std::string name = columnName(header[column]);
        if (name == "report" || name == "report_text") {
            columns.report.push_back(column);
        } else if (name == "accession" || name == "accession_number") {
            columns.accession.push_back(column);
        } else if (name == "study_uid" || name == "study_instance_uid") {
            columns.studyUid.push_back(column);
        }
    }
    return columns;
}

// "report (column 2) and report_text (column 5)"
std::string columnList(const std::vector<std::string>& header, const std::vector<std::size_t>& columns)
{
    std::string text;
    for (std::size_t index = 0; index < columns.size(); ++index) {
        text += index == 0 ? "" : index + 1 == columns.size() ? " and " : ", ";
        text += annotation::trimmedAscii(header[columns[index]]) + " (column " + std::to_string(columns[index] + 1)
            + ")";
    }
    return text;
}

class ProblemList {
public:
    void add(int line, const std::string& what)
    {
        ++m_count;
        if (m_count <= problemsListed) {
            m_text += (m_text.empty() ? "" : "; ") + std::string("line ") + std::to_string(line) + ": " + what;
        }
    }
    bool empty() const { return m_count == 0; }
    std::string summary(const std::string& lead) const
    {
        std::string text = std::to_string(m_count) + (m_count == 1 ? " row" : " rows") + " " + lead + ": " + m_text;
        if (m_count > problemsListed) {
            text += "; and " + std::to_string(m_count - problemsListed) + " more";
        }
        return text;
    }

private:
    std::size_t m_count = 0;
    std::string m_text;
};

} // namespace

std::optional<FileReadResult> readReportCsvFile(const std::string& filePath)
{
    std::ifstream file(filePath, std::ios::binary);
    if (!file) {
        return std::nullopt; // the image readers say why it cannot be opened
    }
    std::string head(512, '\0');
    file.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(file.gcount()));
    if (head.size() >= 132 && head.compare(128, 4, "DICM") == 0) {
        return std::nullopt; // a DICOM file named .csv
    }
    file.clear();
    file.seekg(0);

    // The stream the records come from: the file itself, or its UTF-16 text converted.
    std::istringstream converted;
    std::istream* in = &file;
    std::string encodingNote;
    if (const Utf16 kind = utf16Kind(head); kind != Utf16::No) {
        std::error_code error;
        const std::uintmax_t size = fs::file_size(filePath, error);
        if (error || size > maxUtf16FileBytes) {
            return FileReadResult::skipped("a UTF-16 text file larger than " + std::to_string(maxUtf16FileBytes >> 20)
                + " MiB: save the report CSV as UTF-8");
        }
        std::ostringstream bytes;
        bytes << file.rdbuf();
        converted.str(utf16ToUtf8(bytes.str(), kind));
        in = &converted;
        encodingNote = kind == Utf16::LittleEndian ? "converted from UTF-16LE" : "converted from UTF-16BE";
    } else if (head.find('\0') < head.find('\n')) {
        return std::nullopt; // binary content in the first line: no CSV (a NUL further on is a row's problem)
    }

    annotation::CsvRow headerRow;
    std::string problem;
    annotation::CsvRecordReader header(*in, maxHeaderBytes);
    const auto headerStatus = header.next(headerRow, problem);
    if (headerStatus == annotation::CsvRecordReader::Status::End) {
        return FileReadResult::skipped("an empty CSV file, not a report CSV");
    }
    if (headerStatus != annotation::CsvRecordReader::Status::Record) {
        return FileReadResult::skipped(
            "a CSV file whose header row (line " + std::to_string(headerRow.line) + ") cannot be read: " + problem);
    }
    std::vector<std::string> names = headerRow.fields;
    if (!names.empty() && names.front().compare(0, 3, "\xEF\xBB\xBF") == 0) {
        names.front().erase(0, 3);
        encodingNote = encodingNote.empty() ? "UTF-8 byte-order mark removed" : encodingNote;
    }
    const ReportColumns columns = reportColumns(names);
    const bool hasKey = !columns.accession.empty() || !columns.studyUid.empty();
    if (columns.report.empty() || !hasKey) {
        const std::string reportMissing = "report column (report or report_text)";
        const std::string keyMissing = "key column (accession, accession_number, study_uid or study_instance_uid)";
        const std::string missing = columns.report.empty() && !hasKey ? reportMissing + " and no " + keyMissing
            : columns.report.empty()                                  ? reportMissing
                                                                      : keyMissing;
        return FileReadResult::skipped(
            "a CSV file but not a report CSV: it has no " + missing + " (its columns: " + joined(names) + ")");
    }
    for (const auto* duplicated : { &columns.report, &columns.accession, &columns.studyUid }) {
        if (duplicated->size() > 1) {
            return FileReadResult::skipped("a report CSV with " + std::to_string(duplicated->size())
                + " columns of one kind, " + columnList(names, *duplicated)
                + ": which one to use is ambiguous; keep one and import again");
        }
    }
    const std::size_t reportColumn = columns.report.front();
    const bool byAccession = !columns.accession.empty();
    const std::size_t keyColumn = byAccession ? columns.accession.front() : columns.studyUid.front();
    const std::string keyName = annotation::trimmedAscii(names[keyColumn]);

    std::vector<ReportRecord> reports;
    ProblemList problems;
    // Continues after the header with the same stream (the header reader read ahead into its own buffer: start
    // a reader for the whole stream again and skip the header record).
    in->clear();
    in->seekg(0);
    annotation::CsvRecordReader reader(*in, maxReportRecordBytes);
    annotation::CsvRow row;
    bool first = true;
    while (true) {
        const auto status = reader.next(row, problem);
        if (status == annotation::CsvRecordReader::Status::End) {
            break;
        }
        if (first) {
            first = false;
            if (status == annotation::CsvRecordReader::Status::Record) {
                continue; // the header
            }
        }
        if (status == annotation::CsvRecordReader::Status::Unterminated) {
            problems.add(row.line, problem + "; the rest of the file is not imported");
            break;
        }
        if (status == annotation::CsvRecordReader::Status::TooLong) {
            problems.add(row.line, problem + " (no report is that long; a broken line?): not imported");
            continue;
        }
        if (status == annotation::CsvRecordReader::Status::Malformed) {
            problems.add(row.line, problem + ": not imported");
            continue;
        }
        const auto& fields = row.fields;
        std::size_t extra = 0;
        for (std::size_t column = names.size(); column < fields.size(); ++column) {
            extra += annotation::trimmedAscii(fields[column]).empty() ? 0 : 1;
        }
        if (extra > 0) {
            problems.add(row.line,
                std::to_string(fields.size()) + " fields but the header has " + std::to_string(names.size())
                    + " (an unquoted comma in the report?): not imported, so that no text is lost");
            continue;
        }
        const std::string key = keyColumn < fields.size() ? annotation::trimmedAscii(fields[keyColumn]) : std::string();
        const std::string rawText = reportColumn < fields.size() ? fields[reportColumn] : std::string();
        if (key.empty()) {
            problems.add(row.line, "no " + keyName + ": not imported");
            continue;
        }
        if (rawText.find('\0') != std::string::npos) {
            problems.add(row.line, "the report holds NUL bytes (binary data, not text): not imported");
            continue;
        }
        if (annotation::trimmedAscii(rawText).empty()) {
            problems.add(row.line, "no report text (" + keyName + " " + key + "): not imported");
            continue;
        }
        std::string note;
        ReportRecord report;
        report.text = decodeReportBytes(rawText, note);
        report.encodingNote = !encodingNote.empty() ? encodingNote : note;
        report.matchKey = key;
        report.keyKind = byAccession ? ReportRecord::KeyKind::Accession : ReportRecord::KeyKind::StudyUid;
        report.sourcePath = filePath;
        report.sourceKind = "csv";
        report.sourceRow = row.line;
        reports.push_back(std::move(report));
    }
    if (reports.empty()) {
        return FileReadResult::skipped(problems.empty()
                ? "a report CSV without any row"
                : "a report CSV without any importable row: " + problems.summary("not imported"));
    }
    FileReadResult result;
    result.outcome = FileReadResult::Outcome::Reports;
    result.reports = std::move(reports);
    if (!problems.empty()) {
        result.rowsNotImported
            = problems.summary("not imported") + " (" + std::to_string(result.reports.size()) + " imported)";
    }
    return result;
}

} // namespace radmark::storage
