#pragma once

#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/LesionTypeList.h"

#include <string>

namespace radmark::annotation {
class JsonWriter;
}

namespace radmark::app {

// The keys `radmark annotate` and `radmark annotations` print for a mark: id, kind, series_uid,
// sop_instance_uid, frame, slice (1-based), type, type_code, author, role, created, modified (ISO-8601
// UTC), note, derived_from; RECIST: long_axis_px, short_axis_px, long_axis_mm, short_axis_mm, box_px
// (DeepLesion's box), angle_degrees; line: length_px, length_mm; boxes: box_px, width/height px and
// mm; box3d: slices ([first, last], 1-based).
void writeMarkJsonFields(
    annotation::JsonWriter& json, const annotation::LesionMark& mark, const annotation::LesionTypeList& types);

// Lengths and box in one or two human-readable lines (no trailing newline).
std::string describeMarkMeasurements(const annotation::LesionMark& mark);

std::string lesionTypeName(const annotation::LesionTypeList& types, int code);

} // namespace radmark::app
