// `deeplesion`: NIH DeepLesion's DL_info.csv (18 columns, its conventions) and the key and context
// slices as 16-bit PNG (HU + 32768) in Images_png/PPPPPP_SS_NN/KKK.png.
#include "dataset/BuiltInFormats.h"
#include "dataset/ExportFiles.h"
#include "dataset/ExportSeriesVolume.h"
#include "dataset/Png16Writer.h"
#include "radmark/annotation/DeepLesionRow.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/dataset/ExportFormatRegistry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <set>
#include <thread>

namespace radmark::storage {

namespace {

// DeepLesion released the key slice with the slices within 30 mm above and below it.
constexpr double kContextMm = 30.0;

std::array<double, 2> dicomWindowMinMax(const ExportSeries& series, const annotation::ImageVolume& volume)
{
    for (const InstanceRecord& instance : series.instances) {
        if (!instance.windowCenters.empty() && !instance.windowWidths.empty()) {
            const double centre = instance.windowCenters.front();
            const double width = instance.windowWidths.front();
            return { centre - width / 2.0, centre + width / 2.0 };
        }
    }
    const annotation::WindowLevel window = volume.defaultWindow();
    return { window.level - window.width / 2.0, window.level + window.width / 2.0 };
}

std::string threeDigits(int number)
{
    char text[16];
    std::snprintf(text, sizeof text, "%03d", number);
    return text;
}

class DeepLesionFormat : public ProgressReportingFormat {
public:
    std::string name() const override { return "deeplesion"; }

    void write(ExportContext& context) override
    {
        const std::string folder = context.outputDir + "/deeplesion";
        createExportFolder(folder + "/Images_png");
        const auto numbering = numberAnnotatedSeries(context.studies, context.identity);
        const std::vector<AnnotatedExportSeries> jobs = annotatedSeriesInOrder(context.studies, numbering);
        // Series are loaded and encoded in parallel, one per core (each loads on one thread), in batches
        // whose results are merged in series order, so the output does not depend on timing.
        const std::size_t threads = std::max(1u, std::thread::hardware_concurrency());
        std::vector<annotation::DeepLesionRow> rows;
        for (std::size_t begin = 0; begin < jobs.size(); begin += threads) {
            const std::size_t count = std::min(threads, jobs.size() - begin);
            std::vector<SeriesResult> results(count);
            std::vector<std::exception_ptr> errors(count);
            std::vector<std::thread> workers;
            for (std::size_t index = 0; index < count; ++index) {
                workers.emplace_back([&, index] {
                    const AnnotatedExportSeries& job = jobs[begin + index];
                    try {
                        writeSeries(
                            context, *job.study, *job.series, *job.number, folder, count > 1 ? 1u : 0u, results[index]);
                    } catch (...) {
                        errors[index] = std::current_exception();
                    }
                });
            }
            for (std::thread& worker : workers) {
                worker.join();
            }
            for (std::size_t index = 0; index < count; ++index) {
                if (errors[index]) {
                    std::rethrow_exception(errors[index]);
                }
                SeriesResult& result = results[index];
                rows.insert(rows.end(), result.rows.begin(), result.rows.end());
                context.log.excluded.insert(
                    context.log.excluded.end(), result.log.excluded.begin(), result.log.excluded.end());
                context.log.warnings.insert(
                    context.log.warnings.end(), result.log.warnings.begin(), result.log.warnings.end());
                context.log.filesWritten[name()] += result.files;
            }
            reportProgress(static_cast<int>(begin + count), static_cast<int>(jobs.size()));
        }
        std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
            return a.fileName != b.fileName ? a.fileName < b.fileName
                                            : a.measurementCoordinates < b.measurementCoordinates;
        });
        std::string csv = annotation::DeepLesionRow::header() + "\n";
        for (const auto& row : rows) {
            csv += row.format() + "\n";
        }
        writeExportTextFile(folder + "/DL_info.csv", csv);
        ++context.log.filesWritten[name()];
    }

private:
    // What one series adds; written by one worker thread.
    struct SeriesResult {
        std::vector<annotation::DeepLesionRow> rows;
        ExportLog log;
        int files = 0;
    };

