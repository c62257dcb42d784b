// bench_export: `deeplesion` export of 1,000 annotated studies (small synthetic CT series), against
// two peers doing the same I/O: copying the bytes the export wrote (disk speed) and loading the same
// series with RadMark's loader and writing the same slices as 16-bit PNG with ITK (load + encoding).
#include "../PerformanceReport.h"
#include "../Statistics.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/dataset/DatasetExport.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <itkImage.h>
#include <itkImageFileWriter.h>
#include <itkPNGImageIO.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace radmark::bench {

namespace {

namespace fs = std::filesystem;
using namespace annotation;

constexpr int studyCount = 1000;
constexpr int columns = 128;
constexpr int rows = 128;
constexpr int slices = 8;
constexpr int patients = 400; // 2-3 studies per patient
const std::string benchFolder = "/tmp/radmark-bench-export";

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::uint64_t folderBytes(const std::string& folder, int& files)
{
    std::uint64_t bytes = 0;
    files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file()) {
            bytes += entry.file_size();
            ++files;
        }
    }
    return bytes;
}

// The project: 1,000 studies with one RECIST each, written and imported once per run.
std::vector<std::vector<std::string>> makeProject(const std::string& projectPath)
{
    std::vector<std::vector<std::string>> seriesFiles;
    auto project = storage::ProjectStore::open(projectPath, storage::ProjectStore::OpenMode::CreateIfMissing);
    const ImageGeometry geometry = ImageGeometry::regular(
        columns, rows, slices, 0.8, 0.8, { -51.2, -51.2, -10.0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 2.5 });
    std::vector<LesionMark> marks;
    AnnotationDocument document({ "bench", AuthorRole::Radiologist });
    for (int study = 0; study < studyCount; ++study) {
        storage::SyntheticSeriesSpec spec;
        spec.patientId = "BENCH-" + std::to_string(study % patients);
        spec.patientName = "Bench^" + std::to_string(study % patients);
        spec.accessionNumber = "BENCHACC" + std::to_string(study);
        spec.institutionName = "Site " + std::to_string(study % 5);
        spec.columns = columns;
        spec.rows = rows;
        spec.slices = slices;
        spec.columnSpacingMm = spec.rowSpacingMm = 0.8;
        spec.firstSlicePositionLpsMm = { -51.2, -51.2, -10.0 };
        spec.sliceStepLpsMm = { 0, 0, 2.5 };
        spec.shuffleInstanceNumbers = false;
        const auto written = storage::writeSyntheticSeries(spec, benchFolder + "/dicom/" + std::to_string(study));
        seriesFiles.push_back(written.filePaths);
        const int k = study % slices;
        LesionMark mark;
        mark.id = document.newMarkId();
        mark.slice = { written.seriesInstanceUid, written.sopInstanceUids[k], 0, k };
        mark.plane = SlicePlane::fromGeometry(geometry, k);
        const double centre = 40.0 + study % 40;
        mark.shape = *makeRecist({ { centre - 10, centre }, { centre + 10, centre } },
            { { centre, centre - 6 }, { centre, centre + 6 } }, mark.plane)
                          .mark;
        mark.lesionType = 1 + study % 8;
        mark.author = document.currentAuthor();
        marks.push_back(mark);
    }
    storage::importPaths(*project, { benchFolder + "/dicom" });
    storage::MarkStore store(*project);
    DocumentChange change;
    for (const LesionMark& mark : marks) {
        change.added.push_back(mark.id);
    }
    document.reset(marks);
    change.history = HistoryEntry {};
    store.applyChange(change, document);
    return seriesFiles;
}

// Peer: the same slices (DeepLesion writes the key slice +- 30 mm: all 8 here) loaded with RadMark's
// loader and written with ITK's PNG writer.
void itkPeer(const std::vector<std::vector<std::string>>& seriesFiles, const std::string& out)
{
    using Slice = itk::Image<std::uint16_t, 2>;
    auto writer = itk::ImageFileWriter<Slice>::New();
    writer->SetImageIO(itk::PNGImageIO::New());
    for (std::size_t index = 0; index < seriesFiles.size(); ++index) {
        const storage::LoadedSeries loaded = storage::loadSeriesFiles(seriesFiles[index]);
        const ImageVolume& volume = *loaded.volume;
        const std::string folder = out + "/" + std::to_string(index);
        fs::create_directories(folder);
        for (int k = 0; k < volume.geometry().slices; ++k) {
            auto slice = Slice::New();
            Slice::RegionType region;
            region.SetSize({ static_cast<itk::SizeValueType>(columns), static_cast<itk::SizeValueType>(rows) });
            slice->SetRegions(region);
            slice->Allocate();
            const auto* values = static_cast<const std::int16_t*>(volume.sliceData(k));
            std::uint16_t* target = slice->GetBufferPointer();
            for (int voxel = 0; voxel < columns * rows; ++voxel) {
                target[voxel] = static_cast<std::uint16_t>(values[voxel] + 32768);
            }
            char name[32];
            std::snprintf(name, sizeof name, "/%03d.png", k + 1);
            writer->SetFileName(folder + name);
            writer->SetInput(slice);
            writer->Update();
        }
    }
}

