#include "radmark/annotation/JsonWriter.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace radmark::annotation {

namespace {

// The length of the well-formed UTF-8 sequence at `index` (RFC 3629: no overlong forms, no surrogates, at most
// U+10FFFF), or 0 when the bytes there are not one.
std::size_t utf8SequenceLength(const std::string& text, std::size_t index)
{
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    const unsigned char lead = byte(index);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (index + length > text.size() || byte(index + 1) < low || byte(index + 1) > high) {
        return 0;
    }
    for (std::size_t next = 2; next < length; ++next) {
        if ((byte(index + next) & 0xC0) != 0x80) {
            return 0;
        }
    }
    return length;
}

} // namespace

std::string JsonWriter::escape(const std::string& text)
{
    std::string escaped;
    escaped.reserve(text.size() + 2);
    for (std::size_t index = 0; index < text.size(); ++index) {
        const char character = text[index];
        const auto byte = static_cast<unsigned char>(character);
        if (byte >= 0x80) {
            // JSON text is UTF-8: well-formed sequences pass; any other byte (DICOM strings in ISO 8859-1 or
            // broken ones) is read as Latin-1, so the output stays valid and no byte is lost.
            if (const std::size_t length = utf8SequenceLength(text, index); length > 0) {
                escaped.append(text, index, length);
                index += length - 1;
            } else {
                escaped += static_cast<char>(0xC0 | (byte >> 6));
                escaped += static_cast<char>(0x80 | (byte & 0x3F));
            }
            continue;
        }
        switch (character) {
        case '"':
            escaped += "\\\"";
            break;
        case '\\':
            escaped += "\\\\";
            break;
        case '\n':
            escaped += "\\n";
            break;
        case '\r':
            escaped += "\\r";
            break;
        case '\t':
            escaped += "\\t";
            break;
        default:
            if (byte < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", byte);
                escaped += buffer;
            } else {
                escaped += character;
            }
        }
    }
    return escaped;
}

void JsonWriter::newline()
{
    if (m_pretty && !m_inline) {
        m_out << '\n' << std::string(m_hasItems.size() * 2, ' ');
    }
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_hasItems.empty()) {
        if (m_hasItems.back()) {
            m_out << (m_inline && m_pretty ? ", " : ",");
        }
        m_hasItems.back() = true;
        newline();
    }
}

JsonWriter& JsonWriter::beginObject()
{
    beforeValue();
    m_out << '{';
    m_hasItems.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::endObject()
{
    const bool hadItems = m_hasItems.back();
    m_hasItems.pop_back();
    if (hadItems) {
        newline();
    }
    m_out << '}';
    if (m_hasItems.empty() && m_pretty) {
        m_out << '\n';
    }
    return *this;
}

JsonWriter& JsonWriter::beginArray()
{
    beforeValue();
    m_out << '[';
    m_hasItems.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::endArray()
{
    const bool hadItems = m_hasItems.back();
    m_hasItems.pop_back();
    if (hadItems) {
        newline();
    }
    m_out << ']';
    if (m_hasItems.empty() && m_pretty) {
        m_out << '\n';
    }
    return *this;
}

JsonWriter& JsonWriter::key(const std::string& name)
{
    beforeValue();
    m_out << '"' << escape(name) << "\":" << (m_pretty ? " " : "");
    m_afterKey = true;
    return *this;
}

JsonWriter& JsonWriter::value(const std::string& text)
{
    beforeValue();
    m_out << '"' << escape(text) << '"';
    return *this;
}

JsonWriter& JsonWriter::value(long long number)
{
    beforeValue();
    m_out << number;
    return *this;
}

std::string JsonWriter::numberText(double number)
{
    if (!std::isfinite(number)) {
        return "null";
    }
    // The shortest text that reads back to the same double.
    char text[32];
    for (int precision = 6; precision < 17; ++precision) {
        std::snprintf(text, sizeof text, "%.*g", precision, number);
        if (std::strtod(text, nullptr) == number) {
            return text;
        }
    }
    std::snprintf(text, sizeof text, "%.17g", number);
    return text;
}

JsonWriter& JsonWriter::value(double number)
{
    beforeValue();
    m_out << numberText(number);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag)
{
    beforeValue();
    m_out << (flag ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::null()
{
    beforeValue();
    m_out << "null";
    return *this;
}

JsonWriter& JsonWriter::value(const std::vector<std::string>& texts)
{
    beginArray();
    m_inline = true;
    for (const auto& text : texts) {
        value(text);
    }
    m_inline = false;
    m_hasItems.back() = false; // the closing bracket stays on the line
    return endArray();
}

JsonWriter& JsonWriter::value(const std::vector<double>& numbers)
{
    beginArray();
    m_inline = true;
    for (const double number : numbers) {
        value(number);
    }
    m_inline = false;
    m_hasItems.back() = false; // the closing bracket stays on the line
    return endArray();
}

} // namespace radmark::annotation
