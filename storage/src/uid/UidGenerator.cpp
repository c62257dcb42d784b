#include "radmark/storage/SyntheticSeriesWriter.h"

#include <array>
#include <cstdint>
#include <random>
#include <string>

namespace radmark::storage {

namespace {

// Decimal digits of a 128-bit number given as two 64-bit halves.
std::string toDecimal(std::uint64_t high, std::uint64_t low)
{
    std::string digits;
    std::array<std::uint32_t, 4> words{static_cast<std::uint32_t>(high >> 32), static_cast<std::uint32_t>(high),
                                       static_cast<std::uint32_t>(low >> 32), static_cast<std::uint32_t>(low)};
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

// UUID-derived UIDs (PS3.5 B.2: "2.25." + the UUID as one decimal number) need no registered root.
std::string generateUid()
{
    thread_local std::mt19937_64 generator{std::random_device{}()};
    std::uint64_t high = generator();
    std::uint64_t low = generator();
    high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
    low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;    // variant 1
    return "2.25." + toDecimal(high, low);
}

}  // namespace radmark::storage
