#pragma once

#include "radmark/annotation/reports/ReportCsv.h"

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace radmark::annotation {

// Reads CSV records one at a time from a stream, with quoted fields that span lines (as readCsvRows), holding at
// most `maxRecordBytes` of one record in memory: a longer record is passed over (its bytes are read and dropped,
// quotes still tracked so the next record starts where it should) and reported as TooLong with its line, so a
// 1 GB line neither takes GBs nor stops the rest of the file. Blank lines are skipped.
class CsvRecordReader {
public:
    enum class Status {
        Record, // `row` holds the next record
        TooLong, // the record at `row.line` was longer than the limit and was passed over
        Malformed, // the record at `row.line` has text after a closing quote; `problem` says so
        Unterminated, // the file ends inside a quoted field opened on `row.line`; nothing follows
        End,
    };

    CsvRecordReader(std::istream& in, std::size_t maxRecordBytes);

    Status next(CsvRow& row, std::string& problem);
    std::size_t maxRecordBytes() const { return m_maxRecordBytes; }

private:
    bool fill();

    std::istream& m_in;
    std::size_t m_maxRecordBytes;
    std::vector<char> m_buffer;
    std::size_t m_position = 0;
    std::size_t m_size = 0;
    int m_line = 1;
    bool m_ended = false;
};

} // namespace radmark::annotation
