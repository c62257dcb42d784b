#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace radmark::annotation {

// A mark's identity: a lowercase random (version 4) UUID such as
// "3f2b8c1e-7a4d-4e0b-9c55-0e1f2a3b4c5d".
//
// Chosen over an int64 because marks are created before (and without) any database round trip,
// on several machines whose projects may later be merged, and leave the program in exports
// (DICOM SR wants a Tracking Unique Identifier, see toDicomUid). The store keys on this text; it
// may keep an integer rowid of its own for joins.
using MarkId = std::string;

bool isValidMarkId(const std::string& text);

// "2.25.<the UUID as a decimal integer>", the DICOM UID form of a UUID (PS3.5 B.2).
std::string toDicomUid(const MarkId& id);

// Makes new ids. Seed it for reproducible ids in tests; the default seeds from std::random_device.
class MarkIdGenerator {
public:
    MarkIdGenerator();
    explicit MarkIdGenerator(std::uint64_t seed);

    MarkId next();

private:
    std::mt19937_64 m_engine;
};

} // namespace radmark::annotation
