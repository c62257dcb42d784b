#include "importing/FastDicomParser.h"

#include <algorithm>
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

constexpr std::uint16_t vrCode(char first, char second)
{
    return static_cast<std::uint16_t>((static_cast<unsigned char>(first) << 8) | static_cast<unsigned char>(second));
}

bool hasLongLength(const ElementHeader& header)
{
    switch (vrCode(header.vr[0], header.vr[1])) {
    case vrCode('O', 'B'):
    case vrCode('O', 'D'):
    case vrCode('O', 'F'):
    case vrCode('O', 'L'):
    case vrCode('O', 'V'):
    case vrCode('O', 'W'):
    case vrCode('S', 'Q'):
    case vrCode('S', 'V'):
    case vrCode('U', 'C'):
    case vrCode('U', 'N'):
    case vrCode('U', 'R'):
    case vrCode('U', 'T'):
    case vrCode('U', 'V'):
        return true;
    default:
        return false;
    }
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

// Bounds [begin, end) of the first item of a sequence value at `valueAt` of `length` bytes (undefinedLength:
// delimited); `end` is `failed` for an item of undefined length (closed by its delimiter). False when the sequence
// has no item or does not fit.
bool firstItem(const Buffer& buffer, std::size_t valueAt, std::uint32_t length, std::size_t& begin, std::size_t& end)
{
    if (length == 0) {
        return false;
    }
    ElementHeader item;
    if (!readElementHeader(buffer, valueAt, false, item) || item.tagKey != dicomTagKey(0xFFFE, 0xE000)) {
        return false;
    }
    begin = item.valueAt;
    if (item.length == undefinedLength) {
        end = failed;
        return true;
    }
    end = endOfValue(buffer, item);
    return end != failed;
}

// Calls visit(header) for each element of an item [begin, end) (end `failed`: closed by an item delimiter);
// nested sequences are skipped after the visit. False when the item does not fit or is malformed.
template <typename Visit>
bool walkItem(const Buffer& buffer, std::size_t begin, std::size_t end, bool explicitVr, const Visit& visit)
{
    std::size_t at = begin;
    while (end == failed || at < end) {
        ElementHeader element;
        if (!readElementHeader(buffer, at, explicitVr, element)) {
            return false;
        }
        if (element.tagKey == dicomTagKey(0xFFFE, 0xE00D)) {
            return end == failed;
        }
        visit(element);
        if (element.length == undefinedLength) {
            if (explicitVr && !vrIs(element, "SQ")) {
                return false;
            }
            at = skipUndefinedSequence(buffer, element.valueAt, explicitVr, 1);
        } else {
            at = endOfValue(buffer, element);
        }
        if (at == failed) {
            return false;
        }
    }
    return true;
}

std::vector<double> numbersOf(const Buffer& buffer, const ElementHeader& element)
{
    if (element.length == undefinedLength || element.valueAt + element.length > buffer.size) {
        return {};
    }
    return parseDicomNumbers(trimmedText(buffer.data + element.valueAt, element.length));
}

// One functional groups item (shared, or the first frame's), read alone: the values of its geometry, rescale and
// window macros, and which of them it has (firstFrameFunctionalGroupValues then gives the frame's macros
// precedence, as dicom/FunctionalGroups does on the DCMTK path).
bool readFunctionalGroup(
    const Buffer& buffer, std::size_t begin, std::size_t end, bool explicitVr, FunctionalGroupValues& values)
{
    bool fine = true;
    // Visits the elements of the macro sequence's first item; records the macro when it has one.
    const auto inFirstItemOf
        = [&](const ElementHeader& sequence, FunctionalGroupValues::Macro macro, const auto& visitInner) {
              std::size_t itemBegin = 0;
              std::size_t itemEnd = 0;
              if (!firstItem(buffer, sequence.valueAt, sequence.length, itemBegin, itemEnd)) {
                  return;
              }
              values.macros |= macro;
              if (!walkItem(buffer, itemBegin, itemEnd, explicitVr, visitInner)) {
                  fine = false;
              }
          };
    const bool walked = walkItem(buffer, begin, end, explicitVr, [&](const ElementHeader& group) {
        switch (group.tagKey) {
        case dicomTagKey(0x0028, 0x9110): // Pixel Measures
            inFirstItemOf(group, FunctionalGroupValues::PixelMeasures, [&](const ElementHeader& element) {
                if (element.tagKey == dicomTagKey(0x0028, 0x0030)) {
                    values.pixelSpacing = numbersOf(buffer, element);
                } else if (element.tagKey == dicomTagKey(0x0018, 0x0050)) {
                    const std::vector<double> thickness = numbersOf(buffer, element);
                    if (!thickness.empty()) {
                        values.sliceThickness = thickness.front();
                    }
                }
            });
            break;
        case dicomTagKey(0x0020, 0x9116): // Plane Orientation
            inFirstItemOf(group, FunctionalGroupValues::PlaneOrientation, [&](const ElementHeader& element) {
                if (element.tagKey == dicomTagKey(0x0020, 0x0037)) {
                    values.orientation = numbersOf(buffer, element);
                }
            });
            break;
        case dicomTagKey(0x0020, 0x9113): // Plane Position
            inFirstItemOf(group, FunctionalGroupValues::PlanePosition, [&](const ElementHeader& element) {
                if (element.tagKey == dicomTagKey(0x0020, 0x0032)) {
                    values.position = numbersOf(buffer, element);
                }
            });
            break;
        case dicomTagKey(0x0028, 0x9145): // Pixel Value Transformation
            inFirstItemOf(group, FunctionalGroupValues::PixelValueTransformation, [&](const ElementHeader& element) {
                const bool slope = element.tagKey == dicomTagKey(0x0028, 0x1053);
                const bool intercept = element.tagKey == dicomTagKey(0x0028, 0x1052);
                if (slope || intercept) {
                    const std::vector<double> number = numbersOf(buffer, element);
                    if (!number.empty()) {
                        (slope ? values.rescaleSlope : values.rescaleIntercept) = number.front();
                    }
                }
            });
            break;
        case dicomTagKey(0x0028, 0x9132): // Frame VOI LUT
            inFirstItemOf(group, FunctionalGroupValues::FrameVoiLut, [&](const ElementHeader& element) {
                if (element.tagKey == dicomTagKey(0x0028, 0x1050)) {
                    values.windowCenters = numbersOf(buffer, element);
                } else if (element.tagKey == dicomTagKey(0x0028, 0x1051)) {
                    values.windowWidths = numbersOf(buffer, element);
                }
            });
            break;
        default:
            break;
        }
    });
    return walked && fine;
}

} // namespace

