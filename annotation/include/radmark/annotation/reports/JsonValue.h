#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace radmark::annotation {

// A strict JSON (RFC 8259) value with the line and column (both from 1) where it starts, so that
// readers of configuration files can name the place of a semantic error too.
struct JsonValue {
    enum class Type { Null, Boolean, Number, String, Array, Object };

    Type type = Type::Null;
    bool boolean = false;
    double number = 0.0;
    std::string string; // UTF-8, escapes decoded
    std::vector<JsonValue> items; // Array
    std::vector<std::pair<std::string, JsonValue>> members; // Object, in file order, keys unique
    std::vector<std::pair<int, int>> memberKeyPositions; // line, column of each member's key
    int line = 1;
    int column = 1;

    // The member named `key`, or nullptr.
    const JsonValue* find(const std::string& key) const;
    static const char* typeName(Type type);
};

// A syntax error (or an error found later in the value) at a line and column.
class JsonError : public std::runtime_error {
public:
    JsonError(int line, int column, const std::string& reason);
    int line() const { return m_line; }
    int column() const { return m_column; }
    const std::string& reason() const { return m_reason; }

private:
    int m_line;
    int m_column;
    std::string m_reason;
};

// Parses one JSON document (a UTF-8 byte-order mark is skipped). Rejects trailing commas, comments,
// duplicate keys, control characters in strings, invalid UTF-8 and text after the value.
JsonValue parseJson(const std::string& text);

} // namespace radmark::annotation
