#pragma once

#include <string>
#include <vector>

namespace radmark::testing {

// The lines of a CSV text split at commas, for tests reading exported files that hold no quoted field (the
// exporter's own CSV code is not what checks them). No trailing empty line for a final newline.
inline std::vector<std::vector<std::string>> csvFields(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        std::vector<std::string> fields { "" };
        for (const char c : line) {
            if (c == ',') {
                fields.emplace_back();
            } else {
                fields.back() += c;
            }
        }
        rows.push_back(fields);
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return rows;
}

} // namespace radmark::testing
