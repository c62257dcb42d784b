#include "importing/StableUid.h"

#include "dicom/UuidUid.h"

#include <cstdint>

namespace radmark::storage {

namespace {

std::uint64_t mix(std::uint64_t value)
{
    value ^= value >> 30;
    value *= 0xbf58476d1ce4e5b9ULL;
    value ^= value >> 27;
    value *= 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

std::uint64_t hashText(const std::string& text, std::uint64_t seed)
{
    std::uint64_t hash = 0xcbf29ce484222325ULL ^ mix(seed);
    for (const char character : text) {
        hash ^= static_cast<unsigned char>(character);
        hash *= 0x100000001b3ULL;
    }
    return mix(hash ^ text.size());
}

} // namespace

std::string stableUidFromText(const std::string& text)
{
    return uidFromUuidBits(hashText(text, 1), hashText(text, 2), 8); // UUID version 8: custom
}

} // namespace radmark::storage
