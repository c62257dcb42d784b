#pragma once

#include "radmark/storage/project/InstanceRecord.h"

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

// What the functional groups of an enhanced multi-frame object give for the first frame. The rule is the one of
// dicom/FunctionalGroups (the walker of the DCMTK paths): each macro from the frame's own group, else from the
// shared group; the fast parser reads both groups apart and combines them with firstFrameFunctionalGroupValues.
struct FunctionalGroupValues {
    // The macros the index reads (a bit each in `macros`: the group has that macro sequence with an item).
    enum Macro : unsigned {
        PixelMeasures = 1U << 0,
        PlaneOrientation = 1U << 1,
        PlanePosition = 1U << 2,
        PixelValueTransformation = 1U << 3,
        FrameVoiLut = 1U << 4,
    };
    bool present = false; // a shared or per-frame functional groups item was there
    unsigned macros = 0;
    std::vector<double> pixelSpacing;
    std::optional<double> sliceThickness;
    std::vector<double> position;
    std::vector<double> orientation;
    std::optional<double> rescaleSlope;
    std::optional<double> rescaleIntercept;
    std::vector<double> windowCenters;
    std::vector<double> windowWidths;
};

// The first frame's values from its own group's macros (`frame`) and the shared group's (`shared`), each read alone:
// per macro the frame's when its group has that macro, else the shared one's.
FunctionalGroupValues firstFrameFunctionalGroupValues(
    const FunctionalGroupValues& shared, const FunctionalGroupValues& frame);

// Fills what the top level of the header did not give from the functional groups.
void applyFunctionalGroupValues(const FunctionalGroupValues& values, ParsedHeader& parsed);

// The finite numbers of a multi-valued DICOM text ("1.5\\-2\\3"), up to the first value that is not one.
std::vector<double> parseDicomNumbers(const std::string& text);

// Top-level attributes that go into an InstanceRecord.
bool isIndexedTopLevelTag(std::uint32_t tagKey);

// Stores the value (as text: numbers in decimal, multiple values joined with '\') of an indexed tag.
void assignTopLevelValue(ParsedHeader& parsed, std::uint32_t tagKey, std::string text);

} // namespace radmark::storage
