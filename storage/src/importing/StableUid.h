#pragma once

#include <string>

namespace radmark::storage {

// A DICOM UID ("2.25." + a 128-bit number) derived from `text`: the same text always gives the same UID,
// so that substitutes for missing UIDs and the UIDs of volume files survive re-imports.
std::string stableUidFromText(const std::string& text);

} // namespace radmark::storage
