#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace radmark::app {

// A small streaming JSON writer for the command line's --json output: objects, arrays, strings
// escaped per RFC 8259 and always valid UTF-8 (bytes that are not UTF-8 are taken as Latin-1), numbers written
// so that doubles round-trip.
class JsonWriter {
public:
    explicit JsonWriter(std::ostream& out, bool pretty = true) : m_out(out), m_pretty(pretty) {}

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(const std::string& name);
    JsonWriter& value(const std::string& text);
    JsonWriter& value(const char* text) { return value(std::string(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(double number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    JsonWriter& value(const std::vector<std::string>& texts);
    JsonWriter& value(const std::vector<double>& numbers);

    static std::string escape(const std::string& text);

private:
    void beforeValue();
    void newline();

    std::ostream& m_out;
    bool m_pretty;
    std::vector<bool> m_hasItems;  // per open container: whether an item was written
    bool m_afterKey = false;
};

}  // namespace radmark::app
