// `coco`: COCO object-detection JSON per split (annotations/instances_SPLIT.json), the key slices as
// 16-bit PNG (HU + 32768) in images/. COCO's pixel coordinates start at the top-left corner of the
// first pixel, RadMark's (DeepLesion's) at its centre: every coordinate is written + 0.5.
#include "dataset/BuiltInFormats.h"
#include "dataset/ExportFiles.h"
#include "dataset/ExportSeriesVolume.h"
#include "dataset/Png16Writer.h"
#include "radmark/annotation/JsonWriter.h"
#include "radmark/annotation/Overloaded.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/dataset/ExportFormatRegistry.h"

#include <cstdio>
#include <map>
#include <optional>

namespace radmark::storage {

namespace {

constexpr double kCornerOffsetPx = 0.5;

struct CocoImage {
    int id = 0;
    std::string fileName;
    int width = 0;
    int height = 0;
    std::string seriesPseudonym;
    int sliceNumber = 0; // 1-based
    bool spacingKnown = true;
    std::vector<double> spacingMm; // column, row, slice
};

struct CocoAnnotation {
    int id = 0;
    int imageId = 0;
    int categoryId = 0;
    annotation::PixelBox boxPx;
    const annotation::LesionMark* mark = nullptr;
    bool spacingKnown = true;
    int sliceNumber = 0; // 1-based, in the exported volume
};

struct SplitDocument {
    std::vector<CocoImage> images;
    std::vector<CocoAnnotation> annotations;
};

class CocoFormat : public ProgressReportingFormat {
public:
    std::string name() const override { return "coco"; }

    void write(ExportContext& context) override
    {
        const std::string folder = context.outputDir + "/coco";
        createExportFolder(folder + "/images");
        createExportFolder(folder + "/annotations");
        std::map<int, int> categoryByCode;
        for (const annotation::LesionType& type : context.lesionTypes.types()) {
            categoryByCode[type.code] = static_cast<int>(categoryByCode.size()) + 1;
        }
        const auto numbering = numberAnnotatedSeries(context.studies, context.identity);
        std::map<std::string, SplitDocument> documents { { "train", {} }, { "validation", {} }, { "test", {} } };
        int nextImageId = 1;
        int nextAnnotationId = 1;
        int done = 0;
        for (const AnnotatedExportSeries& annotated : annotatedSeriesInOrder(context.studies, numbering)) {
            SplitDocument& document = documents[annotated.study->split];
            writeSeries(context, *annotated.series, *annotated.number, folder, categoryByCode, document, nextImageId,
                nextAnnotationId);
            reportProgress(++done, static_cast<int>(numbering.size()));
        }
        for (const auto& [split, document] : documents) {
            writeDocument(context, split, document, folder + "/annotations/instances_" + split + ".json");
        }
    }

private:
    void writeSeries(ExportContext& context, const ExportSeries& series, const SeriesNumbering& number,
        const std::string& folder, const std::map<int, int>& categoryByCode, SplitDocument& document, int& nextImageId,
        int& nextAnnotationId)
    {
        const std::string seriesPseudonym = context.identity.uid(series.series.seriesUid);
        const std::optional<ExportSeriesVolume> readable = loadExportSeriesVolumeOrExclude(series, "coco", context.log);
        if (!readable) {
            return;
        }
        const ExportSeriesVolume& volume = *readable;
        const annotation::ImageGeometry& geometry = volume.volume().geometry();
        const bool spacingKnown = hasPixelSpacing(series) && geometry.pixelSpacingKnown;
        std::map<int, int> imageBySlice;
        int skippedLines = 0;
        for (const annotation::LesionMark& mark : series.marks) {
            // Exhaustive: a new shape does not compile until COCO says what its box is (lines have none).
            const std::optional<annotation::PixelBox> shapeBox = std::visit(
                annotation::Overloaded {
                    [&](const annotation::RecistMark& recist) -> std::optional<annotation::PixelBox> {
                        return series.recistBox(mark, recist);
                    },
                    [](const annotation::LineMark&) -> std::optional<annotation::PixelBox> { return std::nullopt; },
                    [](const annotation::Box2dMark& box2d) -> std::optional<annotation::PixelBox> {
                        return box2d.boxPx;
                    },
                    [](const annotation::Box3dMark& box3d) -> std::optional<annotation::PixelBox> {
                        return box3d.boxPx;
                    },
                },
                mark.shape);
            if (!shapeBox) {
                ++skippedLines;
                continue;
            }
            const annotation::PixelBox box = *shapeBox;
            const auto k = volume.sliceOf(mark);
            if (!k) {
                context.log.warnings.push_back(
                    "coco: series " + seriesPseudonym + ": mark " + mark.id + " is on an image that is not exported");
                continue;
            }
            auto image = imageBySlice.find(*k);
            if (image == imageBySlice.end()) {
                char stem[96];
                std::snprintf(stem, sizeof stem, "%s_%03d.png", number.stem.c_str(), *k + 1);
                const auto pixels = offsetHuSlice(volume.volume(), *k);
                writePng16(folder + "/images/" + stem, pixels.data(), geometry.columns, geometry.rows);
                ++context.log.filesWritten[name()];
                CocoImage entry { nextImageId++, stem, geometry.columns, geometry.rows, seriesPseudonym, *k + 1,
                    spacingKnown, { geometry.columnSpacingMm, geometry.rowSpacingMm, geometry.sliceSpacingMm } };
                document.images.push_back(entry);
                image = imageBySlice.emplace(*k, entry.id).first;
            }
            const auto category = categoryByCode.find(mark.lesionType);
            document.annotations.push_back({ nextAnnotationId++, image->second,
                category != categoryByCode.end() ? category->second : 0, box, &mark, spacingKnown, *k + 1 });
        }
        if (skippedLines > 0) {
            context.log.warnings.push_back("coco: series " + seriesPseudonym + ": " + std::to_string(skippedLines)
                + " line mark(s) left out (not detections)");
        }
    }

