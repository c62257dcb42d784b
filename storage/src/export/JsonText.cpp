#include "export/JsonText.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace radmark::storage {

std::string exactNumberText(double value)
{
    if (!std::isfinite(value)) {
        return "null";
    }
    char text[40];
    std::snprintf(text, sizeof text, "%.15g", value);
    if (std::strtod(text, nullptr) != value) {
        std::snprintf(text, sizeof text, "%.17g", value);
    }
    return text;
}

void JsonText::newline()
{
    m_text += '\n';
    m_text.append(m_hasItems.size() * 2, ' ');
}

void JsonText::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_hasItems.empty()) {
        if (m_hasItems.back()) {
            m_text += ',';
        }
        m_hasItems.back() = true;
        newline();
    }
}

JsonText& JsonText::beginObject()
{
    beforeValue();
    m_text += '{';
    m_hasItems.push_back(false);
    return *this;
}

void JsonText::closeContainer(char bracket)
{
    const bool hadItems = m_hasItems.back();
    m_hasItems.pop_back();
    if (hadItems) {
        newline();
    }
    m_text += bracket;
}

JsonText& JsonText::endObject()
{
    closeContainer('}');
    return *this;
}

JsonText& JsonText::beginArray()
{
    beforeValue();
    m_text += '[';
    m_hasItems.push_back(false);
    return *this;
}

JsonText& JsonText::endArray()
{
    closeContainer(']');
    return *this;
}

JsonText& JsonText::key(const std::string& name)
{
    beforeValue();
    appendQuoted(name);
    m_text += ": ";
    m_afterKey = true;
    return *this;
}

JsonText& JsonText::value(const std::string& text)
{
    beforeValue();
    appendQuoted(text);
    return *this;
}

void JsonText::appendQuoted(const std::string& text)
{
    m_text += '"';
    for (const char character : text) {
        const auto byte = static_cast<unsigned char>(character);
        switch (character) {
        case '"': m_text += "\\\""; break;
        case '\\': m_text += "\\\\"; break;
        case '\n': m_text += "\\n"; break;
        case '\r': m_text += "\\r"; break;
        case '\t': m_text += "\\t"; break;
        default:
            if (byte < 0x20) {
                char escape[8];
                std::snprintf(escape, sizeof escape, "\\u%04x", byte);
                m_text += escape;
            } else {
                m_text += character;
            }
        }
    }
    m_text += '"';
}

JsonText& JsonText::value(double number)
{
    beforeValue();
    m_text += exactNumberText(number);
    return *this;
}

JsonText& JsonText::value(int number) { return value(static_cast<long long>(number)); }

JsonText& JsonText::value(long long number)
{
    beforeValue();
    m_text += std::to_string(number);
    return *this;
}

JsonText& JsonText::value(bool flag)
{
    beforeValue();
    m_text += flag ? "true" : "false";
    return *this;
}

JsonText& JsonText::null()
{
    beforeValue();
    m_text += "null";
    return *this;
}

JsonText& JsonText::numbers(const std::vector<double>& values)
{
    beforeValue();
    m_text += '[';
    for (std::size_t index = 0; index < values.size(); ++index) {
        m_text += (index > 0 ? ", " : "") + exactNumberText(values[index]);
    }
    m_text += ']';
    return *this;
}

}  // namespace radmark::storage
