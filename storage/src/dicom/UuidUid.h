#pragma once

#include <cstdint>
#include <string>

namespace radmark::storage {

// "2.25." + a UUID as one decimal number (DICOM PS3.5 B.2), from 128 bits whose version field is set
// to `uuidVersion` (4 random, 8 derived from text) and variant field to RFC 4122.
std::string uidFromUuidBits(std::uint64_t high, std::uint64_t low, unsigned uuidVersion);

} // namespace radmark::storage
