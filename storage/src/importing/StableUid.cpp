#include "importing/StableUid.h"

#include <array>
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

std::string toDecimal(std::uint64_t high, std::uint64_t low)
{
    std::array<std::uint32_t, 4> words{static_cast<std::uint32_t>(high >> 32), static_cast<std::uint32_t>(high),
                                       static_cast<std::uint32_t>(low >> 32), static_cast<std::uint32_t>(low)};
    std::string digits;
    bool nonZero = true;
    while (nonZero) {
        std::uint64_t remainder = 0;
        nonZero = false;
        for (auto& word : words) {
            const std::uint64_t value = (remainder << 32) | word;
            word = static_cast<std::uint32_t>(value / 10);
            remainder = value % 10;
            nonZero = nonZero || word != 0;
        }
        digits.insert(digits.begin(), static_cast<char>('0' + remainder));
    }
    return digits;
}

}  // namespace

std::string stableUidFromText(const std::string& text)
{
    std::uint64_t high = hashText(text, 1);
    std::uint64_t low = hashText(text, 2);
    high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000008000ULL;  // UUID version 8 (custom)
    low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;    // variant 1
    return "2.25." + toDecimal(high, low);
}

}  // namespace radmark::storage
