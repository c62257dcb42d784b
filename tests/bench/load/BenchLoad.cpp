// bench_load: loading a 512x512x400 CT series with RadMark against ITK and against reading the raw bytes,
// and the peak memory of a process that loads and renders it.
#include "ItkSeriesRead.h"
#include "LoadDataset.h"
#include "MemoryProbe.h"
#include "RawRead.h"

#include "../PerformanceReport.h"
#include "../Statistics.h"

#include "radmark/storage/imageio/SeriesLoader.h"

#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace radmark::bench {

namespace {

constexpr int timedRuns = 7;

std::string secondsText(const std::vector<double>& seconds)
{
    return formatNumber(median(seconds), 3) + " s";
}

std::string runsDetail(const std::vector<double>& seconds, std::uint64_t bytes)
{
    return formatNumber(static_cast<double>(bytes) / 1e6 / median(seconds), 0) + " MB/s of files; median of "
        + std::to_string(seconds.size()) + " runs (min " + formatNumber(minimum(seconds), 3) + ", max "
        + formatNumber(maximum(seconds), 3) + ")";
}

} // namespace

constexpr const char* profileFlag = "--profile-radmark";

// For `perf record bench_load --profile-radmark`: ten loads with RadMark only, nothing reported.
int runRadmarkLoadsOnly()
{
    const LoadDataset dataset = ensureLoadDataset(LoadDatasetSpec {});
    for (int run = 0; run < 10; ++run) {
        storage::loadSeriesFiles(dataset.filePaths);
    }
    return 0;
}

namespace {

int run(int argc, char** argv)
{
    const LoadDataset dataset = ensureLoadDataset(LoadDatasetSpec {});
    const double megabytes = 1024.0 * 1024.0;

    PerformanceReport report("load", "Series load: 512x512x400 CT (bench_load)", argc, argv);
    report.addNote("Data: " + std::to_string(dataset.filePaths.size()) + " uncompressed CT files, "
        + formatNumber(static_cast<double>(dataset.fileBytes) / megabytes, 1) + " MiB in `" + dataset.folder
        + "` (written by `storage::writeSyntheticSeries`; "
        + (dataset.generatedNow ? "generated in " + formatNumber(dataset.generationSeconds, 1) + " s"
                                : std::string("reused from an earlier run"))
        + "); voxels " + formatNumber(static_cast<double>(dataset.voxelBytes) / megabytes, 1) + " MiB as Int16.");
    report.addNote("Method: warm page cache (one untimed run of each reader first), then the median of "
        + std::to_string(timedRuns)
        + " timed runs. RadMark: `storage::loadSeriesFiles` (threads 0 = all "
          "cores). ITK: `GDCMSeriesFileNames` on the folder + `ImageSeriesReader<Image<short,3>>` with "
          "`GDCMImageIO`. Raw: `std::ifstream::read` of every file into one buffer, allocated per run like a "
          "loader's volume (first-touch page faults included) and, for reference, reused across runs.");

    const std::vector<double> radmarkSeconds = timeRuns(timedRuns, [&]() {
        const storage::LoadedSeries loaded = storage::loadSeriesFiles(dataset.filePaths);
        if (!loaded.volume || loaded.volume->byteCount() != dataset.voxelBytes) {
            throw std::runtime_error("loadSeriesFiles returned an unexpected volume size");
        }
    });
    const std::vector<double> itkSeconds = timeRuns(timedRuns, [&]() {
        if (readSeriesWithItk(dataset.folder) * 2u != dataset.voxelBytes) {
            throw std::runtime_error("ITK read an unexpected number of voxels");
        }
    });
    const std::vector<double> rawSeconds = timeRuns(timedRuns, [&]() {
        std::vector<char> buffer; // a new buffer each run, as a loader needs one
        readFilesIntoBuffer(dataset.filePaths, buffer);
    });
    std::vector<char> reusedBuffer; // already faulted in: a pure copy out of the page cache
    const std::vector<double> copySeconds
        = timeRuns(timedRuns, [&]() { readFilesIntoBuffer(dataset.filePaths, reusedBuffer); });
    reusedBuffer = {};

    report.addFigure(
        "`storage::loadSeriesFiles`", secondsText(radmarkSeconds), runsDetail(radmarkSeconds, dataset.fileBytes));
    report.addPeerFigure(
        "ITK ImageSeriesReader + GDCMImageIO", secondsText(itkSeconds), runsDetail(itkSeconds, dataset.fileBytes));
    report.addPeerFigure("Raw read of the files into one new buffer (the target's floor)", secondsText(rawSeconds),
        runsDetail(rawSeconds, dataset.fileBytes));
    report.addPeerFigure("Raw read into a reused, already faulted-in buffer (copy only)", secondsText(copySeconds),
        runsDetail(copySeconds, dataset.fileBytes));

    const double speedupOverItk = median(itkSeconds) / median(radmarkSeconds);
    const double timesRawRead = median(radmarkSeconds) / median(rawSeconds);
    report.addRatio("ITK time / RadMark time (RadMark speed-up over ITK)", speedupOverItk);
    report.addRatio("RadMark time / raw read time (new buffer)", timesRawRead);
    report.addRatio(
        "RadMark time / raw read time (reused buffer; no target)", median(radmarkSeconds) / median(copySeconds));
    report.addTarget({ "RadMark at least 3x faster than ITK", speedupOverItk, 3.0, true, "x" });
    report.addTarget({ "RadMark at most 2x the raw read", timesRawRead, 2.0, false, "x" });

    // (d) Peak memory of a fresh process that only loads the series and renders it.
    const MemoryProbeResult memory = measureLoadAndRenderMemory();
    const double budgetMib = static_cast<double>(dataset.voxelBytes) * 1.5 / megabytes + 200.0;
    if (memory.peakBytes == 0) {
        report.addFigure("Peak memory (VmHWM) after load + render", "n/a", memory.note);
    } else {
        const double peakMib = static_cast<double>(memory.peakBytes) / megabytes;
        report.addFigure("Peak memory (VmHWM) of `" + memory.command + "` after load + render",
            formatNumber(peakMib, 0) + " MiB", memory.note);
        report.addRatio("Peak memory / voxel bytes",
            static_cast<double>(memory.peakBytes) / static_cast<double>(dataset.voxelBytes));
        report.addTarget({ "Peak memory <= voxel bytes x 1.5 + 200 MiB (" + formatNumber(budgetMib, 0) + " MiB)",
            peakMib, budgetMib, false, "MiB" });
    }
    report.publish();
    return 0; // a MISS is a finding recorded in the document, not a failed test
}

} // namespace

} // namespace radmark::bench

int main(int argc, char** argv)
{
    try {
        if (argc > 1 && std::strcmp(argv[1], radmark::bench::memoryProbeFlag) == 0) {
            return radmark::bench::runMemoryProbeChild();
        }
        if (argc > 1 && std::strcmp(argv[1], radmark::bench::profileFlag) == 0) {
            return radmark::bench::runRadmarkLoadsOnly();
        }
        return radmark::bench::run(argc, argv);
    } catch (const std::exception& error) {
        std::cerr << "bench_load: " << error.what() << "\n";
        return 1;
    }
}
