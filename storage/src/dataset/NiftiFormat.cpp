// `nifti`: per annotated series nifti/STEM/image.nii.gz (values as loaded, CT in HU), label.nii.gz
// (uint16, on the same grid: value n = the n-th entry of marks.json) and marks.json (every mark in
// voxel and LPS mm, the RAS affine). ITK writes the NIfTI qform/sform, converting its LPS geometry to
// NIfTI's RAS.
#include "dataset/BuiltInFormats.h"
#include "dataset/ExportFiles.h"
#include "dataset/ExportSeriesVolume.h"
#include "radmark/annotation/JsonWriter.h"
#include "radmark/annotation/Overloaded.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/dataset/ExportFormatRegistry.h"
#include "radmark/storage/project/ProjectError.h"

#include <itkImage.h>
#include <itkImageFileWriter.h>
#include <itkImportImageFilter.h>
#include <itkNiftiImageIO.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace radmark::storage {

namespace {

using annotation::ImageGeometry;
using annotation::Vector3;

template <typename Pixel> void writeNifti(const std::string& path, const ImageGeometry& geometry, const Pixel* voxels)
{
    using Image = itk::Image<Pixel, 3>;
    auto image = Image::New();
    typename Image::RegionType region;
    region.SetSize({ static_cast<itk::SizeValueType>(geometry.columns), static_cast<itk::SizeValueType>(geometry.rows),
        static_cast<itk::SizeValueType>(geometry.slices) });
    image->SetRegions(region);
    const Vector3& origin = geometry.sliceOriginsLpsMm.front();
    typename Image::PointType itkOrigin;
    itkOrigin[0] = origin.x;
    itkOrigin[1] = origin.y;
    itkOrigin[2] = origin.z;
    image->SetOrigin(itkOrigin);
    typename Image::SpacingType spacing;
    spacing[0] = geometry.columnSpacingMm;
    spacing[1] = geometry.rowSpacingMm;
    spacing[2] = geometry.sliceSpacingMm;
    image->SetSpacing(spacing);
    typename Image::DirectionType direction;
    const Vector3 stack = geometry.stackDirectionLps();
    const Vector3 columns[3] = { geometry.rowDirectionLps, geometry.columnDirectionLps, stack };
    for (int column = 0; column < 3; ++column) {
        direction[0][column] = columns[column].x;
        direction[1][column] = columns[column].y;
        direction[2][column] = columns[column].z;
    }
    image->SetDirection(direction);
    image->Allocate();
    std::memcpy(image->GetBufferPointer(), voxels, geometry.voxelCount() * sizeof(Pixel));
    auto writer = itk::ImageFileWriter<Image>::New();
    writer->SetImageIO(itk::NiftiImageIO::New());
    writer->SetFileName(path);
    writer->SetInput(image);
    writer->UseCompressionOn();
    try {
        writer->Update();
    } catch (const itk::ExceptionObject& error) {
        throw ProjectError(path + ": cannot write the NIfTI file (" + error.GetDescription() + ")");
    }
}

// Voxel centres inside [x1, x2] x [y1, y2] on slice k.
void fillBox(std::vector<std::uint16_t>& labels, const ImageGeometry& geometry, const annotation::PixelBox& box, int k,
    std::uint16_t value)
{
    if (k < 0 || k >= geometry.slices) {
        return;
    }
    const int i1 = std::max(0, static_cast<int>(std::ceil(box.x1)));
    const int i2 = std::min(geometry.columns - 1, static_cast<int>(std::floor(box.x2)));
    const int j1 = std::max(0, static_cast<int>(std::ceil(box.y1)));
    const int j2 = std::min(geometry.rows - 1, static_cast<int>(std::floor(box.y2)));
    for (int j = j1; j <= j2; ++j) {
        for (int i = i1; i <= i2; ++i) {
            labels[(static_cast<std::size_t>(k) * geometry.rows + j) * geometry.columns + i] = value;
        }
    }
}

void drawSegment(std::vector<std::uint16_t>& labels, const ImageGeometry& geometry,
    const annotation::PixelSegment& segment, int k, std::uint16_t value)
{
    const double length = annotation::lengthPx(segment);
    const int steps = std::max(1, static_cast<int>(std::ceil(length * 4.0)));
    for (int step = 0; step <= steps; ++step) {
        const double t = static_cast<double>(step) / steps;
        const int i
            = static_cast<int>(std::lround(segment.start.column + t * (segment.end.column - segment.start.column)));
        const int j = static_cast<int>(std::lround(segment.start.row + t * (segment.end.row - segment.start.row)));
        if (i >= 0 && j >= 0 && i < geometry.columns && j < geometry.rows && k >= 0 && k < geometry.slices) {
            labels[(static_cast<std::size_t>(k) * geometry.rows + j) * geometry.columns + i] = value;
        }
    }
}

annotation::PixelBox endpointBox(const annotation::RecistMark& recist)
{
    const annotation::PixelPoint points[4]
        = { recist.longAxisPx.start, recist.longAxisPx.end, recist.shortAxisPx.start, recist.shortAxisPx.end };
    annotation::PixelBox box { points[0].column, points[0].row, points[0].column, points[0].row };
    for (const auto& point : points) {
        box.x1 = std::min(box.x1, point.column);
        box.y1 = std::min(box.y1, point.row);
        box.x2 = std::max(box.x2, point.column);
        box.y2 = std::max(box.y2, point.row);
    }
    return box;
}

void pointJson(annotation::JsonWriter& json, const ImageGeometry& geometry, const annotation::PixelPoint& point, int k)
{
    const Vector3 lps = geometry.voxelToPatient({ point.column, point.row, static_cast<double>(k) });
    json.beginObject();
    json.key("voxel").numbers({ point.column, point.row, static_cast<double>(k) });
    json.key("lps_mm").numbers({ lps.x, lps.y, lps.z });
    json.endObject();
}

class NiftiFormat : public ProgressReportingFormat {
public:
    std::string name() const override { return "nifti"; }

