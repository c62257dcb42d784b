#pragma once

#include <string>

namespace radmark::annotation {

// `text` without its leading and trailing white space (std::isspace).
std::string trimmedAscii(const std::string& text);
// The same in lower case (std::tolower, byte by byte).
std::string lowerTrimmedAscii(const std::string& text);

}  // namespace radmark::annotation
