#pragma once

#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

// A small streaming JSON writer for export files (UTF-8, two-space indentation). Numbers are written
// with the fewest digits that read back to the same double, so exported coordinates are exact.
class JsonText {
public:
    JsonText& beginObject();
    JsonText& endObject();
    JsonText& beginArray();
    JsonText& endArray();
    JsonText& key(const std::string& name);
    JsonText& value(const std::string& text);
    JsonText& value(const char* text) { return value(std::string(text)); }
    JsonText& value(double number);
    JsonText& value(int number);
    JsonText& value(long long number);
    JsonText& value(bool flag);
    JsonText& null();
    // An array of numbers on one line.
    JsonText& numbers(const std::vector<double>& values);
    JsonText& optionalNumber(const std::optional<double>& number) { return number ? value(*number) : null(); }

    const std::string& text() const { return m_text; }

private:
    void beforeValue();
    void appendQuoted(const std::string& text);
    void closeContainer(char bracket);
    void newline();

    std::string m_text;
    std::vector<bool> m_hasItems;  // per open container
    bool m_afterKey = false;
};

// Shortest text that parses back to `value` ("%.15g", else "%.17g"); non-finite values give "null".
std::string exactNumberText(double value);

}  // namespace radmark::storage
