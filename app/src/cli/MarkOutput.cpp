#include "cli/MarkOutput.h"

#include "radmark/annotation/JsonWriter.h"
#include "radmark/annotation/MarkMeasurements.h"
#include "radmark/annotation/Overloaded.h"

#include <cmath>
#include <cstdio>

namespace radmark::app {

namespace {

using namespace annotation;

std::string fixed(double value)
{
    char text[48];
    std::snprintf(text, sizeof(text), "%.2f", value);
    return text;
}

std::vector<double> boxNumbers(const PixelBox& box)
{
    return { box.x1, box.y1, box.x2, box.y2 };
}

std::string boxText(const PixelBox& box)
{
    return fixed(box.x1) + "," + fixed(box.y1) + "," + fixed(box.x2) + "," + fixed(box.y2);
}

void writeBoxFields(annotation::JsonWriter& json, const MarkMeasurements& measured)
{
    json.key("box_px")
        .value(boxNumbers(*measured.boxPx))
        .key("width_px")
        .value(*measured.widthPx)
        .key("height_px")
        .value(*measured.heightPx)
        .key("width_mm")
        .value(*measured.widthMm)
        .key("height_mm")
        .value(*measured.heightMm);
}

std::string boxSummary(const MarkMeasurements& measured)
{
    return "box " + boxText(*measured.boxPx) + " px (" + fixed(*measured.widthMm) + " x " + fixed(*measured.heightMm)
        + " mm)";
}

} // namespace

std::string lesionTypeName(const LesionTypeList& types, int code)
{
    return types.nameOf(code).value_or(std::to_string(code));
}

void writeMarkJsonFields(annotation::JsonWriter& json, const LesionMark& mark, const LesionTypeList& types)
{
    json.key("id")
        .value(mark.id)
        .key("kind")
        .value(shapeKindName(mark.shape))
        .key("series_uid")
        .value(mark.slice.seriesUid)
        .key("sop_instance_uid")
        .value(mark.slice.sopInstanceUid)
        .key("frame")
        .value(mark.slice.frameIndex)
        .key("slice")
        .value(mark.slice.sliceIndex + 1);
    const MarkMeasurements measured = measurementsOf(mark);
    std::visit(
        Overloaded {
            [&](const RecistMark&) {
                json.key("long_axis_px")
                    .value(*measured.longPx)
                    .key("short_axis_px")
                    .value(*measured.shortPx)
                    .key("long_axis_mm")
                    .value(measured.longMm)
                    .key("short_axis_mm")
                    .value(*measured.shortMm)
                    .key("box_px")
                    .value(boxNumbers(*measured.boxPx))
                    .key("angle_degrees")
                    .value(*measured.angleDegrees)
                    .key("points_px")
                    .value(measured.pointsPx);
            },
            [&](const LineMark&) {
                json.key("length_px")
                    .value(*measured.longPx)
                    .key("length_mm")
                    .value(measured.longMm)
                    .key("points_px")
                    .value(measured.pointsPx);
            },
            [&](const Box2dMark&) { writeBoxFields(json, measured); },
            [&](const Box3dMark& box) {
                writeBoxFields(json, measured);
                json.key("slices").beginArray().value(box.firstSliceIndex + 1).value(box.lastSliceIndex + 1).endArray();
            },
        },
        mark.shape);
    json.key("type")
        .value(lesionTypeName(types, mark.lesionType))
        .key("type_code")
        .value(mark.lesionType)
        .key("author")
        .value(mark.author.name)
        .key("role")
        .value(authorRoleName(mark.author.role))
        .key("created")
        .value(formatIso8601Utc(mark.createdMs))
        .key("modified")
        .value(formatIso8601Utc(mark.modifiedMs))
        .key("note")
        .value(mark.note)
        .key("derived_from");
    if (mark.derivedFromRecistId) {
        json.value(*mark.derivedFromRecistId);
    } else {
        json.null();
    }
}

std::string describeMarkMeasurements(const LesionMark& mark)
{
    const MarkMeasurements measured = measurementsOf(mark);
    return std::visit(Overloaded {
                          [&](const RecistMark&) {
                              return "long axis " + fixed(*measured.longPx) + " px = " + fixed(measured.longMm)
                                  + " mm, short axis " + fixed(*measured.shortPx) + " px = " + fixed(*measured.shortMm)
                                  + " mm, box " + boxText(*measured.boxPx) + " px";
                          },
                          [&](const LineMark&) {
                              return "length " + fixed(*measured.longPx) + " px = " + fixed(measured.longMm) + " mm";
                          },
                          [&](const Box2dMark&) { return boxSummary(measured); },
                          [&](const Box3dMark& box) {
                              return boxSummary(measured) + " on slices " + std::to_string(box.firstSliceIndex + 1)
                                  + "-" + std::to_string(box.lastSliceIndex + 1);
                          },
                      },
        mark.shape);
}

} // namespace radmark::app
