#pragma once

#include "radmark/annotation/LesionMark.h"

#include <string>
#include <vector>

namespace radmark::storage {

// How a LesionMark's geometry is written in the `marks` table (schema 2): compact JSON arrays of
// numbers in their shortest exact form (std::to_chars), so doubles read back bit for bit.
struct MarkGeometryText {
    std::string planeLpsMm; // [origin xyz, row direction xyz, column direction xyz]
    std::string shapePx; // recist: 8 numbers (long axis, short axis); line / boxes: 4 numbers
    std::string shapeLpsMm; // 3 numbers per point of shapePx (a box: its corners (x1,y1), (x2,y2))
};

MarkGeometryText encodeMarkGeometry(const annotation::LesionMark& mark);

// "[1,2.5,-0.25]"; numbers written so that they read back exactly.
std::string formatNumberArray(const std::vector<double>& numbers);
// Parses formatNumberArray's text; throws ProjectError naming `context` when it is not `count` numbers.
std::vector<double> parseNumberArray(const std::string& text, std::size_t count, const std::string& context);

// A JSON string literal (quotes included) for ids and names.
std::string jsonString(const std::string& text);

} // namespace radmark::storage
