#include "importing/DicomValueText.h"

#include "importing/HeaderFields.h"

#include <dcmtk/dcmdata/dcelem.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace radmark::storage {

std::string trimmedValue(const char* text)
{
    const char* begin = text;
    const char* end = text + std::strlen(text);
    while (begin < end && (*begin == ' ' || *begin == '\0')) {
        ++begin;
    }
    while (end > begin && (end[-1] == ' ' || end[-1] == '\0')) {
        --end;
    }
    return std::string(begin, end);
}

std::string elementText(DcmElement* element)
{
    if (element != nullptr && element->getVR() == EVR_UN) {
        // Unknown VR: DCMTK would give hex digits; the bytes are the value.
        Uint8* bytes = nullptr;
        if (element->getUint8Array(bytes).bad() || bytes == nullptr) {
            return {};
        }
        const DcmTagKey tag = element->getTag();
        const bool unsignedShort = tag.getGroup() == 0x0028
            && (tag.getElement() == 0x0002 || tag.getElement() == 0x0010 || tag.getElement() == 0x0011
                || tag.getElement() == 0x0100 || tag.getElement() == 0x0101 || tag.getElement() == 0x0103);
        if (unsignedShort) {
            return element->getLength() >= 2 ? std::to_string(bytes[0] | (bytes[1] << 8)) : std::string {};
        }
        return trimmedValue(std::string(reinterpret_cast<const char*>(bytes), element->getLength()).c_str());
    }
    OFString value;
    if (element == nullptr || element->getOFStringArray(value).bad()) {
        return {};
    }
    return trimmedValue(value.c_str());
}

std::vector<double> elementNumbers(DcmElement* element)
{
    return parseDicomNumbers(elementText(element));
}

namespace {

bool isValidUtf8(const std::string& text)
{
    std::size_t index = 0;
    while (index < text.size()) {
        const auto byte = static_cast<unsigned char>(text[index]);
        std::size_t extra = 0;
        if (byte >= 0x80) {
            extra = (byte & 0xE0) == 0xC0 ? 1 : (byte & 0xF0) == 0xE0 ? 2 : (byte & 0xF8) == 0xF0 ? 3 : 0;
            if (extra == 0 || index + extra >= text.size()) {
                return false;
            }
        }
        for (std::size_t next = 1; next <= extra; ++next) {
            if ((static_cast<unsigned char>(text[index + next]) & 0xC0) != 0x80) {
                return false;
            }
        }
        index += extra + 1;
    }
    return true;
}

} // namespace

void ensureUtf8(std::string& text)
{
    const bool valid = isValidUtf8(text);
    if (valid) {
        return;
    }
    std::string converted;
    converted.reserve(text.size() + 8);
    for (const char character : text) {
        const auto byte = static_cast<unsigned char>(character);
        if (byte < 0x80) {
            converted += character;
        } else {
            converted += static_cast<char>(0xC0 | (byte >> 6));
            converted += static_cast<char>(0x80 | (byte & 0x3F));
        }
    }
    text = std::move(converted);
}

} // namespace radmark::storage
