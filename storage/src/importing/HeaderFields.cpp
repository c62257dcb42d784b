#include "importing/HeaderFields.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <vector>

namespace radmark::storage {

namespace {

bool isDigit(char character)
{
    return character >= '0' && character <= '9';
}

// std::strtod for the decimals DICOM headers hold ("-12.5", "3", "1.25e-3"), without its cost (~400 instructions a
// number): when the digits make an integer below 10^15 and the power of ten is at most 22, the integer and the
// power are exact doubles and one multiplication or division rounds as strtod does (Clinger's fast path). Anything
// else (more digits, "inf", hexadecimal, spaces or other characters after the number...) is left to strtod.
double parseDecimal(const char* text, const char** end)
{
    const char* cursor = text;
    const bool negative = *cursor == '-';
    if (*cursor == '-' || *cursor == '+') {
        ++cursor;
    }
    std::uint64_t mantissa = 0;
    int significantDigits = 0;
    int exponent = 0;
    bool anyDigit = false;
    const auto take = [&](char digit) {
        if (significantDigits > 0 || digit != '0') {
            ++significantDigits;
        }
        if (significantDigits <= 15) {
            mantissa = mantissa * 10 + static_cast<std::uint64_t>(digit - '0');
        }
        anyDigit = true;
    };
    for (; isDigit(*cursor); ++cursor) {
        take(*cursor);
    }
    if (*cursor == '.') {
        for (++cursor; isDigit(*cursor); ++cursor) {
            take(*cursor);
            --exponent;
        }
    }
    bool fast = anyDigit && significantDigits <= 15;
    if (fast && (*cursor == 'e' || *cursor == 'E')) {
        const char* digits = cursor + 1;
        const bool negativeExponent = *digits == '-';
        if (*digits == '-' || *digits == '+') {
            ++digits;
        }
        int value = 0;
        fast = isDigit(*digits);
        for (; isDigit(*digits); ++digits) {
            value = std::min(value * 10 + (*digits - '0'), 1000);
        }
        exponent += negativeExponent ? -value : value;
        cursor = digits;
    }
    // Only where strtod would stop too: at the end of the text, of a value or of a padded value.
    fast = fast && (*cursor == '\0' || *cursor == '\\' || *cursor == ' ') && exponent >= -22 && exponent <= 22;
    if (!fast) {
        char* stop = nullptr;
        const double value = std::strtod(text, &stop);
        *end = stop;
        return value;
    }
    static constexpr double powersOfTen[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    double value = static_cast<double>(mantissa);
    value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent];
    *end = cursor;
    return negative ? -value : value;
}

// Calls take(value) for each finite number of a multi-valued DICOM text, up to the first value that is not a
// number, or until take returns false.
template <typename Take> void forEachDicomNumber(const std::string& text, const Take& take)
{
    const char* cursor = text.c_str();
    while (*cursor != '\0') {
        const char* end = nullptr;
        const double value = parseDecimal(cursor, &end);
        if (end == cursor) {
            break; // not a number: keep what came before
        }
        if (std::isfinite(value) && !take(value)) {
            return;
        }
        cursor = end;
        while (*cursor == ' ') {
            ++cursor;
        }
        if (*cursor != '\\') {
            break;
        }
        ++cursor;
    }
}

std::optional<double> firstNumberOf(const std::string& text)
{
    std::optional<double> first;
    forEachDicomNumber(text, [&first](double value) {
        first = value;
        return false;
    });
    return first;
}

std::optional<int> integerOf(const std::string& text)
{
    const std::optional<double> number = firstNumberOf(text);
    if (!number || *number < -2147483648.0 || *number > 2147483647.0) {
        return std::nullopt;
    }
    return static_cast<int>(*number);
}

} // namespace

std::vector<double> parseDicomNumbers(const std::string& text)
{
    std::vector<double> numbers;
    forEachDicomNumber(text, [&numbers](double value) {
        numbers.push_back(value);
        return true;
    });
    return numbers;
}

bool isIndexedTopLevelTag(std::uint32_t tagKey)
{
    switch (tagKey) {
    case dicomTagKey(0x0008, 0x0008):
    case dicomTagKey(0x0008, 0x0016):
    case dicomTagKey(0x0008, 0x0018):
    case dicomTagKey(0x0008, 0x0020):
    case dicomTagKey(0x0008, 0x0022):
    case dicomTagKey(0x0008, 0x0030):
    case dicomTagKey(0x0008, 0x0032):
    case dicomTagKey(0x0008, 0x0050):
    case dicomTagKey(0x0008, 0x0060):
    case dicomTagKey(0x0008, 0x0070):
    case dicomTagKey(0x0008, 0x0080):
    case dicomTagKey(0x0008, 0x1010):
    case dicomTagKey(0x0008, 0x1030):
    case dicomTagKey(0x0008, 0x103E):
    case dicomTagKey(0x0008, 0x1090):
    case dicomTagKey(0x0010, 0x0010):
    case dicomTagKey(0x0010, 0x0020):
    case dicomTagKey(0x0010, 0x0030):
    case dicomTagKey(0x0010, 0x0040):
    case dicomTagKey(0x0010, 0x1010):
    case dicomTagKey(0x0018, 0x0015):
    case dicomTagKey(0x0018, 0x0050):
    case dicomTagKey(0x0020, 0x000D):
    case dicomTagKey(0x0020, 0x000E):
    case dicomTagKey(0x0020, 0x0011):
    case dicomTagKey(0x0020, 0x0013):
    case dicomTagKey(0x0020, 0x0032):
    case dicomTagKey(0x0020, 0x0037):
    case dicomTagKey(0x0020, 0x0052):
    case dicomTagKey(0x0028, 0x0002):
    case dicomTagKey(0x0028, 0x0004):
    case dicomTagKey(0x0028, 0x0008):
    case dicomTagKey(0x0028, 0x0010):
    case dicomTagKey(0x0028, 0x0011):
    case dicomTagKey(0x0028, 0x0030):
    case dicomTagKey(0x0028, 0x0100):
    case dicomTagKey(0x0028, 0x0101):
    case dicomTagKey(0x0028, 0x0103):
    case dicomTagKey(0x0028, 0x0301):
    case dicomTagKey(0x0028, 0x1050):
    case dicomTagKey(0x0028, 0x1051):
    case dicomTagKey(0x0028, 0x1052):
    case dicomTagKey(0x0028, 0x1053):
        return true;
    default:
        return false;
    }
}

namespace {

// Padding spaces around each value of a multi-valued text ("DERIVED \\PRIMARY") are not part of the values; removed
// in place (no new string).
void trimValues(std::string& text)
{
    if (text.find('\\') == std::string::npos) {
        return;
    }
    std::size_t write = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\\', start), text.size());
        std::size_t first = start;
        while (first < end && text[first] == ' ') {
            ++first;
        }
        std::size_t last = end;
        while (last > first && text[last - 1] == ' ') {
            --last;
        }
        if (start > 0) {
            text[write++] = '\\';
        }
        for (std::size_t index = first; index < last; ++index) {
            text[write++] = text[index];
        }
        start = end + 1;
    }
    text.resize(write);
}

} // namespace