    // Runs on a worker thread: reads `context` (its identity is thread-safe), writes only `result`.
    void writeSeries(ExportContext& context, const ExportStudy& study, const ExportSeries& series,
        const SeriesNumbering& number, const std::string& folder, unsigned loadThreads, SeriesResult& result)
    {
        std::vector<annotation::DeepLesionRow>& rows = result.rows;
        ExportLog& log = result.log;
        const std::string seriesName = "series " + context.identity.uid(series.series.seriesUid);
        std::vector<const annotation::LesionMark*> recists;
        for (const annotation::LesionMark& mark : series.marks) {
            if (std::holds_alternative<annotation::RecistMark>(mark.shape)) {
                recists.push_back(&mark);
            }
        }
        if (recists.size() < series.marks.size()) {
            log.warnings.push_back("deeplesion: " + seriesName + ": "
                + std::to_string(series.marks.size() - recists.size())
                + " line/box mark(s) not in DL_info.csv (DeepLesion holds RECIST only)");
        }
        if (recists.empty()) {
            return;
        }
        const std::optional<ExportSeriesVolume> readable
            = loadExportSeriesVolumeOrExclude(series, "deeplesion", log, loadThreads);
        if (!readable) {
            return;
        }
        const ExportSeriesVolume& volume = *readable;
        const annotation::ImageGeometry& geometry = volume.volume().geometry();
        const bool spacingKnown = hasPixelSpacing(series) && geometry.pixelSpacingKnown;
        const int halfRange = std::max(1, static_cast<int>(std::lround(kContextMm / geometry.sliceSpacingMm)));
        const auto window = dicomWindowMinMax(series, volume.volume());
        const std::string age = context.identity.keepsPatientAge() ? patientAgeYears(study) : std::string();
        const std::string sex = context.identity.keepsPatientSex() ? patientSexCode(study) : std::string();

        std::vector<std::pair<const annotation::LesionMark*, int>> placed;
        int firstKey = geometry.slices;
        int lastKey = -1;
        for (const annotation::LesionMark* mark : recists) {
            const auto k = volume.sliceOf(*mark);
            if (!k) {
                log.warnings.push_back(
                    "deeplesion: " + seriesName + ": mark " + mark->id + " is on an image that is not exported");
                continue;
            }
            placed.emplace_back(mark, *k);
            firstKey = std::min(firstKey, *k);
            lastKey = std::max(lastKey, *k);
        }
        if (placed.empty()) {
            return;
        }
        const int rangeFirst = std::max(0, firstKey - halfRange);
        const int rangeLast = std::min(geometry.slices - 1, lastKey + halfRange);
        for (const auto& [mark, k] : placed) {
            const auto& recist = std::get<annotation::RecistMark>(mark->shape);
            annotation::DeepLesionRow row;
            row.fileName = number.stem + "_" + threeDigits(k + 1) + ".png";
            row.patientIndex = number.patientIndex;
            row.studyIndex = number.studyIndex;
            row.seriesId = number.seriesIndex;
            row.keySliceIndex = k + 1;
            row.measurementCoordinates = { recist.longAxisPx.start.column, recist.longAxisPx.start.row,
                recist.longAxisPx.end.column, recist.longAxisPx.end.row, recist.shortAxisPx.start.column,
                recist.shortAxisPx.start.row, recist.shortAxisPx.end.column, recist.shortAxisPx.end.row };
            row.boundingBox = series.recistBox(*mark, recist);
            row.lesionDiametersPx
                = { annotation::lengthPx(recist.longAxisPx), annotation::lengthPx(recist.shortAxisPx) };
            row.normalizedLesionLocation = normalizedLesionLocation(volume.volume(), k,
                (row.boundingBox.x1 + row.boundingBox.x2) / 2.0, (row.boundingBox.y1 + row.boundingBox.y2) / 2.0);
            row.coarseLesionType = mark->lesionType;
            row.possiblyNoisy = 0;
            row.sliceRange = { rangeFirst + 1, rangeLast + 1 };
            // 0 marks an unknown in-plane spacing: the coordinates are pixels either way.
            row.spacingMmPerPx = { spacingKnown ? geometry.columnSpacingMm : 0.0,
                spacingKnown ? geometry.rowSpacingMm : 0.0, geometry.sliceSpacingMm };
            row.imageSize = { geometry.columns, geometry.rows };
            row.dicomWindowHu = window;
            row.patientGender = sex;
            row.patientAge = age;
            row.trainValTest = splitNumber(study.split);
            rows.push_back(row);
        }
        if (!spacingKnown) {
            log.warnings.push_back("deeplesion: " + seriesName
                + " has no pixel spacing: measurements in pixels only, Spacing_mm_px_ x and y written as 0");
        }
        const std::string imageFolder = folder + "/Images_png/" + number.stem;
        createExportFolder(imageFolder);
        for (int k = rangeFirst; k <= rangeLast; ++k) {
            const auto pixels = offsetHuSlice(volume.volume(), k);
            writePng16(imageFolder + "/" + threeDigits(k + 1) + ".png", pixels.data(), geometry.columns, geometry.rows);
            ++result.files;
        }
    }
};

} // namespace

std::array<double, 3> normalizedLesionLocation(const annotation::ImageVolume& volume, int k, double column, double row)
{
    const annotation::ImageGeometry& geometry = volume.geometry();
    int minI = geometry.columns, maxI = -1, minJ = geometry.rows, maxJ = -1;
    for (int j = 0; j < geometry.rows; ++j) {
        for (int i = 0; i < geometry.columns; ++i) {
            if (volume.valueAt(i, j, k) > -500.0) {
                minI = std::min(minI, i);
                maxI = std::max(maxI, i);
                minJ = std::min(minJ, j);
                maxJ = std::max(maxJ, j);
            }
        }
    }
    if (maxI <= minI || maxJ <= minJ) {
        minI = 0;
        maxI = geometry.columns - 1;
        minJ = 0;
        maxJ = geometry.rows - 1;
    }
    const auto relative = [](double value, int low, int high) {
        return high > low ? (value - low) / static_cast<double>(high - low) : 0.0;
    };
    return { relative(column, minI, maxI), relative(row, minJ, maxJ),
        geometry.slices > 1 ? static_cast<double>(k) / (geometry.slices - 1) : 0.0 };
}

std::unique_ptr<ExportFormat> makeDeepLesionFormat()
{
    return std::make_unique<DeepLesionFormat>();
}

} // namespace radmark::storage
