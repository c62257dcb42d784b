#pragma once

#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace radmark::annotation {

// The one streaming JSON writer of the project: the command line's --json output and the export files
// (dataset card, COCO, NIfTI marks). Objects, arrays, strings escaped per RFC 8259 and always valid UTF-8
// (bytes that are not UTF-8 are taken as Latin-1), numbers with the fewest digits that read back to the
// same double (non-finite ones as null). Pretty: two-space indentation, "key": value, a newline after the
// outermost value; arrays of numbers or strings stay on one line.
class JsonWriter {
public:
    // Writes to `out` as it goes.
    explicit JsonWriter(std::ostream& out, bool pretty = true)
        : m_out(out)
        , m_pretty(pretty)
    {
    }
    // Writes into its own buffer: text().
    explicit JsonWriter(bool pretty = true)
        : m_out(m_buffer)
        , m_pretty(pretty)
    {
    }
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(const std::string& name);
    JsonWriter& value(const std::string& text);
    JsonWriter& value(const char* text) { return value(std::string(text)); }
    JsonWriter& value(long long number);
    JsonWriter& value(long number) { return value(static_cast<long long>(number)); }
    JsonWriter& value(int number) { return value(static_cast<long long>(number)); }
    JsonWriter& value(double number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    JsonWriter& value(const std::vector<std::string>& texts);
    JsonWriter& value(const std::vector<double>& numbers);
    JsonWriter& numbers(const std::vector<double>& values) { return value(values); }
    JsonWriter& optionalNumber(const std::optional<double>& number) { return number ? value(*number) : null(); }

    // What was written, for a writer with its own buffer.
    std::string text() const { return m_buffer.str(); }

    // The text between the quotes of a JSON string.
    static std::string escape(const std::string& text);
    // The shortest text that reads back to `value`; "null" when it is not finite.
    static std::string numberText(double value);

private:
    void beforeValue();
    void newline();

    std::ostringstream m_buffer;
    std::ostream& m_out;
    bool m_pretty;
    bool m_inline = false; // inside an array of numbers or strings: one line
    std::vector<bool> m_hasItems; // per open container: whether an item was written
    bool m_afterKey = false;
};

} // namespace radmark::annotation
