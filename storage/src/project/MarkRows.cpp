#include "project/MarkRows.h"

#include "radmark/annotation/Overloaded.h"
#include "radmark/storage/project/ProjectError.h"

#include <charconv>
#include <cstdio>

namespace radmark::storage {

namespace {

void appendPoint(std::vector<double>& numbers, const annotation::PixelPoint& point)
{
    numbers.push_back(point.column);
    numbers.push_back(point.row);
}

void appendPoint(std::vector<double>& numbers, const annotation::Vector3& point)
{
    numbers.push_back(point.x);
    numbers.push_back(point.y);
    numbers.push_back(point.z);
}

} // namespace

std::string formatNumberArray(const std::vector<double>& numbers)
{
    std::string text = "[";
    char buffer[32];
    for (std::size_t index = 0; index < numbers.size(); ++index) {
        if (index > 0) {
            text += ',';
        }
        const auto result = std::to_chars(buffer, buffer + sizeof(buffer), numbers[index]);
        text.append(buffer, result.ptr);
    }
    return text + "]";
}

std::vector<double> parseNumberArray(const std::string& text, std::size_t count, const std::string& context)
{
    std::vector<double> numbers;
    numbers.reserve(count);
    const char* position = text.data();
    const char* const end = text.data() + text.size();
    bool valid = position != end && *position == '[';
    ++position;
    while (valid && position < end && *position != ']') {
        double value = 0.0;
        const auto result = std::from_chars(position, end, value);
        valid = result.ec == std::errc();
        numbers.push_back(value);
        position = result.ptr;
        if (valid && position < end && *position == ',') {
            ++position;
        }
    }
    if (!valid || position + 1 != end || numbers.size() != count) {
        throw ProjectError(context + ": expected " + std::to_string(count) + " numbers, found '" + text + "'");
    }
    return numbers;
}

std::string jsonString(const std::string& text)
{
    std::string quoted = "\"";
    for (const char character : text) {
        if (character == '"' || character == '\\') {
            quoted += '\\';
            quoted += character;
        } else if (static_cast<unsigned char>(character) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof(escaped), "\\u%04x", static_cast<unsigned>(character));
            quoted += escaped;
        } else {
            quoted += character;
        }
    }
    return quoted + "\"";
}

MarkGeometryText encodeMarkGeometry(const annotation::LesionMark& mark)
{
    using namespace annotation;
    MarkGeometryText text;
    std::vector<double> plane;
    appendPoint(plane, mark.plane.originLpsMm);
    appendPoint(plane, mark.plane.rowDirectionLps);
    appendPoint(plane, mark.plane.columnDirectionLps);
    text.planeLpsMm = formatNumberArray(plane);

    std::vector<double> pixels;
    std::vector<double> patient;
    // Two points (a line's ends, a box's corners) in pixels and mapped to LPS.
    const auto twoPoints = [&](const PixelPoint& first, const PixelPoint& second) {
        appendPoint(pixels, first);
        appendPoint(pixels, second);
        appendPoint(patient, mark.plane.toPatient(first));
        appendPoint(patient, mark.plane.toPatient(second));
    };
    // Exhaustive: a new shape does not compile until its stored form is defined here (and read back where MarkStore
    // loads marks).
    std::visit(Overloaded {
                   [&](const RecistMark& recist) {
                       for (const PixelSegment* segment : { &recist.longAxisPx, &recist.shortAxisPx }) {
                           appendPoint(pixels, segment->start);
                           appendPoint(pixels, segment->end);
                       }
                       for (const PatientSegment* segment : { &recist.longAxisLpsMm, &recist.shortAxisLpsMm }) {
                           appendPoint(patient, segment->startLpsMm);
                           appendPoint(patient, segment->endLpsMm);
                       }
                   },
                   [&](const LineMark& line) { twoPoints(line.segmentPx.start, line.segmentPx.end); },
                   [&](const Box2dMark& box) {
                       twoPoints({ box.boxPx.x1, box.boxPx.y1 }, { box.boxPx.x2, box.boxPx.y2 });
                   },
                   [&](const Box3dMark& box) {
                       twoPoints({ box.boxPx.x1, box.boxPx.y1 }, { box.boxPx.x2, box.boxPx.y2 });
                   },
               },
        mark.shape);
    text.shapePx = formatNumberArray(pixels);
    text.shapeLpsMm = formatNumberArray(patient);
    return text;
}

} // namespace radmark::storage
