#include "radmark/annotation/LesionTypeList.h"

#include "radmark/annotation/AsciiText.h"
#include "radmark/annotation/LesionMark.h"

#include <algorithm>
#include <cctype>

namespace radmark::annotation {

LesionTypeList LesionTypeList::deepLesionDefaults()
{
    LesionTypeList list;
    const char* const names[]
        = { "bone", "abdomen", "mediastinum", "liver", "lung", "kidney", "soft tissue", "pelvis" };
    int code = 1;
    for (const char* name : names) {
        list.add(code++, name);
    }
    return list;
}

LesionTypeList::LesionTypeList()
    : m_types { { kUnknownLesionType, "unknown" } }
{
}

std::optional<std::string> LesionTypeList::nameOf(int code) const
{
    for (const LesionType& type : m_types) {
        if (type.code == code) {
            return type.name;
        }
    }
    return std::nullopt;
}

std::optional<int> LesionTypeList::codeOf(const std::string& name) const
{
    const std::string wanted = lowerAscii(name);
    for (const LesionType& type : m_types) {
        if (lowerAscii(type.name) == wanted) {
            return type.code;
        }
    }
    return std::nullopt;
}

bool LesionTypeList::nameTaken(const std::string& name, int exceptCode) const
{
    const auto code = codeOf(name);
    return code.has_value() && *code != exceptCode;
}

bool LesionTypeList::add(int code, const std::string& name)
{
    if (name.empty() || contains(code) || nameTaken(name, code)) {
        return false;
    }
    const auto position
        = std::find_if(m_types.begin(), m_types.end(), [code](const LesionType& type) { return type.code > code; });
    m_types.insert(position, { code, name });
    return true;
}

bool LesionTypeList::rename(int code, const std::string& name)
{
    if (name.empty() || nameTaken(name, code)) {
        return false;
    }
    for (LesionType& type : m_types) {
        if (type.code == code) {
            type.name = name;
            return true;
        }
    }
    return false;
}

bool LesionTypeList::remove(int code)
{
    if (code == kUnknownLesionType) {
        return false;
    }
    const auto position
        = std::find_if(m_types.begin(), m_types.end(), [code](const LesionType& type) { return type.code == code; });
    if (position == m_types.end()) {
        return false;
    }
    m_types.erase(position);
    return true;
}

} // namespace radmark::annotation
