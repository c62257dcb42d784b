// bench_import: files per second of RadMark's import against gdcmscanner on a 20,000-file CT data set.
#include "ImportDataset.h"

#include "../ChildProcess.h"
#include "../PerformanceReport.h"
#include "../Statistics.h"

#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <sys/resource.h>

#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace radmark::bench {

namespace {

namespace fs = std::filesystem;

constexpr int scannerRuns = 5;
constexpr int importRuns = 5;
const std::string projectFolder = "/tmp/radmark-bench-import-projects";

void removeProject(const std::string& path)
{
    for (const char* suffix : { "", "-wal", "-shm", "-journal" }) {
        fs::remove(path + suffix);
    }
}

// One import into `projectPath`; throws unless every file was imported (or found unchanged).
storage::ImportSummary importOnce(const std::string& projectPath, const std::string& folder, unsigned threads)
{
    auto project = storage::ProjectStore::open(projectPath, storage::ProjectStore::OpenMode::CreateIfMissing);
    storage::ImportOptions options;
    options.threads = threads;
    storage::ImportSummary summary = storage::importPaths(*project, { folder }, options);
    if (summary.progress.filesSkipped != 0 || summary.cancelled) {
        throw std::runtime_error("import skipped " + std::to_string(summary.progress.filesSkipped) + " files");
    }
    return summary;
}

// Median seconds of a fresh import (new project file each run, closed at the end of the run); the CPU seconds
// of the timed runs go to `cpu`.
std::vector<double> timeFreshImports(
    const std::string& folder, unsigned threads, std::size_t expectedFiles, std::vector<double>& cpu)
{
    int runIndex = 0;
    cpu.clear();
    std::vector<double> seconds = timeRuns(importRuns, [&]() {
        const std::string path
            = projectFolder + "/fresh-" + std::to_string(threads) + "-" + std::to_string(runIndex++) + ".radmark";
        removeProject(path);
        const double cpuBefore = cpuSeconds(RUSAGE_SELF);
        const storage::ImportSummary summary = importOnce(path, folder, threads);
        cpu.push_back(cpuSeconds(RUSAGE_SELF) - cpuBefore);
        if (summary.progress.filesImported != expectedFiles) {
            throw std::runtime_error("imported " + std::to_string(summary.progress.filesImported) + " of "
                + std::to_string(expectedFiles) + " files");
        }
        removeProject(path);
    });
    cpu.erase(cpu.begin()); // the untimed warm-up run
    return seconds;
}

int run(int argc, char** argv)
{
    const ImportDatasetSpec spec;
    const ImportDataset dataset = ensureImportDataset(spec);
    const std::size_t files = dataset.fileCount;
    fs::create_directories(projectFolder);

    PerformanceReport report("import", "Import: indexing 20,000 DICOM files (bench_import)", argc, argv);
    report.addNote("Data: " + std::to_string(files) + " files, "
        + formatNumber(static_cast<double>(dataset.totalBytes) / 1e6, 1) + " MB in " + std::to_string(spec.seriesCount)
        + " folders under `" + dataset.folder + "` (" + std::to_string(spec.seriesCount) + " CT series x "
        + std::to_string(spec.slicesPerSeries) + " slices of " + std::to_string(spec.matrixSize) + "x"
        + std::to_string(spec.matrixSize) + ", written by `storage::writeSyntheticSeries`, distinct UIDs; "
        + (dataset.generatedNow ? "generated in " + formatNumber(dataset.generationSeconds, 1) + " s"
                                : std::string("reused from an earlier run"))
        + ").");
    report.addNote("Method: warm page cache (one untimed run first), then the median of the timed runs. "
                   "RadMark: `ProjectStore::open` of a new project file + `storage::importPaths` + close, "
                   "i.e. the full index committed to SQLite.");

    // (a) the peer: gdcmscanner reading 4 tags of every file.
    const std::string scanner = findProgram("gdcmscanner");
    double scannerFilesPerSecond = 0.0;
    double scannerCpuSeconds = 0.0;
    if (scanner.empty()) {
        report.addPeerFigure("gdcmscanner", "n/a", "not installed (Debian package libgdcm-tools); no ratio");
    } else {
        const std::vector<std::string> command = { scanner, "-d", dataset.folder, "-r", "-t", "0020,000d", "-t",
            "0020,000e", "-t", "0008,0018", "-t", "0020,0032" };
        std::vector<double> seconds;
        std::vector<double> cpu;
        for (int runIndex = 0; runIndex <= scannerRuns; ++runIndex) {
            const double cpuBefore = cpuSeconds(RUSAGE_CHILDREN);
            const ProcessResult result = runProcess(command, false);
            if (result.exitCode != 0) {
                throw std::runtime_error("gdcmscanner failed with exit code " + std::to_string(result.exitCode));
            }
            if (runIndex > 0) { // run 0 warms the cache
                seconds.push_back(result.wallSeconds);
                cpu.push_back(cpuSeconds(RUSAGE_CHILDREN) - cpuBefore);
            }
        }
        scannerCpuSeconds = median(cpu);
        scannerFilesPerSecond = static_cast<double>(files) / median(seconds);
        report.addPeerFigure("`gdcmscanner -d DIR -r -t 0020,000d -t 0020,000e -t 0008,0018 -t 0020,0032` "
                             "(1 thread, output to /dev/null)",
            filesPerSecondText(files, median(seconds)), medianRunsText(seconds));
        report.addPeerFigure("gdcmscanner CPU time (user + system)", microsecondsPerFileText(scannerCpuSeconds, files),
            "median " + formatNumber(scannerCpuSeconds, 2) + " s per run");
    }

    // (b) RadMark fresh import on all cores, (c) re-import of the unchanged data, (d) one thread.
    std::vector<double> freshCpu;
    const std::vector<double> freshSeconds = timeFreshImports(dataset.folder, 0, files, freshCpu);
    const double radmarkFilesPerSecond = static_cast<double>(files) / median(freshSeconds);
    report.addFigure("Import into a new project (threads 0 = all cores)",
        filesPerSecondText(files, median(freshSeconds)), medianRunsText(freshSeconds));
    report.addFigure("Import CPU time (user + system, all threads; threads 0)",
        microsecondsPerFileText(median(freshCpu), files),
        "median " + formatNumber(median(freshCpu), 2) + " s per import");

    const std::string reimportPath = projectFolder + "/reimport.radmark";
    removeProject(reimportPath);
    importOnce(reimportPath, dataset.folder, 0);
    const std::vector<double> reimportSeconds = timeRuns(importRuns, [&]() {
        const storage::ImportSummary summary = importOnce(reimportPath, dataset.folder, 0);
        if (summary.progress.filesUnchanged != files) {
            throw std::runtime_error("re-import found " + std::to_string(summary.progress.filesUnchanged)
                + " unchanged files of " + std::to_string(files));
        }
    });
    removeProject(reimportPath);
    report.addFigure("Re-import of the unchanged data set (all cores)",
        filesPerSecondText(files, median(reimportSeconds)), medianRunsText(reimportSeconds));

    std::vector<double> singleCpu;
    const std::vector<double> singleSeconds = timeFreshImports(dataset.folder, 1, files, singleCpu);
    report.addFigure("Import into a new project (threads 1)", filesPerSecondText(files, median(singleSeconds)),
        medianRunsText(singleSeconds));
    report.addFigure("Import CPU time (user + system, all threads; threads 1)",
        microsecondsPerFileText(median(singleCpu), files),
        "median " + formatNumber(median(singleCpu), 2) + " s per import");

    if (scannerFilesPerSecond > 0.0) {
        const double ratio = radmarkFilesPerSecond / scannerFilesPerSecond;
        report.addRatio("RadMark import (all cores) files/s / gdcmscanner files/s", ratio);
        report.addRatio("RadMark import (1 thread) files/s / gdcmscanner files/s",
            median(freshSeconds) / median(singleSeconds) * ratio);
        report.addRatio(
            "RadMark re-import files/s / gdcmscanner files/s", median(freshSeconds) / median(reimportSeconds) * ratio);
        report.addRatio("gdcmscanner CPU time / RadMark import CPU time (threads 0; independent of the machine's load)",
            scannerCpuSeconds / median(freshCpu));
        report.addTarget({ "RadMark import files/s >= 2x gdcmscanner files/s", ratio, 2.0, true, "x" });
    }
    report.publish();
    return 0; // a MISS is a finding recorded in the document, not a failed test
}

} // namespace

} // namespace radmark::bench

int main(int argc, char** argv)
{
    return radmark::bench::runBenchmarkMain("bench_import", radmark::bench::run, argc, argv);
}
