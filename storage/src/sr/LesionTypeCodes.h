#pragma once

#include "sr/SrCodes.h"

#include "radmark/annotation/LesionTypeList.h"

#include <optional>
#include <string>

namespace radmark::storage {

// A coded concept with owned strings (SrCodes.h holds the fixed ones).
struct SrCode {
    std::string value;
    std::string scheme;
    std::string meaning;
};

// The Finding Site of a lesion type: SNOMED CT anatomy for DeepLesion's coarse types 1-8 (codes are fixed,
// names may be renamed), a 99RADMARK code carrying the project's name for other types; none for unknown.
std::optional<SrCode> findingSiteOfLesionType(int lesionType, const annotation::LesionTypeList& types);

// The project lesion type a Finding Site names (SNOMED code of a coarse type, or a 99RADMARK code or name
// of the project's list); unknown (-1) otherwise.
int lesionTypeOfFindingSite(const SrCode& site, const annotation::LesionTypeList& types);

} // namespace radmark::storage
