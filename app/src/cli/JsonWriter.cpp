#include "cli/JsonWriter.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace radmark::app {

std::string JsonWriter::escape(const std::string& text)
{
    std::string escaped;
    escaped.reserve(text.size() + 2);
    for (const char character : text) {
        const auto byte = static_cast<unsigned char>(character);
        switch (character) {
        case '"': escaped += "\\\""; break;
        case '\\': escaped += "\\\\"; break;
        case '\n': escaped += "\\n"; break;
        case '\r': escaped += "\\r"; break;
        case '\t': escaped += "\\t"; break;
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
    if (m_pretty) {
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
            m_out << ',';
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

JsonWriter& JsonWriter::value(std::int64_t number)
{
    beforeValue();
    m_out << number;
    return *this;
}

JsonWriter& JsonWriter::value(double number)
{
    if (!std::isfinite(number)) {
        return null();
    }
    beforeValue();
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", number);
    // Prefer the shortest text that reads back to the same double.
    for (int precision = 6; precision < 17; ++precision) {
        char shorter[32];
        std::snprintf(shorter, sizeof shorter, "%.*g", precision, number);
        if (std::strtod(shorter, nullptr) == number) {
            m_out << shorter;
            return *this;
        }
    }
    m_out << buffer;
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
    const bool pretty = m_pretty;
    m_pretty = false;
    for (const auto& text : texts) {
        value(text);
    }
    endArray();
    m_pretty = pretty;
    return *this;
}

JsonWriter& JsonWriter::value(const std::vector<double>& numbers)
{
    beginArray();
    const bool pretty = m_pretty;
    m_pretty = false;
    for (const double number : numbers) {
        value(number);
    }
    endArray();
    m_pretty = pretty;
    return *this;
}

}  // namespace radmark::app
