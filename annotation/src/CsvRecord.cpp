#include "radmark/annotation/CsvRecord.h"

namespace radmark::annotation {

bool splitCsvRecord(const std::string& line, std::vector<std::string>& fields)
{
    fields.clear();
    std::string text = line;
    if (!text.empty() && text.back() == '\r') {
        text.pop_back();
    }
    std::string field;
    std::size_t index = 0;
    while (true) {
        if (index < text.size() && text[index] == '"') {
            ++index;
            while (true) {
                if (index >= text.size()) {
                    return false;
                }
                if (text[index] == '"') {
                    if (index + 1 < text.size() && text[index + 1] == '"') {
                        field.push_back('"');
                        index += 2;
                        continue;
                    }
                    ++index;
                    break;
                }
                field.push_back(text[index++]);
            }
            if (index < text.size() && text[index] != ',') {
                return false;
            }
        } else {
            while (index < text.size() && text[index] != ',') {
                field.push_back(text[index++]);
            }
        }
        fields.push_back(field);
        field.clear();
        if (index >= text.size()) {
            return true;
        }
        ++index; // the comma
    }
}

void appendCsvField(std::string& line, std::string_view field)
{
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        line += field;
        return;
    }
    line.push_back('"');
    for (const char c : field) {
        if (c == '"') {
            line.push_back('"');
        }
        line.push_back(c);
    }
    line.push_back('"');
}

std::string joinCsvRecord(const std::vector<std::string>& fields)
{
    std::string line;
    for (std::size_t index = 0; index < fields.size(); ++index) {
        if (index > 0) {
            line.push_back(',');
        }
        appendCsvField(line, fields[index]);
    }
    return line;
}

} // namespace radmark::annotation
