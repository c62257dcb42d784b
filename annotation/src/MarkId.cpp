#include "radmark/annotation/MarkId.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace radmark::annotation {

bool isValidMarkId(const std::string& text)
{
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t index = 0; index < text.size(); ++index) {
        const char c = text[index];
        const bool dash = index == 8 || index == 13 || index == 18 || index == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

std::string toDicomUid(const MarkId& id)
{
    // The 128-bit value as 32 hex digits, turned into decimal by repeated division by 10.
    std::array<int, 32> digits {};
    std::size_t count = 0;
    for (const char c : id) {
        if (c != '-' && count < digits.size()) {
            digits[count++] = c <= '9' ? c - '0' : c - 'a' + 10;
        }
    }
    std::string decimal;
    bool nonZero = true;
    while (nonZero) {
        int remainder = 0;
        nonZero = false;
        for (int& digit : digits) {
            const int value = remainder * 16 + digit;
            digit = value / 10;
            remainder = value % 10;
            nonZero = nonZero || digit != 0;
        }
        decimal.push_back(static_cast<char>('0' + remainder));
    }
    std::reverse(decimal.begin(), decimal.end());
    return "2.25." + decimal;
}

MarkIdGenerator::MarkIdGenerator()
    : m_engine(std::random_device {}() ^ (std::uint64_t { std::random_device {}() } << 32))
{
}

MarkIdGenerator::MarkIdGenerator(std::uint64_t seed)
    : m_engine(seed)
{
}

MarkId MarkIdGenerator::next()
{
    std::uint64_t high = m_engine();
    std::uint64_t low = m_engine();
    high = (high & ~std::uint64_t { 0xF000 }) | 0x4000; // version 4
    low = (low & ~(std::uint64_t { 0xC } << 60)) | (std::uint64_t { 0x8 } << 60); // RFC 4122 variant
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
        static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFFF),
        static_cast<unsigned>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
    return text;
}

} // namespace radmark::annotation
