// bench_saliency: in the real MainWindow, the time to switch to the next study with its same-grid float
// saliency map loaded and displayed (512x512x300 CT, 300 MB float map), against switching studies without a
// map; and the frame rate of overlay opacity / threshold changes against a plain re-render. Needs an X display.
#include "../PerformanceReport.h"
#include "../Statistics.h"

#include "gui/MainWindow.h"
#include "gui/saliency/SaliencyReviewPanel.h"
#include "gui/saliency/SaliencyReviewSession.h"
#include "gui/saliency/SaliencyReviewTable.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/SaliencyStore.h"
#include "radmark/storage/saliency/SaliencyEvaluation.h"
#include "radmark/storage/saliency/SaliencyFileMapping.h"
#include "radmark/storage/saliency/SaliencyManifest.h"
#include "radmark/storage/saliency/SaliencyMapLoader.h"
#include "radmark/storage/saliency/SaliencyMapWriter.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"
#include "radmark/viewer/SaliencyOverlay.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"
#include "radmark/viewer/SurfaceFormat.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <sys/resource.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace radmark::bench {

namespace {

namespace fs = std::filesystem;

constexpr int kColumns = 512;
constexpr int kRows = 512;
constexpr int kSlices = 300;
constexpr int kSwitches = 8; // timed study switches (alternating between the two studies)
constexpr int kOptionSteps = 120; // timed opacity / threshold changes

const fs::path kDataFolder = "/tmp/radmark-bench-saliency";

storage::SyntheticSeriesSpec studySpec(int index)
{
    storage::SyntheticSeriesSpec spec;
    spec.patientId = "BENCH-SAL-" + std::to_string(index);
    spec.accessionNumber = "BSAL" + std::to_string(index);
    spec.studyInstanceUid = "2.25.4242424242." + std::to_string(index);
    spec.seriesInstanceUid = "2.25.4242424242." + std::to_string(index) + ".1";
    spec.columns = kColumns;
    spec.rows = kRows;
    spec.slices = kSlices;
    spec.columnSpacingMm = 0.7;
    spec.rowSpacingMm = 0.7;
    spec.sliceThicknessMm = 1.0;
    spec.sliceStepLpsMm = { 0, 0, 1.0 };
    spec.firstSlicePositionLpsMm = { -179.0, -179.0, -150.0 };
    return spec;
}

// The same-grid float map of study `index` (a blob), written by the current writer: to a temporary name first,
// so that another process reading the file meanwhile keeps the old one.
void writeMap(int index, const storage::SyntheticSeriesSpec& spec)
{
    const annotation::ImageGeometry grid
        = annotation::ImageGeometry::regular(kColumns, kRows, kSlices, spec.columnSpacingMm, spec.rowSpacingMm,
            spec.firstSlicePositionLpsMm, { 1, 0, 0 }, { 0, 1, 0 }, spec.sliceStepLpsMm);
    annotation::ImageVolume map(grid, annotation::VoxelType::Float32);
    auto* values = static_cast<float*>(map.data());
    for (int k = 0; k < kSlices; ++k) {
        for (int j = 0; j < kRows; ++j) {
            for (int i = 0; i < kColumns; ++i) {
                const double di = (i - 180.0) / 40.0, dj = (j - 250.0) / 40.0, dk = (k - 150.0) / 30.0;
                *values++ = static_cast<float>(std::exp(-(di * di + dj * dj + dk * dk)));
            }
        }
    }
    const fs::path file = kDataFolder / ("map" + std::to_string(index) + ".mha");
    const fs::path written = kDataFolder / ("map" + std::to_string(index) + ".mha.part");
    storage::writeSaliencyMetaImage(map, written.string());
    fs::rename(written, file);
}

// Whether a map file was written by the current writer, whose header ends on a 16-byte boundary (earlier runs'
// files did not: they are written again).
bool mapIsCurrent(int index)
{
    std::error_code error;
    const std::uintmax_t size = fs::file_size(kDataFolder / ("map" + std::to_string(index) + ".mha"), error);
    const std::uintmax_t voxelBytes = static_cast<std::uintmax_t>(kColumns) * kRows * kSlices * 4;
    return !error && size > voxelBytes && (size - voxelBytes) % 16 == 0;
}

// Two studies and a same-grid float map for each, written once and reused by later runs.
void prepareData()
{
    const fs::path marker = kDataFolder / "complete";
    if (fs::exists(marker)) {
        for (int index = 0; index < 2; ++index) {
            if (!mapIsCurrent(index)) {
                writeMap(index, studySpec(index));
            }
        }
        return;
    }
    fs::remove_all(kDataFolder);
    fs::create_directories(kDataFolder);
    std::ofstream manifest(kDataFolder / "manifest.csv");
    manifest << "series_uid,map_path,model,target,score,method\n";
    for (int index = 0; index < 2; ++index) {
        const storage::SyntheticSeriesSpec spec = studySpec(index);
        storage::writeSyntheticSeries(spec, (kDataFolder / ("dicom" + std::to_string(index))).string());
        writeMap(index, spec);
        const std::string file = (kDataFolder / ("map" + std::to_string(index) + ".mha")).string();
        manifest << spec.seriesInstanceUid << "," << file << ",bench-net,lesion,0.9,Grad-CAM\n";
    }
    manifest.close();
    std::ofstream(marker) << "ok\n";
}

fs::path prepareProject()
{
    const fs::path project = kDataFolder / "bench.radmark";
    fs::remove(project);
    fs::remove(kDataFolder / "bench.radmark-wal");
    fs::remove(kDataFolder / "bench.radmark-shm");
    auto store = storage::ProjectStore::open(project.string(), storage::ProjectStore::OpenMode::CreateIfMissing);
    storage::importPaths(*store, { (kDataFolder / "dicom0").string(), (kDataFolder / "dicom1").string() });
    storage::importSaliencyManifest(*store, (kDataFolder / "manifest.csv").string());
    // Checks cached beforehand, as after `radmark saliency import`: the switch itself computes none.
    storage::refreshSaliencyChecks(*store, false);
    return project;
}

// CPU time of the whole process (every thread) so far, in ms: less sensitive than wall time to other processes on
// the shared cores.
double processCpuMs()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

std::string msText(const std::vector<double>& samples)
{
    return formatNumber(median(samples), 1) + " ms";
}

std::string msDetail(const std::vector<double>& samples)
{
    return "min " + formatNumber(minimum(samples), 1) + ", max " + formatNumber(maximum(samples), 1) + " ms; "
        + std::to_string(samples.size()) + " switches";
}

int run(int argc, char** argv)
{
    viewer::installDefaultSurfaceFormat();
    QApplication application(argc, argv);
    PerformanceReport report(
        "saliency", "Saliency review: study switch with its map, overlay changes (bench_saliency)", argc, argv);
    prepareData();
    const fs::path project = prepareProject();

    app::MainWindow window;
    window.setInteractiveDialogs(false);
    window.resize(1600, 1000);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window, 10000)) {
        throw std::runtime_error("the window was not exposed (no X display?)");
    }
    if (!window.openProject(QString::fromStdString(project.string()))) {
        throw std::runtime_error("cannot open " + project.string());
    }
    app::SaliencyReviewPanel& panel = *window.saliencyPanel();
    if (panel.table()->rowCount() != 2) {
        throw std::runtime_error("expected 2 saliency maps in the bench project");
    }
    const std::int64_t maps[2] = { panel.table()->mapIdAt(0), panel.table()->mapIdAt(1) };
    viewer::SliceViewWidget& view = *window.sliceView();

    // Study switch with map: from asking for the map of the other study to its overlay painted.
    double lastSwitchCpuMs = 0.0;
    const auto switchTo = [&](std::int64_t mapId) {
        QSignalSpy shown(&panel, &app::SaliencyReviewPanel::mapShown);
        const double cpuStart = processCpuMs();
        QElapsedTimer timer;
        timer.start();
        panel.showMap(mapId);
        if (!shown.wait(60000)) {
            throw std::runtime_error("the map was not shown within 60 s");
        }
        view.renderNow();
        lastSwitchCpuMs = processCpuMs() - cpuStart;
        return static_cast<double>(timer.nsecsElapsed()) / 1e6;
    };
    switchTo(maps[0]); // untimed: warms the page cache and the renderer
    switchTo(maps[1]);
    // Alternated with the same switch with the map file read into memory (mapping off), so that both meet the
    // same load: mapped, read, read, mapped, ... (each way to both studies).
    std::vector<double> withMapMs;
    std::vector<double> withMapCpuMs;
    std::vector<double> withReadMapMs;
    std::vector<double> withReadMapCpuMs;
    for (int step = 0; step < 2 * kSwitches; ++step) {
        const bool mapped = step % 4 == 0 || step % 4 == 3;
        storage::allowSaliencyFileMapping(mapped);
        const double ms = switchTo(maps[step % 2]);
        (mapped ? withMapMs : withReadMapMs).push_back(ms);
        (mapped ? withMapCpuMs : withReadMapCpuMs).push_back(lastSwitchCpuMs);
    }
    storage::allowSaliencyFileMapping(true);

    // The same switch to a map whose file the project has no value summary of (never shown, or changed since):
    // the kept summary is made stale before each switch, so the shown slice is checked first and the rest on a
    // worker (which may still run when the map is on screen; it stores the summary again).
    storage::SaliencyStore saliencyStore(*panel.session()->project());
    const auto waitForValues = [&] {
        // The previous map's background pass must not overlap the next timed switch.
        for (int wait = 0; wait < 600 && panel.session()->placed(panel.currentMapId()) != nullptr
             && !panel.session()->placed(panel.currentMapId())->map.summaryComplete;
             ++wait) {
            QTest::qWait(50);
        }
    };
    std::vector<double> neverSummedMs;
    std::vector<double> neverSummedCpuMs;
    for (int step = 0; step < kSwitches; ++step) {
        const std::int64_t mapId = maps[step % 2];
        std::optional<storage::SaliencyFileValues> kept = saliencyStore.fileValues(mapId);
        if (!kept) {
            throw std::runtime_error("the bench project keeps no value summary of its maps");
        }
        kept->stamp.sizeBytes = -1; // no file has this size
        saliencyStore.putFileValues(mapId, *kept);
        neverSummedMs.push_back(switchTo(mapId));
        neverSummedCpuMs.push_back(lastSwitchCpuMs);
        waitForValues();
    }
    if (!view.sliceRenderer().saliencyOverlay().hasMap()) {
        throw std::runtime_error("no map on screen after the switches");
    }

    // Peer: the same study switch without a map (series load + display only).
    const QString series[2] = { "2.25.4242424242.0.1", "2.25.4242424242.1.1" };
    std::vector<double> withoutMapMs;
    std::vector<double> withoutMapCpuMs;
    for (int step = 0; step < kSwitches; ++step) {
        QSignalSpy opened(&window, &app::MainWindow::seriesOpened);
        const double cpuStart = processCpuMs();
        QElapsedTimer timer;
        timer.start();
        window.openSeries(series[step % 2]);
        if (!opened.wait(60000)) {
            throw std::runtime_error("the series was not opened within 60 s");
        }
        view.renderNow();
        withoutMapMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        withoutMapCpuMs.push_back(processCpuMs() - cpuStart);
    }

    // The map read alone, A/B alternated in this process (so the machine's load hits both alike): with the
    // project's value summary (no pass), with the pass over every voxel while reading (as before schema 9), and
    // deferred + the shown slice alone at placement (a map never summed up).
    const std::string mapFile = (kDataFolder / "map0.mha").string();
    const storage::SaliencyMapFile firstRead = storage::readSaliencyMapFile(mapFile);
    const storage::SaliencyFileValues keptValues { *firstRead.stamp, firstRead.summary };
    const annotation::ImageGeometry seriesGrid = view.sliceRenderer().volume()->geometry();
    if (!storage::isMappedFromFile(*firstRead.values)) {
        throw std::runtime_error(mapFile + " was not mapped into memory (not a local file system?)");
    }
    std::vector<double> readKeptMs, readCopiedMs, readPassMs, readSliceFirstMs;
    for (int step = 0; step < 6; ++step) {
        QElapsedTimer timer;
        timer.start();
        storage::placeSaliencyMap(storage::readSaliencyMapFile(mapFile, keptValues), mapFile, seriesGrid);
        readKeptMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        storage::allowSaliencyFileMapping(false);
        timer.restart();
        storage::placeSaliencyMap(storage::readSaliencyMapFile(mapFile, keptValues), mapFile, seriesGrid);
        readCopiedMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        storage::allowSaliencyFileMapping(true);
        timer.restart();
        storage::placeSaliencyMap(storage::readSaliencyMapFile(mapFile), mapFile, seriesGrid);
        readPassMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        storage::placeSaliencyMap(
            storage::readSaliencyMapFile(mapFile, std::nullopt, storage::SaliencyValuePass::Deferred), mapFile,
            seriesGrid, std::nullopt, 150);
        readSliceFirstMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }

    // Overlay option changes: alternate opacity and threshold, re-render each time.
    switchTo(maps[0]);
    view.setSliceIndex(150);
    viewer::SaliencyOverlay& overlay = view.sliceRenderer().saliencyOverlay();
    viewer::SaliencyDisplayOptions options = overlay.options();
    std::vector<double> optionMs;
    for (int step = 0; step < kOptionSteps + 10; ++step) {
        QElapsedTimer timer;
        timer.start();
        if (step % 2 == 0) {
            options.opacity = 0.2 + 0.6 * ((step / 2) % 10) / 10.0;
        } else {
            options.threshold = 5.0 + 5.0 * ((step / 2) % 10);
        }
        overlay.setOptions(options);
        view.renderNow();
        if (step >= 10) {
            optionMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
    }
    std::vector<double> plainMs;
    for (int step = 0; step < kOptionSteps + 10; ++step) {
        QElapsedTimer timer;
        timer.start();
        view.renderNow();
        if (step >= 10) {
            plainMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
    }
    const int viewWidth = static_cast<int>(view.width() * view.devicePixelRatioF());
    const int viewHeight = static_cast<int>(view.height() * view.devicePixelRatioF());

    report.addNote("Data: two studies of one synthetic 512x512x300 CT series each (uncompressed DICOM, 150 MiB of "
                   "files per series, `storage::writeSyntheticSeries`), each with a same-grid Float32 MetaImage "
                   "saliency map (300 MiB, `storage::writeSaliencyMetaImage`), in `"
        + kDataFolder.string()
        + "` (reused from an earlier run when present); checks cached beforehand as after "
          "`radmark saliency import`.");
    report.addNote("Method: the real `app::MainWindow` (1600x1000, slice view " + std::to_string(viewWidth) + "x"
        + std::to_string(viewHeight)
        + " device pixels) under Xvfb with Mesa llvmpipe. A switch is "
          "`SaliencyReviewPanel::showMap(id of the other study's map)` until `mapShown` plus `renderNow()` of "
          "the slice view: series load on a worker while the map file is read on another, placement on the "
          "series grid, overlay and render. Two untimed switches first (page cache warm), then "
        + std::to_string(kSwitches) + " timed with the map file mapped, alternated with " + std::to_string(kSwitches)
        + " with it read into memory (`storage::allowSaliencyFileMapping(false)`). The peer switch is "
          "`MainWindow::openSeries` of the other study "
          "until `seriesOpened` plus `renderNow()`, no map. Overlay changes: "
        + std::to_string(kOptionSteps)
        + " steps alternating opacity and threshold (`SaliencyOverlay::setOptions` "
          "re-colours the slice) + `renderNow()`, against `renderNow()` alone.");
    report.addFigure("Study switch with its map loaded and displayed, median", msText(withMapMs),
        msDetail(withMapMs) + "; CPU of the process " + formatNumber(median(withMapCpuMs), 0) + " ms (median)");
    report.addFigure("Study switch with a map the project has no value summary of (shown slice first), median",
        msText(neverSummedMs),
        msDetail(neverSummedMs) + "; CPU of the process " + formatNumber(median(neverSummedCpuMs), 0) + " ms (median)");
    report.addFigure("Map read + placement alone, value summary kept in the project, file mapped, median",
        msText(readKeptMs), msDetail(readKeptMs));
    report.addFigure("Map read + placement alone, shown slice only (pass deferred), median", msText(readSliceFirstMs),
        msDetail(readSliceFirstMs));
    const double optionFps = 1000.0 / median(optionMs);
    report.addFigure("Overlay opacity/threshold change + render, median", formatNumber(optionFps, 1) + " frames/s",
        formatNumber(median(optionMs), 2) + " ms per change; p95 " + formatNumber(percentile(optionMs, 0.95), 2)
            + " ms");
    report.addPeerFigure("Study switch with its map read into memory (mapping off, as before; alternated with the "
                         "mapped switches), median",
        msText(withReadMapMs),
        msDetail(withReadMapMs) + "; CPU of the process " + formatNumber(median(withReadMapCpuMs), 0) + " ms (median)");
    report.addPeerFigure("Study switch without a map (series load + display), median", msText(withoutMapMs),
        msDetail(withoutMapMs) + "; CPU of the process " + formatNumber(median(withoutMapCpuMs), 0) + " ms (median)");
    report.addPeerFigure("Map read + placement alone, value summary kept, read into memory (mapping off: what "
                         "compressed, unaligned or NIfTI files take), median",
        msText(readCopiedMs), msDetail(readCopiedMs));
    report.addPeerFigure("Map read + placement alone with the pass over every voxel while reading (before schema 9), "
                         "median",
        msText(readPassMs), msDetail(readPassMs));
    const double plainFps = 1000.0 / median(plainMs);
    report.addPeerFigure("Plain re-render of the same view, no overlay change, median",
        formatNumber(plainFps, 1) + " frames/s", formatNumber(median(plainMs), 2) + " ms per frame");
    report.addRatio("Switch with map / switch without map (medians)", median(withMapMs) / median(withoutMapMs));
    report.addRatio("Switch with map / switch without map, CPU time of the process (medians)",
        median(withMapCpuMs) / median(withoutMapCpuMs));
    report.addRatio(
        "Switch with map: mapped / read into memory (medians, alternated)", median(withMapMs) / median(withReadMapMs));
    report.addRatio("Switch with map: mapped / read into memory, CPU time of the process (medians, alternated)",
        median(withMapCpuMs) / median(withReadMapCpuMs));
    report.addRatio(
        "Map read, summary kept / pass while reading (medians, alternated)", median(readKeptMs) / median(readPassMs));
    report.addRatio("Map read, summary kept: read into memory / mapped (medians, alternated)",
        median(readCopiedMs) / median(readKeptMs));
    report.addRatio("Map read, shown slice only / pass while reading (medians, alternated)",
        median(readSliceFirstMs) / median(readPassMs));
    report.addRatio(
        "Overlay change frame time / plain render frame time (medians)", median(optionMs) / median(plainMs));
    report.addFinding("The map adds " + formatNumber(median(withMapMs) - median(withoutMapMs), 0)
        + " ms (median) of wall time and " + formatNumber(median(withMapCpuMs) - median(withoutMapCpuMs), 0)
        + " ms of process CPU to a study switch. The pass over every voxel (NaN/Inf, range) is gone from it: the "
          "project keeps each map file's value summary (schema 9), and a map without one is shown with its shown "
          "slice checked while a worker sums up the rest (rows above; the read alone, alternated in this process: "
          "summary kept "
        + formatNumber(median(readKeptMs) / median(readPassMs), 2) + "x, shown slice only "
        + formatNumber(median(readSliceFirstMs) / median(readPassMs), 2)
        + "x of the read with the pass). The map file itself is no longer read: an uncompressed Float32 MetaImage "
          "on a local file system is mapped into memory copy-on-write and used where it lies in the page cache (no "
          "fresh memory zeroed, no 300 MiB copy; the overlay touches the shown slice's pages only); read into "
          "memory instead (as compressed, unaligned or NIfTI files still are) the same map takes "
        + formatNumber(median(readCopiedMs) / median(readKeptMs), 0)
        + "x as long (rows above, alternated). The peer switch shows the series' first map too, so part of a "
          "map's cost runs in its time; wall times swing several-fold with the load of other processes (load "
          "averages above), the CPU times and the alternated read ratios much less.");
    report.addFinding("Overlay changes cost about what a plain render costs (ratio above): the frame rate is bound by "
                      "software OpenGL rendering the whole view, as in bench_slice_change. Figures vary with the "
                      "load of other processes on the shared cores (load averages above).");
    report.addTarget({ "Study switch with a same-grid map, median <= 300 ms", median(withMapMs), 300.0, false, "ms" });
    report.addTarget({ "Overlay opacity/threshold changes >= 30 frames/s", optionFps, 30.0, true, "frames/s" });
    report.publish();
    return 0;
}

} // namespace

} // namespace radmark::bench

int main(int argc, char** argv)
{
    return radmark::bench::runBenchmarkMain("bench_saliency", radmark::bench::run, argc, argv);
}