void assignTopLevelValue(ParsedHeader& parsed, std::uint32_t tagKey, std::string text)
{
    InstanceRecord& record = parsed.record;
    trimValues(text);
    switch (tagKey) {
    case dicomTagKey(0x0008, 0x0008):
        record.imageType = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x0016):
        record.sopClassUid = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x0018):
        record.sopInstanceUid = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x0020):
        record.studyDate = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x0022):
        record.acquisitionDate = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x0030):
        record.studyTime = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x0032):
        record.acquisitionTime = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x0050):
        record.accessionNumber = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x0060):
        record.modality = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x0070):
        record.manufacturer = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x0080):
        record.institutionName = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x1010):
        record.stationName = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x1030):
        record.studyDescription = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x103E):
        record.seriesDescription = std::move(text);
        break;
    case dicomTagKey(0x0008, 0x1090):
        record.manufacturerModelName = std::move(text);
        break;
    case dicomTagKey(0x0010, 0x0010):
        record.patientName = std::move(text);
        break;
    case dicomTagKey(0x0010, 0x0020):
        record.patientId = std::move(text);
        break;
    case dicomTagKey(0x0010, 0x0030):
        record.patientBirthDate = std::move(text);
        break;
    case dicomTagKey(0x0010, 0x0040):
        record.patientSex = std::move(text);
        break;
    case dicomTagKey(0x0010, 0x1010):
        record.patientAge = std::move(text);
        break;
    case dicomTagKey(0x0018, 0x0015):
        record.bodyPartExamined = std::move(text);
        break;
    case dicomTagKey(0x0018, 0x0050):
        record.sliceThicknessMm = firstNumberOf(text);
        break;
    case dicomTagKey(0x0020, 0x000D):
        record.studyInstanceUid = std::move(text);
        break;
    case dicomTagKey(0x0020, 0x000E):
        record.seriesInstanceUid = std::move(text);
        break;
    case dicomTagKey(0x0020, 0x0011):
        record.seriesNumber = integerOf(text);
        break;
    case dicomTagKey(0x0020, 0x0013):
        record.instanceNumber = integerOf(text);
        break;
    case dicomTagKey(0x0020, 0x0032):
        record.imagePositionPatient = parseDicomNumbers(text);
        break;
    case dicomTagKey(0x0020, 0x0037):
        record.imageOrientationPatient = parseDicomNumbers(text);
        break;
    case dicomTagKey(0x0020, 0x0052):
        record.frameOfReferenceUid = std::move(text);
        break;
    case dicomTagKey(0x0028, 0x0002):
        record.samplesPerPixel = integerOf(text).value_or(1);
        break;
    case dicomTagKey(0x0028, 0x0004):
        record.photometricInterpretation = std::move(text);
        break;
    case dicomTagKey(0x0028, 0x0008):
        record.numberOfFrames = std::max(1, integerOf(text).value_or(1));
        break;
    case dicomTagKey(0x0028, 0x0010):
        record.rows = integerOf(text).value_or(0);
        break;
    case dicomTagKey(0x0028, 0x0011):
        record.columns = integerOf(text).value_or(0);
        break;
    case dicomTagKey(0x0028, 0x0030): {
        const std::vector<double> spacing = parseDicomNumbers(text);
        if (spacing.size() == 2) {
            record.pixelSpacingRowMm = spacing[0];
            record.pixelSpacingColumnMm = spacing[1];
        }
        break;
    }
    case dicomTagKey(0x0028, 0x0100):
        record.bitsAllocated = integerOf(text).value_or(0);
        break;
    case dicomTagKey(0x0028, 0x0101):
        record.bitsStored = integerOf(text).value_or(0);
        break;
    case dicomTagKey(0x0028, 0x0103):
        record.pixelRepresentation = integerOf(text).value_or(0);
        break;
    case dicomTagKey(0x0028, 0x0301):
        record.burnedInAnnotation = std::move(text);
        break;
    case dicomTagKey(0x0028, 0x1050):
        record.windowCenters = parseDicomNumbers(text);
        break;
    case dicomTagKey(0x0028, 0x1051):
        record.windowWidths = parseDicomNumbers(text);
        break;
    case dicomTagKey(0x0028, 0x1052): {
        const std::optional<double> intercept = firstNumberOf(text);
        parsed.hasRescaleIntercept = intercept.has_value();
        record.rescaleIntercept = intercept.value_or(0.0);
        break;
    }
    case dicomTagKey(0x0028, 0x1053): {
        const std::optional<double> slope = firstNumberOf(text);
        parsed.hasRescaleSlope = slope.has_value();
        record.rescaleSlope = slope.value_or(1.0);
        break;
    }
    default:
        break;
    }
}

