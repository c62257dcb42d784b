#pragma once

#include "radmark/storage/InstanceRecord.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

constexpr std::uint32_t dicomTagKey(std::uint16_t group, std::uint16_t element)
{
    return (static_cast<std::uint32_t>(group) << 16) | element;
}

// What a header parser (DCMTK or the fast path) collects before the record is finished.
struct ParsedHeader {
    InstanceRecord record;
    bool hasPixelData = false;
    bool hasRescaleSlope = false;
    bool hasRescaleIntercept = false;
    std::string mediaStorageSopClassUid;
};

// What the functional groups of an enhanced multi-frame object give (the shared groups, then the first frame's):
// each value is taken from the first group that has it.
struct FunctionalGroupValues {
    bool present = false; // a shared or per-frame functional groups item was there
    std::vector<double> pixelSpacing;
    std::optional<double> sliceThickness;
    std::vector<double> position;
    std::vector<double> orientation;
    std::optional<double> rescaleSlope;
    std::optional<double> rescaleIntercept;
    std::vector<double> windowCenters;
    std::vector<double> windowWidths;
};

// Fills what the top level of the header did not give from the functional groups.
void applyFunctionalGroupValues(const FunctionalGroupValues& values, ParsedHeader& parsed);

// The finite numbers of a multi-valued DICOM text ("1.5\\-2\\3"), up to the first value that is not one.
std::vector<double> parseDicomNumbers(const std::string& text);

// Top-level attributes that go into an InstanceRecord.
bool isIndexedTopLevelTag(std::uint32_t tagKey);

// Stores the value (as text: numbers in decimal, multiple values joined with '\') of an indexed tag.
void assignTopLevelValue(ParsedHeader& parsed, std::uint32_t tagKey, const std::string& text);

} // namespace radmark::storage
