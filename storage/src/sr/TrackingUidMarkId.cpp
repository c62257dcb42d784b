#include "sr/TrackingUidMarkId.h"

#include <array>
#include <cstdint>
#include <cstdio>

namespace radmark::storage {

namespace {

// 128 bits as four 32-bit limbs, most significant first.
using Limbs = std::array<std::uint32_t, 4>;

std::string uuidText(const Limbs& limbs)
{
    char hex[33];
    std::snprintf(hex, sizeof hex, "%08x%08x%08x%08x", limbs[0], limbs[1], limbs[2], limbs[3]);
    const std::string digits(hex);
    return digits.substr(0, 8) + "-" + digits.substr(8, 4) + "-" + digits.substr(12, 4) + "-" + digits.substr(16, 4)
        + "-" + digits.substr(20, 12);
}

std::uint64_t fnv1a(const std::string& text, std::uint64_t seed)
{
    std::uint64_t hash = 14695981039346656037ull ^ seed;
    for (const unsigned char character : text) {
        hash = (hash ^ character) * 1099511628211ull;
    }
    return hash;
}

} // namespace

std::optional<annotation::MarkId> markIdOfTrackingUid(const std::string& uid)
{
    const std::string prefix = "2.25.";
    if (uid.rfind(prefix, 0) != 0 || uid.size() == prefix.size() || uid.size() > prefix.size() + 39) {
        return std::nullopt;
    }
    Limbs limbs { 0, 0, 0, 0 };
    for (std::size_t index = prefix.size(); index < uid.size(); ++index) {
        const char digit = uid[index];
        if (digit < '0' || digit > '9') {
            return std::nullopt;
        }
        std::uint64_t carry = static_cast<std::uint64_t>(digit - '0');
        for (auto limb = limbs.rbegin(); limb != limbs.rend(); ++limb) {
            const std::uint64_t value = static_cast<std::uint64_t>(*limb) * 10u + carry;
            *limb = static_cast<std::uint32_t>(value & 0xFFFFFFFFu);
            carry = value >> 32;
        }
        if (carry != 0) {
            return std::nullopt; // more than 128 bits
        }
    }
    const annotation::MarkId id = uuidText(limbs);
    // Only a round trip proves the decimal was a UUID written by toDicomUid (no leading zeros etc.).
    if (!annotation::isValidMarkId(id) || annotation::toDicomUid(id) != uid) {
        return std::nullopt;
    }
    return id;
}

annotation::MarkId derivedMarkId(const std::string& text)
{
    const std::uint64_t high = fnv1a(text, 0x52414d41524b31ull);
    const std::uint64_t low = fnv1a(text, 0x52414d41524b32ull);
    Limbs limbs { static_cast<std::uint32_t>(high >> 32), static_cast<std::uint32_t>(high),
        static_cast<std::uint32_t>(low >> 32), static_cast<std::uint32_t>(low) };
    limbs[1] = (limbs[1] & 0xFFFF0FFFu) | 0x00004000u; // version 4 layout
    limbs[2] = (limbs[2] & 0x3FFFFFFFu) | 0x80000000u; // RFC 4122 variant
    return uuidText(limbs);
}

} // namespace radmark::storage
