#pragma once

#include <optional>
#include <string>
#include <vector>

class DcmElement;

namespace radmark::storage {

// A DICOM element's value as text: all values joined with '\', padding spaces and NULs trimmed.
std::string elementText(DcmElement* element);
std::vector<double> elementNumbers(DcmElement* element);

std::string trimmedValue(const char* text);

// Texts that are not valid UTF-8 are taken as Latin-1 (the most common DICOM character set) and converted.
void ensureUtf8(std::string& text);

} // namespace radmark::storage
