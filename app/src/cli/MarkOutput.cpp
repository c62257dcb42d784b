#include "cli/MarkOutput.h"

#include "cli/JsonWriter.h"
#include "radmark/annotation/RecistMeasurement.h"

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
    return {box.x1, box.y1, box.x2, box.y2};
}

std::string boxText(const PixelBox& box)
{
    return fixed(box.x1) + "," + fixed(box.y1) + "," + fixed(box.x2) + "," + fixed(box.y2);
}

const PixelBox* boxOf(const LesionMark& mark)
{
    if (const auto* box = std::get_if<Box2dMark>(&mark.shape)) {
        return &box->boxPx;
    }
    if (const auto* box = std::get_if<Box3dMark>(&mark.shape)) {
        return &box->boxPx;
    }
    return nullptr;
}

}  // namespace

std::string lesionTypeName(const LesionTypeList& types, int code)
{
    return types.nameOf(code).value_or(std::to_string(code));
}

void writeMarkJsonFields(JsonWriter& json, const LesionMark& mark, const LesionTypeList& types)
{
    json.key("id").value(mark.id)
        .key("kind").value(shapeKindName(mark.shape))
        .key("series_uid").value(mark.slice.seriesUid)
        .key("sop_instance_uid").value(mark.slice.sopInstanceUid)
        .key("frame").value(mark.slice.frameIndex)
        .key("slice").value(mark.slice.sliceIndex + 1);
    const PixelSpacing& spacing = mark.plane.spacing;
    if (const auto* recist = std::get_if<RecistMark>(&mark.shape)) {
        const RecistLengthsMm lengths = recistLengthsMm(*recist, spacing);
        json.key("long_axis_px").value(lengthPx(recist->longAxisPx))
            .key("short_axis_px").value(lengthPx(recist->shortAxisPx))
            .key("long_axis_mm").value(lengths.longAxisMm)
            .key("short_axis_mm").value(lengths.shortAxisMm)
            .key("box_px").value(boxNumbers(deepLesionBox(*recist)))
            .key("angle_degrees").value(angleBetweenDegrees(recist->longAxisPx, recist->shortAxisPx, spacing))
            .key("points_px").value(std::vector<double>{
                recist->longAxisPx.start.column, recist->longAxisPx.start.row, recist->longAxisPx.end.column,
                recist->longAxisPx.end.row, recist->shortAxisPx.start.column, recist->shortAxisPx.start.row,
                recist->shortAxisPx.end.column, recist->shortAxisPx.end.row});
    } else if (const auto* line = std::get_if<LineMark>(&mark.shape)) {
        json.key("length_px").value(lengthPx(line->segmentPx))
            .key("length_mm").value(lengthMm(line->segmentPx, spacing))
            .key("points_px").value(std::vector<double>{line->segmentPx.start.column, line->segmentPx.start.row,
                                                         line->segmentPx.end.column, line->segmentPx.end.row});
    } else if (const PixelBox* box = boxOf(mark)) {
        json.key("box_px").value(boxNumbers(*box))
            .key("width_px").value(box->x2 - box->x1)
            .key("height_px").value(box->y2 - box->y1)
            .key("width_mm").value((box->x2 - box->x1) * spacing.columnMm)
            .key("height_mm").value((box->y2 - box->y1) * spacing.rowMm);
        if (const auto* box3d = std::get_if<Box3dMark>(&mark.shape)) {
            json.key("slices").beginArray().value(box3d->firstSliceIndex + 1).value(box3d->lastSliceIndex + 1).endArray();
        }
    }
    json.key("type").value(lesionTypeName(types, mark.lesionType))
        .key("type_code").value(mark.lesionType)
        .key("author").value(mark.author.name)
        .key("role").value(authorRoleName(mark.author.role))
        .key("created").value(formatIso8601Utc(mark.createdMs))
        .key("modified").value(formatIso8601Utc(mark.modifiedMs))
        .key("note").value(mark.note)
        .key("derived_from");
    if (mark.derivedFromRecistId) {
        json.value(*mark.derivedFromRecistId);
    } else {
        json.null();
    }
}

std::string describeMarkMeasurements(const LesionMark& mark)
{
    const PixelSpacing& spacing = mark.plane.spacing;
    if (const auto* recist = std::get_if<RecistMark>(&mark.shape)) {
        const RecistLengthsMm lengths = recistLengthsMm(*recist, spacing);
        return "long axis " + fixed(lengthPx(recist->longAxisPx)) + " px = " + fixed(lengths.longAxisMm) +
               " mm, short axis " + fixed(lengthPx(recist->shortAxisPx)) + " px = " + fixed(lengths.shortAxisMm) +
               " mm, box " + boxText(deepLesionBox(*recist)) + " px";
    }
    if (const auto* line = std::get_if<LineMark>(&mark.shape)) {
        return "length " + fixed(lengthPx(line->segmentPx)) + " px = " + fixed(lengthMm(line->segmentPx, spacing)) +
               " mm";
    }
    const PixelBox& box = *boxOf(mark);
    std::string text = "box " + boxText(box) + " px (" + fixed((box.x2 - box.x1) * spacing.columnMm) + " x " +
                       fixed((box.y2 - box.y1) * spacing.rowMm) + " mm)";
    if (const auto* box3d = std::get_if<Box3dMark>(&mark.shape)) {
        text += " on slices " + std::to_string(box3d->firstSliceIndex + 1) + "-" +
                std::to_string(box3d->lastSliceIndex + 1);
    }
    return text;
}

}  // namespace radmark::app
