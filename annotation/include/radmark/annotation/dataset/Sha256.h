#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace radmark::annotation {

using Sha256Digest = std::array<std::uint8_t, 32>;

// SHA-256 (FIPS 180-4) of a byte string.
Sha256Digest sha256(const std::string& bytes);

// HMAC-SHA-256 (RFC 2104): the keyed hash pseudonyms are derived from, so that nobody without the key
// (the export's salt) can recompute a pseudonym from a guessed identifier.
Sha256Digest hmacSha256(const std::string& key, const std::string& message);

// Lower-case hexadecimal text of the digest.
std::string toHex(const Sha256Digest& digest);

} // namespace radmark::annotation
