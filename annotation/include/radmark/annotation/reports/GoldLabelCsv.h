#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace radmark::annotation {

// A human gold label as written in the gold file.
enum class GoldValue : signed char { Empty, Present, Absent, Uncertain }; // "", 1, 0, -1

// Present is the only positive reading: 0, -1 (uncertain) and empty all count as absent.
inline bool goldPresent(GoldValue value)
{
    return value == GoldValue::Present;
}
const char* goldCellText(GoldValue value); // "1", "0", "-1", ""

// A gold label CSV: one row per report, an id column and one column per label.
struct GoldLabelTable {
    struct Row {
        std::string id;
        int line = 0; // where the record starts in the file, from 1
        std::vector<GoldValue> values; // one per label column
    };
    std::string idColumn; // as written in the header
    std::vector<std::string> columns; // the label columns, header order, without the id column
    std::vector<Row> rows;

    // Index of a label column, compared ignoring case, spaces, '_' and '-'; columns.size() when absent.
    std::size_t columnIndex(const std::string& name) const;
};

// A gold file that cannot be used; the message names the file, the line and the reason.
class GoldLabelError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Reads a gold label CSV (bytes as on disk: a UTF-8 byte-order mark is dropped, Latin-1 / Windows-1252
// is converted, CR LF accepted). The id column is the one named "id" (ignoring case), else the first
// column. Cells must be 1, 0, -1 or empty (surrounding spaces ignored; "1.0", "0.0", "-1.0" as pandas
// writes them are accepted). Refused with GoldLabelError naming `source` and the line: any other
// value, a row with a different number of fields than the header, an empty or repeated id, a
// header without label columns or with a repeated column, a file without data rows.
GoldLabelTable readGoldLabelCsv(const std::string& bytes, const std::string& source);

} // namespace radmark::annotation