bool parseHeaderFast(const unsigned char* data, std::size_t size, std::uint64_t fileSize, const HeaderRefill& refill,
    const PrescanLayout* layout, ParsedHeader& parsed)
{
    Buffer buffer { data, size };
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
    parsed.record.transferSyntaxUid = std::move(transferSyntax);

    // From here `fileAt` is a position in the file and `buffer` holds the file's bytes from `base`.
    std::uint64_t base = 0;
    std::uint64_t fileAt = at;
    // Makes `buffer` hold [from, from + count); reads the file from `from` when it does not (at least 16 KB).
    const auto hold = [&](std::uint64_t from, std::uint64_t count) {
        if (from >= base && from + count <= base + buffer.size) {
            return true;
        }
        if (!refill || from + count > fileSize) {
            return false;
        }
        const std::uint64_t wanted
            = std::min<std::uint64_t>(std::max<std::uint64_t>(count, 16 * 1024), fileSize - from);
        HeaderBytes bytes;
        if (!refill(from, static_cast<std::size_t>(count), static_cast<std::size_t>(wanted), bytes) || bytes.at > from
            || bytes.at + bytes.size < from + count) {
            return false;
        }
        buffer = Buffer { bytes.data, bytes.size };
        base = bytes.at;
        return true;
    };
    // What the pre-scan found of the top-level sequence at `elementAt` (its end known), or nullptr.
    const auto walkedSequence = [&](std::uint64_t elementAt) -> const PrescanLayout::TopLevelSequence* {
        const PrescanLayout::TopLevelSequence* known = layout != nullptr ? layout->sequenceAt(elementAt) : nullptr;
        return known != nullptr && known->end > elementAt && known->end <= fileSize ? known : nullptr;
    };

    FunctionalGroupValues sharedGroup; // item 1 of (5200,9229)
    FunctionalGroupValues firstFrameGroup; // item 1 of (5200,9230)
    std::uint32_t previousTag = 0;
    // The top-level elements the pre-scan listed (one walk of the file: the parser only looks at those it keeps),
    // else the parser walks them itself.
    static const std::vector<PrescanLayout::TopLevelElement> noElements;
    const std::vector<PrescanLayout::TopLevelElement>& listed
        = layout != nullptr && !layout->topLevelElements().empty() && layout->topLevelElements().front().at == fileAt
        ? layout->topLevelElements()
        : noElements;
    std::size_t nextListed = 0;
    while (listed.empty() ? fileAt < fileSize : nextListed < listed.size()) {
        ElementHeader header;
        std::uint64_t headerBytes = 0;
        if (!listed.empty()) {
            const PrescanLayout::TopLevelElement& element = listed[nextListed++];
            fileAt = element.at;
            header.tagKey = element.tagKey;
            header.vr[0] = element.vr[0];
            header.vr[1] = element.vr[1];
            header.length = element.length;
            headerBytes = element.valueAt - element.at;
        } else {
            if (!hold(fileAt, std::min<std::uint64_t>(12, fileSize - fileAt))
                || !readElementHeader(buffer, static_cast<std::size_t>(fileAt - base), explicitVr, header)) {
                return false;
            }
            headerBytes = header.valueAt - (fileAt - base);
        }
        if (header.tagKey < previousTag || (header.tagKey >> 16) == 0x0002) {
            return false;
        }
        previousTag = header.tagKey;
        if (header.tagKey >= dicomTagKey(0x7FE0, 0x0008)) {
            parsed.hasPixelData = header.tagKey == dicomTagKey(0x7FE0, 0x0008)
                || header.tagKey == dicomTagKey(0x7FE0, 0x0009) || header.tagKey == dicomTagKey(0x7FE0, 0x0010);
            applyFunctionalGroupValues(firstFrameFunctionalGroupValues(sharedGroup, firstFrameGroup), parsed);
            return true;
        }
        if (header.tagKey == dicomTagKey(0x5200, 0x9229) || header.tagKey == dicomTagKey(0x5200, 0x9230)) {
            // Enhanced multi-frame: the whole sequence is brought into memory (growing the read until an
            // undefined-length one is closed), its first item read, the other items skipped.
            if (explicitVr && !vrIs(header, "SQ")) {
                return false;
            }
            constexpr std::uint64_t maxFunctionalGroupBytes = 256ULL * 1024 * 1024;
            FunctionalGroupValues& group = header.tagKey == dicomTagKey(0x5200, 0x9229) ? sharedGroup : firstFrameGroup;
            const PrescanLayout::TopLevelSequence* known = walkedSequence(fileAt);
            if (known != nullptr && known->firstItemEnd > fileAt + headerBytes && known->firstItemEnd <= known->end) {
                if (known->firstItemEnd - fileAt > maxFunctionalGroupBytes) {
                    return false;
                }
                // The pre-scan walked it: only the first item is read, the sequence ends where it found.
                std::size_t itemBegin = 0;
                std::size_t itemEnd = 0;
                if (!hold(fileAt, known->firstItemEnd - fileAt)
                    || !readElementHeader(buffer, static_cast<std::size_t>(fileAt - base), explicitVr, header)
                    || !firstItem(buffer, header.valueAt, header.length, itemBegin, itemEnd)) {
                    return false;
                }
                group.present = true;
                if (!readFunctionalGroup(buffer, itemBegin, itemEnd, explicitVr, group)) {
                    return false;
                }
                fileAt = known->end;
                continue;
            }
            std::uint64_t wanted = header.length == undefinedLength ? 64 * 1024 : headerBytes + header.length;
            std::size_t end = failed;
            while (true) {
                if (wanted > maxFunctionalGroupBytes
                    || !hold(fileAt, std::min<std::uint64_t>(wanted, fileSize - fileAt))
                    || !readElementHeader(buffer, static_cast<std::size_t>(fileAt - base), explicitVr, header)) {
                    return false;
                }
                end = header.length == undefinedLength ? skipUndefinedSequence(buffer, header.valueAt, explicitVr, 0)
                                                       : endOfValue(buffer, header);
                if (end != failed) {
                    break;
                }
                if (header.length != undefinedLength || fileAt + wanted >= fileSize) {
                    return false;
                }
                wanted *= 16;
            }
            std::size_t itemBegin = 0;
            std::size_t itemEnd = 0;
            if (firstItem(buffer, header.valueAt, header.length, itemBegin, itemEnd)) {
                group.present = true;
                if (!readFunctionalGroup(buffer, itemBegin, itemEnd, explicitVr, group)) {
                    return false;
                }
            }
            fileAt = base + end;
            continue;
        }
        if (header.length == undefinedLength) {
            if (explicitVr && !vrIs(header, "SQ")) {
                return false;
            }
            if (const PrescanLayout::TopLevelSequence* known = walkedSequence(fileAt)) {
                fileAt = known->end; // the pre-scan walked it to its delimiter
                continue;
            }
            // Walked within the bytes held; a sequence running past them is walked again from its start.
            std::size_t end = listed.empty() ? skipUndefinedSequence(buffer, header.valueAt, explicitVr, 0) : failed;
            if (end == failed) {
                buffer = Buffer { nullptr, 0 }; // forget the bytes held: read again from this element
                if (!hold(fileAt, std::min<std::uint64_t>(64 * 1024, fileSize - fileAt))
                    || !readElementHeader(buffer, static_cast<std::size_t>(fileAt - base), explicitVr, header)) {
                    return false;
                }
                end = skipUndefinedSequence(buffer, header.valueAt, explicitVr, 0);
            }
            if (end == failed) {
                return false;
            }
            fileAt = base + end;
            continue;
        }
        const std::uint64_t next = fileAt + headerBytes + header.length;
        if (next > fileSize) {
            return false;
        }
        const bool characterSet = header.tagKey == dicomTagKey(0x0008, 0x0005);
        if (!characterSet && !isIndexedTopLevelTag(header.tagKey)) {
            fileAt = next; // skipped by its length, however long
            continue;
        }
        if (!hold(fileAt, headerBytes + header.length)
            || !readElementHeader(buffer, static_cast<std::size_t>(fileAt - base), explicitVr, header)) {
            return false;
        }
        const unsigned char* value = buffer.data + header.valueAt;
        if (characterSet) {
            if (!isHandledCharacterSet(trimmedText(value, header.length))) {
                return false;
            }
            fileAt = next;
            continue;
        }
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
        fileAt = next;
    }
    applyFunctionalGroupValues(firstFrameFunctionalGroupValues(sharedGroup, firstFrameGroup), parsed);
    return true; // the file ends without pixel data
}

} // namespace radmark::storage
