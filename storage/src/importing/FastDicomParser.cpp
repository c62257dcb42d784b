#include "importing/FastDicomParser.h"

#include <cstdint>
#include <cstring>
#include <string>

namespace radmark::storage {

namespace {

constexpr std::uint32_t undefinedLength = 0xFFFFFFFF;
constexpr std::size_t failed = static_cast<std::size_t>(-1);
constexpr int maxSequenceDepth = 16;

struct Buffer {
    const unsigned char* data;
    std::size_t size;

    std::uint16_t u16(std::size_t at) const { return static_cast<std::uint16_t>(data[at] | (data[at + 1] << 8)); }
    std::uint32_t u32(std::size_t at) const { return u16(at) | (static_cast<std::uint32_t>(u16(at + 2)) << 16); }
};

struct ElementHeader {
    std::uint32_t tagKey = 0;
    char vr[2] = { '?', '?' };
    std::uint32_t length = 0;
    std::size_t valueAt = 0;
};

bool vrIs(const ElementHeader& header, const char* vr)
{
    return header.vr[0] == vr[0] && header.vr[1] == vr[1];
}

bool hasLongLength(const ElementHeader& header)
{
    for (const char* vr : { "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" }) {
        if (vrIs(header, vr)) {
            return true;
        }
    }
    return false;
}

bool readElementHeader(const Buffer& buffer, std::size_t at, bool explicitVr, ElementHeader& header)
{
    if (at + 8 > buffer.size) {
        return false;
    }
    const std::uint16_t group = buffer.u16(at);
    header.tagKey = dicomTagKey(group, buffer.u16(at + 2));
    if (group == 0xFFFE || !explicitVr) {
        header.vr[0] = header.vr[1] = '?';
        header.length = buffer.u32(at + 4);
        header.valueAt = at + 8;
        return true;
    }
    header.vr[0] = static_cast<char>(buffer.data[at + 4]);
    header.vr[1] = static_cast<char>(buffer.data[at + 5]);
    if (header.vr[0] < 'A' || header.vr[0] > 'Z' || header.vr[1] < 'A' || header.vr[1] > 'Z') {
        return false;
    }
    if (hasLongLength(header)) {
        if (at + 12 > buffer.size) {
            return false;
        }
        header.length = buffer.u32(at + 8);
        header.valueAt = at + 12;
    } else {
        header.length = buffer.u16(at + 6);
        header.valueAt = at + 8;
    }
    return true;
}

// Position after the element's value, or `failed` when it does not fit.
std::size_t endOfValue(const Buffer& buffer, const ElementHeader& header)
{
    return header.valueAt + header.length <= buffer.size ? header.valueAt + header.length : failed;
}

// `at` is just after the header of an undefined-length sequence; returns the position after its delimiter.
std::size_t skipUndefinedSequence(const Buffer& buffer, std::size_t at, bool explicitVr, int depth)
{
    if (depth > maxSequenceDepth) {
        return failed;
    }
    while (true) {
        ElementHeader item;
        if (!readElementHeader(buffer, at, false, item)) {
            return failed;
        }
        if (item.tagKey == dicomTagKey(0xFFFE, 0xE0DD)) {
            return item.valueAt;
        }
        if (item.tagKey != dicomTagKey(0xFFFE, 0xE000)) {
            return failed;
        }
        if (item.length != undefinedLength) {
            at = endOfValue(buffer, item);
            if (at == failed) {
                return failed;
            }
            continue;
        }
        at = item.valueAt;
        while (true) {
            ElementHeader element;
            if (!readElementHeader(buffer, at, explicitVr, element)) {
                return failed;
            }
            if (element.tagKey == dicomTagKey(0xFFFE, 0xE00D)) {
                at = element.valueAt;
                break;
            }
            if (element.length == undefinedLength) {
                if (explicitVr && !vrIs(element, "SQ")) {
                    return failed; // e.g. UN of undefined length, encoded in implicit VR inside
                }
                at = skipUndefinedSequence(buffer, element.valueAt, explicitVr, depth + 1);
            } else {
                at = endOfValue(buffer, element);
            }
            if (at == failed) {
                return failed;
            }
        }
    }
}

std::string trimmedText(const unsigned char* value, std::size_t length)
{
    const char* begin = reinterpret_cast<const char*>(value);
    const char* end = begin + length;
    while (begin < end && (*begin == ' ' || *begin == '\0')) {
        ++begin;
    }
    while (end > begin && (end[-1] == ' ' || end[-1] == '\0')) {
        --end;
    }
    return std::string(begin, end);
}

bool isUnsignedShortTag(std::uint32_t tagKey)
{
    return tagKey == dicomTagKey(0x0028, 0x0002) || tagKey == dicomTagKey(0x0028, 0x0010)
        || tagKey == dicomTagKey(0x0028, 0x0011) || tagKey == dicomTagKey(0x0028, 0x0100)
        || tagKey == dicomTagKey(0x0028, 0x0101) || tagKey == dicomTagKey(0x0028, 0x0103);
}

bool isHandledCharacterSet(const std::string& value)
{
    return value.empty() || value == "ISO_IR 100" || value == "ISO_IR 192" || value == "ISO_IR 6";
}

} // namespace

bool parseHeaderFast(const unsigned char* data, std::size_t size, bool wholeFile, ParsedHeader& parsed)
{
    const Buffer buffer { data, size };
    if (size < 132 + 12 || std::memcmp(data + 128, "DICM", 4) != 0) {
        return false;
    }
    std::size_t at = 132;
    std::string transferSyntax;
    while (at + 8 <= size && buffer.u16(at) == 0x0002) {
        ElementHeader header;
        if (!readElementHeader(buffer, at, true, header) || header.length == undefinedLength) {
            return false;
        }
        const std::size_t next = endOfValue(buffer, header);
        if (next == failed) {
            return false;
        }
        if (header.tagKey == dicomTagKey(0x0002, 0x0010)) {
            transferSyntax = trimmedText(data + header.valueAt, header.length);
        } else if (header.tagKey == dicomTagKey(0x0002, 0x0002)) {
            parsed.mediaStorageSopClassUid = trimmedText(data + header.valueAt, header.length);
        }
        at = next;
    }
    // Big endian and deflated datasets, or a missing transfer syntax, are left to DCMTK.
    if (transferSyntax.empty() || transferSyntax == "1.2.840.10008.1.2.2"
        || transferSyntax == "1.2.840.10008.1.2.1.99") {
        return false;
    }
    const bool explicitVr = transferSyntax != "1.2.840.10008.1.2";
    parsed.record.transferSyntaxUid = transferSyntax;

    std::uint32_t previousTag = 0;
    while (at < size) {
        ElementHeader header;
        if (!readElementHeader(buffer, at, explicitVr, header)) {
            return false;
        }
        if (header.tagKey < previousTag || (header.tagKey >> 16) == 0x0002) {
            return false;
        }
        previousTag = header.tagKey;
        if (header.tagKey >= dicomTagKey(0x7FE0, 0x0008)) {
            parsed.hasPixelData = header.tagKey == dicomTagKey(0x7FE0, 0x0008)
                || header.tagKey == dicomTagKey(0x7FE0, 0x0009) || header.tagKey == dicomTagKey(0x7FE0, 0x0010);
            return true;
        }
        if (header.tagKey == dicomTagKey(0x5200, 0x9229) || header.tagKey == dicomTagKey(0x5200, 0x9230)) {
            return false; // enhanced multi-frame: DCMTK reads the functional groups
        }
        if (header.length == undefinedLength) {
            if (explicitVr && !vrIs(header, "SQ")) {
                return false;
            }
            at = skipUndefinedSequence(buffer, header.valueAt, explicitVr, 0);
            if (at == failed) {
                return false;
            }
            continue;
        }
        const std::size_t next = endOfValue(buffer, header);
        if (next == failed) {
            return false;
        }
        const unsigned char* value = data + header.valueAt;
        if (header.tagKey == dicomTagKey(0x0008, 0x0005) && !isHandledCharacterSet(trimmedText(value, header.length))) {
            return false;
        }
        if (isIndexedTopLevelTag(header.tagKey)) {
            if (explicitVr && vrIs(header, "SQ")) {
                return false;
            }
            const bool binaryShort = explicitVr && !vrIs(header, "UN") ? (vrIs(header, "US") || vrIs(header, "SS"))
                                                                       : isUnsignedShortTag(header.tagKey);
            if (binaryShort) {
                if (header.length < 2) {
                    return false;
                }
                const std::uint16_t number = buffer.u16(header.valueAt);
                assignTopLevelValue(parsed, header.tagKey,
                    vrIs(header, "SS") ? std::to_string(static_cast<std::int16_t>(number)) : std::to_string(number));
            } else {
                assignTopLevelValue(parsed, header.tagKey, trimmedText(value, header.length));
            }
        }
        at = next;
    }
    return wholeFile; // the file ends without pixel data (or the buffer ended first)
}

} // namespace radmark::storage
