#include "radmark/annotation/DeepLesionRow.h"

#include "radmark/annotation/CsvRecord.h"

#include <cstdio>
#include <cstdlib>
#include <type_traits>
#include <vector>

namespace radmark::annotation {

namespace {

constexpr std::size_t kColumnCount = 18;

bool parseDouble(const std::string& text, double& value)
{
    const char* begin = text.c_str();
    while (*begin == ' ') {
        ++begin;
    }
    char* end = nullptr;
    value = std::strtod(begin, &end);
    if (end == begin) {
        return false;
    }
    while (*end == ' ') {
        ++end;
    }
    return *end == '\0';
}

bool parseInt(const std::string& text, int& value)
{
    double number = 0.0;
    if (!parseDouble(text, number) || number != static_cast<double>(static_cast<int>(number))) {
        return false;
    }
    value = static_cast<int>(number);
    return true;
}

// "a, b, c" inside one quoted field.
template <typename Number, std::size_t Count> bool parseList(const std::string& text, std::array<Number, Count>& values)
{
    std::vector<std::string> parts;
    if (!splitCsvRecord(text, parts) || parts.size() != Count) {
        return false;
    }
    for (std::size_t index = 0; index < Count; ++index) {
        if constexpr (std::is_same_v<Number, int>) {
            if (!parseInt(parts[index], values[index])) {
                return false;
            }
        } else if (!parseDouble(parts[index], values[index])) {
            return false;
        }
    }
    return true;
}

std::string formatNumber(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

template <typename Number, std::size_t Count> std::string formatList(const std::array<Number, Count>& values)
{
    std::string text;
    for (std::size_t index = 0; index < Count; ++index) {
        text += (index > 0 ? ", " : "") + formatNumber(static_cast<double>(values[index]));
    }
    return text;
}

} // namespace

std::string DeepLesionRow::header()
{
    return "File_name,Patient_index,Study_index,Series_ID,Key_slice_index,Measurement_coordinates,Bounding_boxes,"
           "Lesion_diameters_Pixel_,Normalized_lesion_location,Coarse_lesion_type,Possibly_noisy,Slice_range,"
           "Spacing_mm_px_,Image_size,DICOM_windows,Patient_gender,Patient_age,Train_Val_Test";
}

std::optional<DeepLesionRow> DeepLesionRow::parse(const std::string& line, std::string* error)
{
    const auto fail = [error](const std::string& message) {
        if (error != nullptr) {
            *error = message;
        }
        return std::nullopt;
    };
    std::vector<std::string> fields;
    if (!splitCsvRecord(line, fields)) {
        return fail("malformed quoting");
    }
    if (fields.size() != kColumnCount) {
        return fail("expected 18 fields, found " + std::to_string(fields.size()));
    }
    DeepLesionRow row;
    std::array<double, 4> box {};
    row.fileName = fields[0];
    row.patientGender = fields[15];
    row.patientAge = fields[16];
    const bool ok = parseInt(fields[1], row.patientIndex) && parseInt(fields[2], row.studyIndex)
        && parseInt(fields[3], row.seriesId) && parseInt(fields[4], row.keySliceIndex)
        && parseList(fields[5], row.measurementCoordinates) && parseList(fields[6], box)
        && parseList(fields[7], row.lesionDiametersPx) && parseList(fields[8], row.normalizedLesionLocation)
        && parseInt(fields[9], row.coarseLesionType) && parseInt(fields[10], row.possiblyNoisy)
        && parseList(fields[11], row.sliceRange) && parseList(fields[12], row.spacingMmPerPx)
        && parseList(fields[13], row.imageSize) && parseList(fields[14], row.dicomWindowHu)
        && parseInt(fields[17], row.trainValTest);
    if (!ok) {
        return fail("malformed number in row " + row.fileName);
    }
    row.boundingBox = { box[0], box[1], box[2], box[3] };
    return row;
}

std::string DeepLesionRow::format() const
{
    const std::array<double, 4> box { boundingBox.x1, boundingBox.y1, boundingBox.x2, boundingBox.y2 };
    return joinCsvRecord({ fileName, std::to_string(patientIndex), std::to_string(studyIndex), std::to_string(seriesId),
        std::to_string(keySliceIndex), formatList(measurementCoordinates), formatList(box),
        formatList(lesionDiametersPx), formatList(normalizedLesionLocation), std::to_string(coarseLesionType),
        std::to_string(possiblyNoisy), formatList(sliceRange), formatList(spacingMmPerPx), formatList(imageSize),
        formatList(dicomWindowHu), patientGender, patientAge, std::to_string(trainValTest) });
}

PixelSegment DeepLesionRow::longAxisPx() const
{
    const auto& c = measurementCoordinates;
    return { { c[0], c[1] }, { c[2], c[3] } };
}

PixelSegment DeepLesionRow::shortAxisPx() const
{
    const auto& c = measurementCoordinates;
    return { { c[4], c[5] }, { c[6], c[7] } };
}

} // namespace radmark::annotation
