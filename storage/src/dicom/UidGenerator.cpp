#include "dicom/UuidUid.h"
#include "radmark/storage/dicom/GeneratedUid.h"

#include <array>
#include <random>

namespace radmark::storage {

namespace {

// Decimal digits of a 128-bit number given as two 64-bit halves.
std::string toDecimal(std::uint64_t high, std::uint64_t low)
{
    std::string digits;
    std::array<std::uint32_t, 4> words { static_cast<std::uint32_t>(high >> 32), static_cast<std::uint32_t>(high),
        static_cast<std::uint32_t>(low >> 32), static_cast<std::uint32_t>(low) };
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

} // namespace

std::string uidFromUuidBits(std::uint64_t high, std::uint64_t low, unsigned uuidVersion)
{
    high = (high & 0xFFFFFFFFFFFF0FFFULL) | (static_cast<std::uint64_t>(uuidVersion & 0xFu) << 12);
    low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
    return "2.25." + toDecimal(high, low);
}

std::string generateUid()
{
    thread_local std::mt19937_64 generator { std::random_device {}() };
    const std::uint64_t high = generator();
    const std::uint64_t low = generator();
    return uidFromUuidBits(high, low, 4);
}

} // namespace radmark::storage
