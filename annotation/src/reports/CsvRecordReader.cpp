#include "radmark/annotation/reports/CsvRecordReader.h"

#include "radmark/annotation/CsvRecord.h"

namespace radmark::annotation {

namespace {

constexpr std::size_t bufferBytes = 1 << 16;

} // namespace

CsvRecordReader::CsvRecordReader(std::istream& in, std::size_t maxRecordBytes)
    : m_in(in)
    , m_maxRecordBytes(maxRecordBytes)
    , m_buffer(bufferBytes)
{
}

bool CsvRecordReader::fill()
{
    if (m_position < m_size) {
        return true;
    }
    if (m_ended) {
        return false;
    }
    m_in.read(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_size = static_cast<std::size_t>(m_in.gcount());
    m_position = 0;
    if (m_size == 0) {
        m_ended = true;
        return false;
    }
    return true;
}

CsvRecordReader::Status CsvRecordReader::next(CsvRow& row, std::string& problem)
{
    std::string record;
    while (true) {
        record.clear();
        row.fields.clear();
        row.line = m_line;
        bool quoted = false;
        bool tooLong = false;
        bool ended = true;
        while (fill()) {
            const char c = m_buffer[m_position++];
            if (c == '\n') {
                ++m_line;
                if (!quoted) {
                    ended = false;
                    break;
                }
            } else if (c == '"') {
                quoted = !quoted;
            }
            if (!tooLong) {
                if (record.size() >= m_maxRecordBytes) {
                    tooLong = true;
                    std::string().swap(record); // give the memory back while the rest is passed over
                } else {
                    record.push_back(c);
                }
            }
        }
        if (quoted) {
            problem = "unterminated quote: the file ends inside a quoted field that starts on this line";
            return Status::Unterminated;
        }
        if (tooLong) {
            problem = "longer than " + std::to_string(m_maxRecordBytes / 1024) + " KiB";
            return Status::TooLong;
        }
        if (!record.empty() && record.back() == '\r') {
            record.pop_back();
        }
        if (!record.empty()) {
            if (!splitCsvRecord(record, row.fields)) {
                problem = "malformed CSV record (text after a closing quote)";
                return Status::Malformed;
            }
            return Status::Record;
        }
        if (ended) {
            return Status::End;
        }
    }
}

} // namespace radmark::annotation