    void writeDocument(
        ExportContext& context, const std::string& split, const SplitDocument& document, const std::string& path)
    {
        annotation::JsonWriter json;
        json.beginObject();
        json.key("info").beginObject();
        json.key("description").value("RadMark export, split " + split + "; pixel values are HU + 32768");
        json.key("version").value(context.radmarkVersion);
        json.endObject();
        json.key("licenses").beginArray().endArray();
        json.key("images").beginArray();
        for (const CocoImage& image : document.images) {
            json.beginObject();
            json.key("id").value(image.id).key("file_name").value(image.fileName);
            json.key("width").value(image.width).key("height").value(image.height);
            json.key("series").value(image.seriesPseudonym).key("slice_number").value(image.sliceNumber);
            json.key("pixel_spacing_known").value(image.spacingKnown);
            json.key("spacing_mm");
            if (image.spacingKnown) {
                json.numbers(image.spacingMm);
            } else {
                json.null();
            }
            json.endObject();
        }
        json.endArray();
        json.key("categories").beginArray();
        for (const annotation::LesionType& type : context.lesionTypes.types()) {
            json.beginObject();
            json.key("id").value(static_cast<int>(&type - context.lesionTypes.types().data()) + 1);
            json.key("name").value(type.name).key("supercategory").value("lesion");
            json.key("radmark_code").value(type.code);
            json.key("keypoints").beginArray();
            for (const char* point : { "long_axis_start", "long_axis_end", "short_axis_start", "short_axis_end" }) {
                json.value(point);
            }
            json.endArray();
            json.key("skeleton").beginArray();
            json.numbers({ 1, 2 }).numbers({ 3, 4 });
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.key("annotations").beginArray();
        for (const CocoAnnotation& entry : document.annotations) {
            const annotation::LesionMark& mark = *entry.mark;
            const double x = entry.boxPx.x1 + kCornerOffsetPx;
            const double y = entry.boxPx.y1 + kCornerOffsetPx;
            const double width = entry.boxPx.x2 - entry.boxPx.x1;
            const double height = entry.boxPx.y2 - entry.boxPx.y1;
            json.beginObject();
            json.key("id").value(entry.id).key("image_id").value(entry.imageId);
            json.key("category_id").value(entry.categoryId);
            json.key("bbox").numbers({ x, y, width, height });
            json.key("area").value(width * height).key("iscrowd").value(0);
            json.key("shape").value(annotation::shapeKindName(mark.shape));
            json.key("mark_id").value(mark.id);
            if (const auto* recist = std::get_if<annotation::RecistMark>(&mark.shape)) {
                const auto point = [](const annotation::PixelPoint& p) {
                    return std::vector<double> { p.column + kCornerOffsetPx, p.row + kCornerOffsetPx, 2 };
                };
                std::vector<double> keypoints;
                for (const auto& p : { recist->longAxisPx.start, recist->longAxisPx.end, recist->shortAxisPx.start,
                         recist->shortAxisPx.end }) {
                    const auto values = point(p);
                    keypoints.insert(keypoints.end(), values.begin(), values.end());
                }
                json.key("keypoints").numbers(keypoints).key("num_keypoints").value(4);
                json.key("recist_px").beginObject();
                json.key("long_axis").value(annotation::lengthPx(recist->longAxisPx));
                json.key("short_axis").value(annotation::lengthPx(recist->shortAxisPx));
                json.endObject();
                json.key("recist_mm");
                if (entry.spacingKnown) {
                    const auto lengths = annotation::recistLengthsMm(*recist, mark.plane.spacing);
                    json.beginObject().key("long_axis").value(lengths.longAxisMm);
                    json.key("short_axis").value(lengths.shortAxisMm).endObject();
                } else {
                    json.null();
                }
            }
            if (const auto* box3d = std::get_if<annotation::Box3dMark>(&mark.shape)) {
                // In the exported volume: shifted when images before the mark's slice were left out.
                const int shift = entry.sliceNumber - 1 - mark.slice.sliceIndex;
                json.key("slice_range")
                    .numbers({ double(box3d->firstSliceIndex + shift + 1), double(box3d->lastSliceIndex + shift + 1) });
            }
            json.endObject();
        }
        json.endArray();
        json.endObject();
        writeExportTextFile(path, json.text());
        ++context.log.filesWritten[name()];
    }
};

} // namespace

std::unique_ptr<ExportFormat> makeCocoFormat()
{
    return std::make_unique<CocoFormat>();
}

} // namespace radmark::storage
