#include "radmark/annotation/reports/JsonValue.h"

#include <cstdlib>
#include <cstring>

namespace radmark::annotation {

const JsonValue* JsonValue::find(const std::string& key) const
{
    for (const auto& member : members) {
        if (member.first == key) {
            return &member.second;
        }
    }
    return nullptr;
}

const char* JsonValue::typeName(Type type)
{
    switch (type) {
    case Type::Null:
        return "null";
    case Type::Boolean:
        return "a boolean";
    case Type::Number:
        return "a number";
    case Type::String:
        return "a string";
    case Type::Array:
        return "an array";
    case Type::Object:
        return "an object";
    }
    return "a value";
}

JsonError::JsonError(int line, int column, const std::string& reason)
    : std::runtime_error("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + reason)
    , m_line(line)
    , m_column(column)
    , m_reason(reason)
{
}

namespace {

constexpr int maximumDepth = 64;

class Parser {
public:
    explicit Parser(const std::string& text)
        : m_text(text)
    {
        if (m_text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
            m_index = 3;
        }
    }

    JsonValue document()
    {
        skipSpace();
        JsonValue value = parseValue(0);
        skipSpace();
        if (m_index < m_text.size()) {
            fail("unexpected text after the JSON value");
        }
        return value;
    }

private:
    [[noreturn]] void fail(const std::string& reason) const { throw JsonError(m_line, m_column, reason); }

    bool atEnd() const { return m_index >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_index]; }

    void advance()
    {
        if (m_text[m_index] == '\n') {
            ++m_line;
            m_column = 1;
        } else if ((static_cast<unsigned char>(m_text[m_index]) & 0xC0) != 0x80) {
            ++m_column; // columns count characters, not UTF-8 continuation bytes
        }
        ++m_index;
    }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                advance();
            } else if (c == '/') {
                fail("comments are not allowed in JSON");
            } else {
                return;
            }
        }
    }

    void expect(char wanted, const char* what)
    {
        if (peek() != wanted) {
            fail(std::string("expected ") + what + describeHere());
        }
        advance();
    }

    std::string describeHere() const
    {
        if (atEnd()) {
            return " but the file ends";
        }
        const unsigned char c = static_cast<unsigned char>(peek());
        if (c < 0x20 || c >= 0x7F) {
            return " but found byte 0x" + std::string(1, "0123456789ABCDEF"[c >> 4]) + "0123456789ABCDEF"[c & 15];
        }
        return std::string(" but found '") + static_cast<char>(c) + "'";
    }

    JsonValue parseValue(int depth)
    {
        if (depth > maximumDepth) {
            fail("nesting deeper than 64 levels");
        }
        JsonValue value;
        value.line = m_line;
        value.column = m_column;
        const char c = peek();
        if (c == '{') {
            parseObject(value, depth);
        } else if (c == '[') {
            parseArray(value, depth);
        } else if (c == '"') {
            value.type = JsonValue::Type::String;
            value.string = parseString();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            value.type = JsonValue::Type::Number;
            value.number = parseNumber();
        } else if (literal("true")) {
            value.type = JsonValue::Type::Boolean;
            value.boolean = true;
        } else if (literal("false")) {
            value.type = JsonValue::Type::Boolean;
        } else if (literal("null")) {
            value.type = JsonValue::Type::Null;
        } else {
            fail("expected a value" + describeHere());
        }
        return value;
    }

    bool literal(const char* word)
    {
        const std::size_t length = std::strlen(word);
        if (m_text.compare(m_index, length, word) != 0) {
            return false;
        }
        for (std::size_t i = 0; i < length; ++i) {
            advance();
        }
        return true;
    }

    void parseObject(JsonValue& value, int depth)
    {
        value.type = JsonValue::Type::Object;
        advance();
        skipSpace();
        if (peek() == '}') {
            advance();
            return;
        }
        while (true) {
            skipSpace();
            const int keyLine = m_line;
            const int keyColumn = m_column;
            if (peek() != '"') {
                fail("expected a quoted member name" + describeHere());
            }
            std::string key = parseString();
            for (std::size_t i = 0; i < value.members.size(); ++i) {
                if (value.members[i].first == key) {
                    throw JsonError(keyLine, keyColumn,
                        "duplicate member \"" + key + "\" (first at line "
                            + std::to_string(value.memberKeyPositions[i].first) + ")");
                }
            }
            skipSpace();
            expect(':', "':' after a member name");
            skipSpace();
            JsonValue member = parseValue(depth + 1);
            value.members.emplace_back(std::move(key), std::move(member));
            value.memberKeyPositions.emplace_back(keyLine, keyColumn);
            skipSpace();
            if (peek() == ',') {
                advance();
                skipSpace();
                if (peek() == '}') {
                    fail("trailing comma before '}'");
                }
                continue;
            }
            expect('}', "',' or '}' in an object");
            return;
        }
    }

    void parseArray(JsonValue& value, int depth)
    {
        value.type = JsonValue::Type::Array;
        advance();
        skipSpace();
        if (peek() == ']') {
            advance();
            return;
        }
        while (true) {
            skipSpace();
            value.items.push_back(parseValue(depth + 1));
            skipSpace();
            if (peek() == ',') {
                advance();
                skipSpace();
                if (peek() == ']') {
                    fail("trailing comma before ']'");
                }
                continue;
            }
            expect(']', "',' or ']' in an array");
            return;
        }
    }

    double parseNumber()
    {
        const std::size_t start = m_index;
        if (peek() == '-') {
            advance();
        }
        if (peek() == '0') {
            advance();
        } else if (peek() >= '1' && peek() <= '9') {
            while (peek() >= '0' && peek() <= '9') {
                advance();
            }
        } else {
            fail("expected a digit in a number" + describeHere());
        }
        if (peek() == '.') {
            advance();
            if (!(peek() >= '0' && peek() <= '9')) {
                fail("expected a digit after the decimal point" + describeHere());
            }
            while (peek() >= '0' && peek() <= '9') {
                advance();
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            advance();
            if (peek() == '+' || peek() == '-') {
                advance();
            }
            if (!(peek() >= '0' && peek() <= '9')) {
                fail("expected a digit in the exponent" + describeHere());
            }
            while (peek() >= '0' && peek() <= '9') {
                advance();
            }
        }
        return std::strtod(m_text.substr(start, m_index - start).c_str(), nullptr);
    }

    unsigned hexDigits()
    {
        unsigned code = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = peek();
            code <<= 4;
            if (c >= '0' && c <= '9') {
                code |= static_cast<unsigned>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                code |= static_cast<unsigned>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                code |= static_cast<unsigned>(c - 'A' + 10);
            } else {
                fail("expected 4 hex digits after \\u" + describeHere());
            }
            advance();
        }
        return code;
    }

    static void appendUtf8(std::string& out, unsigned code)
    {
        if (code < 0x80) {
            out.push_back(static_cast<char>(code));
        } else if (code < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (code >> 6)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (code >> 12)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (code >> 18)));
            out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
    }

    // One UTF-8 encoded character copied as is; invalid sequences are errors.
    void copyUtf8(std::string& out)
    {
        const unsigned char lead = static_cast<unsigned char>(peek());
        const int length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0;
        if (length == 0 || m_index + static_cast<std::size_t>(length) > m_text.size()) {
            fail("invalid UTF-8 (save the file as UTF-8)");
        }
        for (int i = 1; i < length; ++i) {
            if ((static_cast<unsigned char>(m_text[m_index + static_cast<std::size_t>(i)]) & 0xC0) != 0x80) {
                fail("invalid UTF-8 (save the file as UTF-8)");
            }
        }
        for (int i = 0; i < length; ++i) {
            out.push_back(peek());
            advance();
        }
    }

    std::string parseString()
    {
        advance(); // opening quote
        std::string out;
        while (true) {
            if (atEnd()) {
                fail("unterminated string");
            }
            const unsigned char c = static_cast<unsigned char>(peek());
            if (c == '"') {
                advance();
                return out;
            }
            if (c < 0x20) {
                fail(c == '\n' ? "line break inside a string (missing closing quote?)"
                               : "control character in a string");
            }
            if (c >= 0x80) {
                copyUtf8(out);
                continue;
            }
            if (c != '\\') {
                out.push_back(static_cast<char>(c));
                advance();
                continue;
            }
            advance();
            const char escape = peek();
            static const char escapes[] = "\"\\/bfnrt";
            static const char decoded[] = "\"\\/\b\f\n\r\t";
            const char* simple = std::strchr(escapes, escape);
            if (escape != '\0' && simple != nullptr) {
                out.push_back(decoded[simple - escapes]);
                advance();
            } else if (escape == 'u') {
                advance();
                unsigned code = hexDigits();
                if (code >= 0xD800 && code < 0xDC00) {
                    if (!literal("\\u")) {
                        fail("unpaired UTF-16 surrogate in \\u escape");
                    }
                    const unsigned low = hexDigits();
                    if (low < 0xDC00 || low > 0xDFFF) {
                        fail("unpaired UTF-16 surrogate in \\u escape");
                    }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                } else if (code >= 0xDC00 && code < 0xE000) {
                    fail("unpaired UTF-16 surrogate in \\u escape");
                }
                appendUtf8(out, code);
            } else {
                fail("invalid escape in a string" + describeHere());
            }
        }
    }

    const std::string& m_text;
    std::size_t m_index = 0;
    int m_line = 1;
    int m_column = 1;
};

} // namespace

JsonValue parseJson(const std::string& text)
{
    return Parser(text).document();
}

} // namespace radmark::annotation