    void write(ExportContext& context) override
    {
        const auto numbering = numberAnnotatedSeries(context.studies, context.identity);
        int done = 0;
        for (const AnnotatedExportSeries& annotated : annotatedSeriesInOrder(context.studies, numbering)) {
            writeSeries(
                context, *annotated.study, *annotated.series, context.outputDir + "/nifti/" + annotated.number->stem);
            reportProgress(++done, static_cast<int>(numbering.size()));
        }
    }

private:
    void writeSeries(
        ExportContext& context, const ExportStudy& study, const ExportSeries& series, const std::string& folder)
    {
        const std::string seriesPseudonym = context.identity.uid(series.series.seriesUid);
        const std::optional<ExportSeriesVolume> readable
            = loadExportSeriesVolumeOrExclude(series, "nifti", context.log);
        if (!readable) {
            return;
        }
        const ExportSeriesVolume& loaded = *readable;
        const annotation::ImageVolume& volume = loaded.volume();
        const ImageGeometry& geometry = volume.geometry();
        if (volume.voxelType() == annotation::VoxelType::Rgb8) {
            context.log.warnings.push_back("nifti: series " + seriesPseudonym + " is colour; not exported");
            return;
        }
        const bool regular = loaded.loaded.stackReport.warnings().empty();
        if (!regular) {
            context.log.warnings.push_back("nifti: series " + seriesPseudonym
                + " is tilted or unevenly spaced; NIfTI holds it on a regular grid from its "
                  "first slice (marks.json keeps the true LPS positions)");
        }
        const bool spacingKnown = hasPixelSpacing(series) && geometry.pixelSpacingKnown;
        createExportFolder(folder);
        switch (volume.voxelType()) {
        case annotation::VoxelType::Int16:
            writeNifti(folder + "/image.nii.gz", geometry, static_cast<const std::int16_t*>(volume.data()));
            break;
        case annotation::VoxelType::UInt16:
            writeNifti(folder + "/image.nii.gz", geometry, static_cast<const std::uint16_t*>(volume.data()));
            break;
        default:
            writeNifti(folder + "/image.nii.gz", geometry, static_cast<const float*>(volume.data()));
            break;
        }

        std::vector<std::uint16_t> labels(geometry.voxelCount(), 0);
        annotation::JsonWriter json;
        json.beginObject();
        json.key("image").value("image.nii.gz").key("label").value("label.nii.gz");
        json.key("series").value(seriesPseudonym).key("study").value(context.identity.uid(study.study.studyUid));
        json.key("patient").value(context.identity.patientId(study.patient.patientId));
        json.key("split").value(study.split);
        json.key("modality").value(series.series.modality);
        json.key("size_voxels").numbers({ double(geometry.columns), double(geometry.rows), double(geometry.slices) });
        json.key("spacing_mm").numbers({ geometry.columnSpacingMm, geometry.rowSpacingMm, geometry.sliceSpacingMm });
        json.key("pixel_spacing_known").value(spacingKnown);
        json.key("regular_grid").value(regular);
        json.key("voxel_coordinates").value("i column, j row, k slice; (0,0,0) is the centre of the first voxel");
        const Vector3 stack = geometry.stackDirectionLps();
        const Vector3 axes[3] = { geometry.rowDirectionLps * geometry.columnSpacingMm,
            geometry.columnDirectionLps * geometry.rowSpacingMm, stack * geometry.sliceSpacingMm };
        const Vector3 origin = geometry.sliceOriginsLpsMm.front();
        json.key("affine_ras").beginArray();
        const double signs[3] = { -1.0, -1.0, 1.0 };
        for (int row = 0; row < 3; ++row) {
            const auto component = [row](const Vector3& v) { return row == 0 ? v.x : row == 1 ? v.y : v.z; };
            json.numbers({ signs[row] * component(axes[0]), signs[row] * component(axes[1]),
                signs[row] * component(axes[2]), signs[row] * component(origin) });
        }
        json.numbers({ 0, 0, 0, 1 });
        json.endArray();
        json.key("marks").beginArray();
        std::uint16_t labelValue = 0;
        for (const annotation::LesionMark& mark : series.marks) {
            const auto k = loaded.sliceOf(mark);
            if (!k) {
                context.log.warnings.push_back(
                    "nifti: series " + seriesPseudonym + ": mark " + mark.id + " is on an image that is not exported");
                continue;
            }
            ++labelValue;
            json.beginObject();
            json.key("label_value").value(static_cast<int>(labelValue)).key("id").value(mark.id);
            json.key("shape").value(annotation::shapeKindName(mark.shape));
            json.key("lesion_type").value(mark.lesionType);
            json.key("lesion_type_name").value(context.lesionTypes.nameOf(mark.lesionType).value_or(""));
            json.key("slice_index").value(*k);
            json.key("author_role").value(annotation::authorRoleName(mark.author.role));
            // Both box shapes: the box filled on each of its slices of the exported volume.
            const auto boxOnSlices = [&](const annotation::PixelBox& box, int first, int last) {
                for (int slice = first; slice <= last; ++slice) {
                    fillBox(labels, geometry, box, slice, labelValue);
                }
                json.key("box_voxel").numbers({ box.x1, box.y1, double(first), box.x2, box.y2, double(last) });
                const Vector3 low = geometry.voxelToPatient({ box.x1, box.y1, double(first) });
                const Vector3 high = geometry.voxelToPatient({ box.x2, box.y2, double(last) });
                json.key("box_corners_lps_mm").beginArray();
                json.numbers({ low.x, low.y, low.z }).numbers({ high.x, high.y, high.z });
                json.endArray();
            };
            std::visit(
                annotation::Overloaded {
                    [&](const annotation::RecistMark& recist) {
                        const auto lengths = annotation::recistLengthsMm(recist, mark.plane.spacing);
                        json.key("long_axis").beginArray();
                        pointJson(json, geometry, recist.longAxisPx.start, *k);
                        pointJson(json, geometry, recist.longAxisPx.end, *k);
                        json.endArray();
                        json.key("short_axis").beginArray();
                        pointJson(json, geometry, recist.shortAxisPx.start, *k);
                        pointJson(json, geometry, recist.shortAxisPx.end, *k);
                        json.endArray();
                        json.key("long_axis_px").value(annotation::lengthPx(recist.longAxisPx));
                        json.key("short_axis_px").value(annotation::lengthPx(recist.shortAxisPx));
                        json.key("long_axis_mm")
                            .optionalNumber(spacingKnown ? std::optional<double>(lengths.longAxisMm) : std::nullopt);
                        json.key("short_axis_mm")
                            .optionalNumber(spacingKnown ? std::optional<double>(lengths.shortAxisMm) : std::nullopt);
                        // A box derived from this RECIST is the same lesion: its box labels the lesion's voxels.
                        const auto derived = series.derivedBoxes.find(mark.id);
                        const annotation::PixelBox box
                            = derived != series.derivedBoxes.end() ? derived->second : endpointBox(recist);
                        fillBox(labels, geometry, box, *k, labelValue);
                        json.key("label_box_voxel").numbers({ box.x1, box.y1, double(*k), box.x2, box.y2, double(*k) });
                    },
                    [&](const annotation::LineMark& line) {
                        json.key("segment").beginArray();
                        pointJson(json, geometry, line.segmentPx.start, *k);
                        pointJson(json, geometry, line.segmentPx.end, *k);
                        json.endArray();
                        json.key("length_mm")
                            .optionalNumber(spacingKnown
                                    ? std::optional<double>(annotation::lengthMm(line.segmentPx, mark.plane.spacing))
                                    : std::nullopt);
                        drawSegment(labels, geometry, line.segmentPx, *k, labelValue);
                    },
                    [&](const annotation::Box2dMark& box2d) { boxOnSlices(box2d.boxPx, *k, *k); },
                    [&](const annotation::Box3dMark& box3d) {
                        const int shift = *k - mark.slice.sliceIndex; // when images before it were left out
                        boxOnSlices(box3d.boxPx, std::max(0, box3d.firstSliceIndex + shift),
                            std::min(geometry.slices - 1, box3d.lastSliceIndex + shift));
                    },
                },
                mark.shape);
            json.endObject();
        }
        json.endArray();
        json.endObject();
        writeNifti(folder + "/label.nii.gz", geometry, labels.data());
        writeExportTextFile(folder + "/marks.json", json.text());
        context.log.filesWritten[name()] += 3;
    }
};

} // namespace

std::unique_ptr<ExportFormat> makeNiftiFormat()
{
    return std::make_unique<NiftiFormat>();
}

} // namespace radmark::storage
