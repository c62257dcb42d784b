#pragma once

#include <optional>
#include <string>
#include <vector>

namespace radmark::annotation {

struct LesionType {
    int code = -1;
    std::string name;
};

// The lesion types a project offers (a project setting, editable). Codes are what marks store
// and exports write, so they stay fixed once used; names may be renamed. The unknown type (-1)
// is always present and cannot be removed.
class LesionTypeList {
public:
    // DeepLesion's coarse types: 1 bone, 2 abdomen, 3 mediastinum, 4 liver, 5 lung, 6 kidney,
    // 7 soft tissue, 8 pelvis, and -1 unknown.
    static LesionTypeList deepLesionDefaults();

    LesionTypeList(); // only the unknown type

    const std::vector<LesionType>& types() const { return m_types; }
    std::optional<std::string> nameOf(int code) const;
    std::optional<int> codeOf(const std::string& name) const; // case-insensitive
    bool contains(int code) const { return nameOf(code).has_value(); }

    // Each returns false (and changes nothing) when the code exists already / does not exist, the
    // name is empty or taken by another code, or the code is the unknown type (remove only).
    bool add(int code, const std::string& name);
    bool rename(int code, const std::string& name);
    bool remove(int code);

private:
    bool nameTaken(const std::string& name, int exceptCode) const;

    std::vector<LesionType> m_types; // sorted by code
};

} // namespace radmark::annotation
