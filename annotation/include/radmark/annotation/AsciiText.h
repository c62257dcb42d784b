#pragma once

#include <string>

namespace radmark::annotation {

// `text` without its leading and trailing white space (std::isspace).
std::string trimmedAscii(const std::string& text);
// The same in lower case (std::tolower, byte by byte).
std::string lowerTrimmedAscii(const std::string& text);
// `text` in lower case (std::tolower, byte by byte; UTF-8 bytes above 0x7F unchanged).
std::string lowerAscii(std::string text);
// Whether `text` ends with `suffix` (byte for byte).
bool endsWith(const std::string& text, const std::string& suffix);

} // namespace radmark::annotation