FunctionalGroupValues firstFrameFunctionalGroupValues(
    const FunctionalGroupValues& shared, const FunctionalGroupValues& frame)
{
    FunctionalGroupValues values;
    values.present = shared.present || frame.present;
    values.macros = shared.macros | frame.macros;
    const auto from = [&](FunctionalGroupValues::Macro macro) -> const FunctionalGroupValues& {
        return (frame.macros & macro) != 0 ? frame : shared;
    };
    const FunctionalGroupValues& measures = from(FunctionalGroupValues::PixelMeasures);
    values.pixelSpacing = measures.pixelSpacing;
    values.sliceThickness = measures.sliceThickness;
    values.orientation = from(FunctionalGroupValues::PlaneOrientation).orientation;
    values.position = from(FunctionalGroupValues::PlanePosition).position;
    const FunctionalGroupValues& transform = from(FunctionalGroupValues::PixelValueTransformation);
    values.rescaleSlope = transform.rescaleSlope;
    values.rescaleIntercept = transform.rescaleIntercept;
    const FunctionalGroupValues& window = from(FunctionalGroupValues::FrameVoiLut);
    values.windowCenters = window.windowCenters;
    values.windowWidths = window.windowWidths;
    return values;
}

void applyFunctionalGroupValues(const FunctionalGroupValues& values, ParsedHeader& parsed)
{
    if (!values.present) {
        return;
    }
    InstanceRecord& record = parsed.record;
    if (!record.pixelSpacingRowMm && values.pixelSpacing.size() == 2) {
        record.pixelSpacingRowMm = values.pixelSpacing[0];
        record.pixelSpacingColumnMm = values.pixelSpacing[1];
    }
    if (!record.sliceThicknessMm) {
        record.sliceThicknessMm = values.sliceThickness;
    }
    if (record.imagePositionPatient.empty()) {
        record.imagePositionPatient = values.position;
    }
    if (record.imageOrientationPatient.empty()) {
        record.imageOrientationPatient = values.orientation;
    }
    if (!parsed.hasRescaleSlope && values.rescaleSlope) {
        record.rescaleSlope = *values.rescaleSlope;
    }
    if (!parsed.hasRescaleIntercept && values.rescaleIntercept) {
        record.rescaleIntercept = *values.rescaleIntercept;
    }
    if (record.windowCenters.empty()) {
        record.windowCenters = values.windowCenters;
        record.windowWidths = values.windowWidths;
    }
}

} // namespace radmark::storage
