#include "MemoryProbe.h"

#include "LoadDataset.h"
#include "PeakMemory.h"

#include "../ChildProcess.h"

#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/viewer/OffscreenRender.h"

#include <cstdlib>
#include <iostream>
#include <sstream>

namespace radmark::bench {

MemoryProbeResult measureLoadAndRenderMemory()
{
    MemoryProbeResult result;
    const std::string executable = currentExecutablePath();
    result.command = "bench_load " + std::string(memoryProbeFlag);
    ProcessResult child = runProcess({ executable, memoryProbeFlag }, true);
    if (child.exitCode != 0) { // seen once under load: retry, and say so
        std::cerr << "bench_load: the --memory child failed (exit code " << child.exitCode << ", signal "
                  << child.signalNumber << "); retrying once\n";
        child = runProcess({ executable, memoryProbeFlag }, true);
    }
    std::istringstream lines(child.standardOutput);
    std::string key;
    while (lines >> key) {
        if (key == "peak_bytes") {
            lines >> result.peakBytes;
        } else if (key == "note") {
            std::getline(lines >> std::ws, result.note);
        }
    }
    if (child.exitCode != 0) {
        result.peakBytes = 0;
        result.note = "the child process failed (exit code " + std::to_string(child.exitCode) + ", signal "
            + std::to_string(child.signalNumber) + ")";
    }
    return result;
}

int runMemoryProbeChild()
{
    const LoadDataset dataset = ensureLoadDataset(LoadDatasetSpec {});
    storage::LoadedSeries loaded = storage::loadSeriesFiles(dataset.filePaths);
    viewer::SliceRenderRequest request;
    request.volume = loaded.volume;
    request.overlayText.modality = loaded.modality;
    request.overlayText.patientAge = loaded.patientAge;
    request.overlayText.patientSex = loaded.patientSex;
    std::string error;
    const bool rendered = viewer::renderSliceToPng(request, "/tmp/radmark-bench-load-memory.png", &error);
    std::cout << "peak_bytes " << peakResidentBytes() << "\n";
    std::cout << "note "
              << (rendered ? "fresh process: loadSeriesFiles + renderSliceToPng (512x512, middle slice)"
                           : "fresh process: loadSeriesFiles only; rendering failed: " + error)
              << "\n";
    return 0;
}

} // namespace radmark::bench
