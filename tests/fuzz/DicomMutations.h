#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace radmark::fuzz {

// The mutations of the fuzz campaign (issue 17), applied to the bytes of a real DICOM file.
enum class Mutation {
    ByteFlips, // 1-16 random bytes xor-ed, mostly in the header
    Truncation, // cut at a random length
    BogusLength, // one element's (or fragment's) length replaced: huge, undefined, or slightly too long
    UnclosedNesting, // undefined-length sequences opened before the pixel data and never closed
    DeepNestingBefore, // closed sequences nested 100-20,000 deep before the pixel data
    DeepNestingAfter, // the same after the pixel data (at the end of the file)
    PhotometricMismatch, // Photometric Interpretation / Samples per Pixel / Bits / Rows changed (palette, J2K)
};
constexpr int mutationCount = 7;
const char* mutationName(Mutation mutation);

// Applies `mutation` to a copy of `original` with `random`; the result may be any bytes.
std::string mutate(const std::string& original, Mutation mutation, std::mt19937_64& random);

} // namespace radmark::fuzz
