#pragma once

#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

// True when the Specific Character Set values (0008,0005; backslash-separated, the first may be empty) name a
// Japanese ISO 2022 code element (ISO 2022 IR 13, IR 87 or IR 159), which DCMTK's iconv-based conversion
// cannot decode on glibc systems.
bool needsIso2022JapaneseDecoding(const std::vector<std::string>& characterSets);

// Decodes one text value written with ISO 2022 code extensions as DICOM PS3.5 6.1.2.5 describes for Japanese:
// escape sequences switch between ASCII (ESC ( B), JIS X 0201 Romaji (ESC ( J), JIS X 0201 Katakana in G1
// (ESC ) I, bytes 0xA1-0xDF), JIS X 0208 (ESC $ B, ESC $ @) and JIS X 0212 (ESC $ ( D); the initial code
// element (the first Specific Character Set value) comes back at every ^ = \ CR LF TAB FF in a single-byte
// set. Returns UTF-8, or nullopt when the bytes are not valid in that encoding.
std::optional<std::string> decodeIso2022Japanese(
    const std::string& bytes, const std::vector<std::string>& characterSets);

} // namespace radmark::storage
