#include "ImportDataset.h"

#include "../Statistics.h"

#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

namespace radmark::bench {

namespace {

namespace fs = std::filesystem;

std::string describe(const ImportDatasetSpec& spec)
{
    std::ostringstream text;
    text << "v1 " << spec.seriesCount << " series x " << spec.slicesPerSeries << " slices, " << spec.matrixSize << "x"
         << spec.matrixSize << ", " << spec.seriesPerPatient << " series per patient";
    return text.str();
}

std::string readMarker(const std::string& path)
{
    std::ifstream file(path);
    std::string line;
    std::getline(file, line);
    return line;
}

storage::SyntheticSeriesSpec seriesSpec(const ImportDatasetSpec& spec, int seriesIndex, const std::string& studyUid)
{
    char patientId[32];
    std::snprintf(patientId, sizeof patientId, "BENCH-%04d", seriesIndex / spec.seriesPerPatient);
    storage::SyntheticSeriesSpec series;
    series.patientId = patientId;
    series.patientName = std::string("Bench^Patient") + patientId;
    series.accessionNumber = std::string("ACC") + patientId;
    series.studyInstanceUid = studyUid;
    series.seriesDescription = "Axial 2.5mm #" + std::to_string(seriesIndex % spec.seriesPerPatient);
    series.columns = spec.matrixSize;
    series.rows = spec.matrixSize;
    series.slices = spec.slicesPerSeries;
    const double spacingMm = 204.0 / spec.matrixSize;
    series.columnSpacingMm = spacingMm;
    series.rowSpacingMm = spacingMm;
    return series;
}

} // namespace

ImportDataset ensureImportDataset(const ImportDatasetSpec& spec)
{
    ImportDataset dataset;
    dataset.folder = spec.folder;
    const std::string markerPath = spec.folder + ".complete";
    if (readMarker(markerPath) != describe(spec)) {
        const Stopwatch stopwatch;
        fs::remove(markerPath);
        fs::remove_all(spec.folder);
        std::vector<std::string> studyUids;
        for (int patient = 0; patient * spec.seriesPerPatient < spec.seriesCount; ++patient) {
            studyUids.push_back(storage::generateUid());
        }
        std::atomic<int> next { 0 };
        std::mutex failureMutex;
        std::exception_ptr failure;
        const auto worker = [&]() {
            try {
                for (int index = next++; index < spec.seriesCount; index = next++) {
                    char folderName[32];
                    std::snprintf(folderName, sizeof folderName, "/series%03d", index);
                    const auto& studyUid = studyUids[static_cast<std::size_t>(index / spec.seriesPerPatient)];
                    storage::writeSyntheticSeries(seriesSpec(spec, index, studyUid), spec.folder + folderName);
                }
            } catch (...) {
                const std::lock_guard<std::mutex> lock(failureMutex);
                failure = std::current_exception();
                next = spec.seriesCount;
            }
        };
        std::vector<std::thread> threads;
        for (unsigned count = std::max(1u, std::thread::hardware_concurrency()); count > 0; --count) {
            threads.emplace_back(worker);
        }
        for (std::thread& thread : threads) {
            thread.join();
        }
        if (failure) {
            std::rethrow_exception(failure);
        }
        std::ofstream(markerPath) << describe(spec) << "\n";
        dataset.generatedNow = true;
        dataset.generationSeconds = stopwatch.seconds();
    }
    for (const auto& entry : fs::recursive_directory_iterator(spec.folder)) {
        if (entry.is_regular_file()) {
            ++dataset.fileCount;
            dataset.totalBytes += entry.file_size();
        }
    }
    return dataset;
}

} // namespace radmark::bench