int run(int argc, char** argv)
{
    PerformanceReport report("export", "Exporting 1,000 annotated studies to deeplesion", argc, argv);
    fs::remove_all(benchFolder);
    fs::create_directories(benchFolder);
    const std::string projectPath = benchFolder + "/bench.radmark";
    const auto prepareStart = std::chrono::steady_clock::now();
    const auto seriesFiles = makeProject(projectPath);
    const double prepareSeconds = secondsSince(prepareStart);
    auto project = storage::ProjectStore::open(projectPath, storage::ProjectStore::OpenMode::ReadOnly);

    std::vector<double> exportSeconds;
    std::vector<double> copySeconds;
    std::vector<double> itkSeconds;
    std::uint64_t bytes = 0;
    int files = 0;
    for (int repeat = 0; repeat < 3; ++repeat) {
        const std::string out = benchFolder + "/dataset";
        fs::remove_all(out);
        storage::ExportRequest request;
        request.formats = { "deeplesion" };
        request.outputDir = out;
        request.split.seed = 1;
        request.identity.salt = "bench";
        request.commandLine = "bench_export";
        const auto exportStart = std::chrono::steady_clock::now();
        const storage::ExportOutcome outcome = storage::runDatasetExport(*project, request);
        exportSeconds.push_back(secondsSince(exportStart));
        if (outcome.studies != studyCount || outcome.marks != studyCount) {
            throw std::runtime_error("exported " + std::to_string(outcome.studies) + " studies, "
                + std::to_string(outcome.marks) + " marks");
        }
        bytes = folderBytes(out, files);

        const std::string copy = benchFolder + "/copy";
        fs::remove_all(copy);
        const auto copyStart = std::chrono::steady_clock::now();
        fs::copy(out, copy, fs::copy_options::recursive);
        copySeconds.push_back(secondsSince(copyStart));

        const std::string itk = benchFolder + "/itk";
        fs::remove_all(itk);
        const auto itkStart = std::chrono::steady_clock::now();
        itkPeer(seriesFiles, itk);
        itkSeconds.push_back(secondsSince(itkStart));
    }
    const double exportMedian = median(exportSeconds);
    const double copyMedian = median(copySeconds);
    const double itkMedian = median(itkSeconds);
    const double megabytes = static_cast<double>(bytes) / 1e6;

    report.addNote("Data: " + std::to_string(studyCount) + " synthetic CT studies of " + std::to_string(patients)
        + " patients, one series of " + std::to_string(slices) + " slices of " + std::to_string(columns) + "x"
        + std::to_string(rows) + " each (small series, stated), one RECIST per series; written and imported in "
        + formatNumber(prepareSeconds, 1) + " s (not timed).");
    report.addNote("Timed: runDatasetExport --format deeplesion (read the project, pseudonymise, split, load every "
                   "annotated series from DICOM, write key +- 30 mm slices as 16-bit PNG, DL_info.csv, dataset card, "
                   "rename into place). Median of 3 runs, warm page cache.");
    report.addFigure("deeplesion export", formatNumber(exportMedian, 2) + " s",
        std::to_string(files) + " files, " + formatNumber(megabytes, 1) + " MB, "
            + formatNumber(studyCount / exportMedian, 0) + " studies/s");
    report.addPeerFigure("Copy of the exported files (std::filesystem::copy)", formatNumber(copyMedian, 2) + " s",
        "disk speed for the same bytes");
    report.addPeerFigure("Load the same series + write the same PNGs with ITK PNGImageIO",
        formatNumber(itkMedian, 2) + " s", "the same work through ITK's PNG writer");
    report.addRatio("export time / copy time", exportMedian / copyMedian);
    report.addRatio("export time / ITK load + PNG time", exportMedian / itkMedian);
    report.addTarget({ "deeplesion export no slower than loading + encoding the same slices with ITK (ratio <= 1.0)",
        exportMedian / itkMedian, 1.0, false, "x" });
    report.addFinding(
        "Where the time goes: the export decodes 8,000 DICOM files and encodes 8,000 PNGs (libpng, zlib level"
        " 1, SUB filter; series in parallel, one per core); the copy peer only moves the 6 MB written, so the"
        " copy ratio is the decoding and encoding cost, not I/O. The ITK peer loads the series one after "
        "another (each load on all cores) and encodes at ITK's default zlib level, so part of the ratio to "
        "ITK is RadMark's series-level parallelism, not only a faster encoder.");
    report.publish();
    project.reset();
    fs::remove_all(benchFolder);
    return 0;
}

} // namespace

} // namespace radmark::bench

int main(int argc, char** argv)
{
    return radmark::bench::runBenchmarkMain("bench_export", radmark::bench::run, argc, argv);
}
