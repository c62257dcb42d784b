#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace radmark::annotation {

// One CSV record (RFC 4180): fields separated by commas, a field in double quotes may hold commas
// and doubled quotes (""). Records spanning several lines are not supported (DeepLesion has none).
// A trailing '\r' is dropped. Returns false on an unterminated quote or text after a closing quote.
bool splitCsvRecord(const std::string& line, std::vector<std::string>& fields);

// The inverse: quotes a field only when it holds a comma, a quote or a line break.
std::string joinCsvRecord(const std::vector<std::string>& fields);
// One field of such a record appended to `line` (quoted the same way; no separator).
void appendCsvField(std::string& line, std::string_view field);

} // namespace radmark::annotation
