#include "DicomMutations.h"

#include <algorithm>
#include <cstring>

namespace radmark::fuzz {

namespace {

std::string u16(std::uint16_t value)
{
    return std::string { static_cast<char>(value & 0xFF), static_cast<char>(value >> 8) };
}

std::string u32(std::uint32_t value)
{
    return u16(static_cast<std::uint16_t>(value & 0xFFFF)) + u16(static_cast<std::uint16_t>(value >> 16));
}

std::size_t uniform(std::mt19937_64& random, std::size_t low, std::size_t high) // inclusive
{
    return std::uniform_int_distribution<std::size_t>(low, high)(random);
}

// Offset of the (7FE0,0010) pixel data element (explicit or implicit little endian), or npos.
std::size_t pixelDataAt(const std::string& bytes)
{
    const std::string tag("\xE0\x7F\x10\x00", 4);
    return bytes.rfind(tag);
}

// Offsets of plausible explicit-VR element headers: a tag followed by two upper-case letters.
std::vector<std::size_t> explicitHeaders(const std::string& bytes)
{
    std::vector<std::size_t> found;
    for (std::size_t at = 132; at + 8 <= bytes.size() && found.size() < 4096; ++at) {
        const auto a = static_cast<unsigned char>(bytes[at + 4]);
        const auto b = static_cast<unsigned char>(bytes[at + 5]);
        if (a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z'
            && (bytes[at + 1] == 0 || bytes[at + 1] == '\x7F' || bytes[at] == '\xFE')) {
            found.push_back(at);
        }
    }
    return found;
}

bool isLongVr(const std::string& bytes, std::size_t at)
{
    const std::string vr = bytes.substr(at + 4, 2);
    return vr == "OB" || vr == "OW" || vr == "SQ" || vr == "UN" || vr == "UT" || vr == "OF" || vr == "OD" || vr == "OL"
        || vr == "UC" || vr == "UR";
}

std::string nested(std::uint16_t group, std::uint16_t element, int depth, bool closed)
{
    const std::string open = u16(group) + u16(element) + "SQ" + std::string(2, '\0') + u32(0xFFFFFFFF) + u16(0xFFFE)
        + u16(0xE000) + u32(0xFFFFFFFF);
    const std::string close = u16(0xFFFE) + u16(0xE00D) + u32(0) + u16(0xFFFE) + u16(0xE0DD) + u32(0);
    std::string bytes;
    for (int n = 0; n < depth; ++n) {
        bytes += open;
    }
    if (closed) {
        for (int n = 0; n < depth; ++n) {
            bytes += close;
        }
    }
    return bytes;
}

// Replaces the value of a top-level explicit VR short element `tag` (4 bytes) by `value`; false if absent.
bool replaceShortValue(std::string& bytes, const std::string& tag, const std::string& value)
{
    const std::size_t at = bytes.find(tag, 132);
    if (at == std::string::npos || at + 8 > bytes.size()) {
        return false;
    }
    const auto a = static_cast<unsigned char>(bytes[at + 4]);
    if (a < 'A' || a > 'Z') {
        return false;
    }
    const std::size_t length
        = static_cast<unsigned char>(bytes[at + 6]) | (static_cast<unsigned char>(bytes[at + 7]) << 8);
    if (at + 8 + length > bytes.size()) {
        return false;
    }
    std::string padded = value;
    if (padded.size() % 2 != 0) {
        padded.push_back(' ');
    }
    bytes.replace(at + 6, 2 + length, u16(static_cast<std::uint16_t>(padded.size())) + padded);
    return true;
}

} // namespace

const char* mutationName(Mutation mutation)
{
    switch (mutation) {
    case Mutation::ByteFlips:
        return "byte-flips";
    case Mutation::Truncation:
        return "truncation";
    case Mutation::BogusLength:
        return "bogus-length";
    case Mutation::UnclosedNesting:
        return "unclosed-nesting";
    case Mutation::DeepNestingBefore:
        return "deep-nesting-before-pixels";
    case Mutation::DeepNestingAfter:
        return "deep-nesting-after-pixels";
    case Mutation::PhotometricMismatch:
        return "photometric-mismatch";
    }
    return "unknown";
}

std::string mutate(const std::string& original, Mutation mutation, std::mt19937_64& random)
{
    std::string bytes = original;
    if (bytes.size() < 16) {
        return bytes;
    }
    const std::size_t pixel = pixelDataAt(bytes);
    const std::size_t insertAt = pixel != std::string::npos ? pixel : bytes.size();
    switch (mutation) {
    case Mutation::ByteFlips: {
        const std::size_t flips = uniform(random, 1, 16);
        const std::size_t headerEnd = std::min(bytes.size() - 1, std::max<std::size_t>(insertAt + 16, 256));
        for (std::size_t n = 0; n < flips; ++n) {
            const std::size_t at = uniform(random, 0, 3) == 0
                ? uniform(random, 0, bytes.size() - 1)
                : uniform(random, 0, std::min(headerEnd, bytes.size() - 1));
            bytes[at] = static_cast<char>(bytes[at] ^ static_cast<char>(uniform(random, 1, 255)));
        }
        break;
    }
    case Mutation::Truncation:
        bytes.resize(uniform(random, 0, bytes.size() - 1));
        break;
    case Mutation::BogusLength: {
        const std::vector<std::size_t> headers = explicitHeaders(bytes);
        std::vector<std::size_t> items; // (FFFE,E000) item / fragment headers
        for (std::size_t at = bytes.find(std::string("\xFE\xFF\x00\xE0", 4));
             at != std::string::npos && items.size() < 256;
             at = bytes.find(std::string("\xFE\xFF\x00\xE0", 4), at + 4)) {
            items.push_back(at);
        }
        const std::uint32_t choices[] = { 0xFFFFFFFFu, 0xFFFFFFF0u, 0x7FFFFFFFu, 0x10000000u,
            static_cast<std::uint32_t>(bytes.size()), static_cast<std::uint32_t>(uniform(random, 1, 65535)) };
        const std::uint32_t length = choices[uniform(random, 0, 5)];
        if (!items.empty() && (headers.empty() || uniform(random, 0, 2) == 0)) {
            const std::size_t at = items[uniform(random, 0, items.size() - 1)];
            bytes.replace(at + 4, 4, u32(length));
        } else if (!headers.empty()) {
            const std::size_t at = headers[uniform(random, 0, headers.size() - 1)];
            if (isLongVr(bytes, at) && at + 12 <= bytes.size()) {
                bytes.replace(at + 8, 4, u32(length));
            } else {
                bytes.replace(at + 6, 2, u16(static_cast<std::uint16_t>(length)));
            }
        } else {
            const std::size_t at = uniform(random, 0, bytes.size() - 4);
            bytes.replace(at, 4, u32(length));
        }
        break;
    }
    case Mutation::UnclosedNesting:
        bytes.insert(insertAt, nested(0x0040, 0x0275, static_cast<int>(uniform(random, 1, 5000)), false));
        break;
    case Mutation::DeepNestingBefore:
        bytes.insert(insertAt, nested(0x0040, 0x0275, static_cast<int>(uniform(random, 100, 20000)), true));
        break;
    case Mutation::DeepNestingAfter:
        bytes += nested(0xFFFA, 0xFFFA, static_cast<int>(uniform(random, 100, 20000)), true);
        break;
    case Mutation::PhotometricMismatch: {
        static const char* const photometrics[]
            = { "PALETTE COLOR", "RGB", "YBR_FULL_422", "MONOCHROME1", "YBR_ICT", "ARGB", "" };
        const std::size_t edits = uniform(random, 1, 3);
        for (std::size_t n = 0; n < edits; ++n) {
            switch (uniform(random, 0, 4)) {
            case 0:
                replaceShortValue(bytes, std::string("\x28\x00\x04\x00", 4), photometrics[uniform(random, 0, 6)]);
                break;
            case 1:
                replaceShortValue(
                    bytes, std::string("\x28\x00\x02\x00", 4), u16(static_cast<std::uint16_t>(uniform(random, 0, 4))));
                break;
            case 2:
                replaceShortValue(bytes, std::string("\x28\x00\x00\x01", 4),
                    u16(static_cast<std::uint16_t>(std::vector<int> { 1, 8, 12, 16, 32, 64 }[uniform(random, 0, 5)])));
                break;
            case 3:
                replaceShortValue(bytes, std::string("\x28\x00\x10\x00", 4),
                    u16(static_cast<std::uint16_t>(uniform(random, 0, 65535))));
                break;
            default:
                replaceShortValue(
                    bytes, std::string("\x28\x00\x08\x00", 4), std::to_string(uniform(random, 0, 100000)));
                break;
            }
        }
        break;
    }
    }
    return bytes;
}

} // namespace radmark::fuzz
