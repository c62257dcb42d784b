#include "LoadDataset.h"

#include "../Statistics.h"

#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace radmark::bench {

namespace {

namespace fs = std::filesystem;

std::string describe(const LoadDatasetSpec& spec)
{
    std::ostringstream text;
    text << "v1 " << spec.columns << "x" << spec.rows << "x" << spec.slices << " CT";
    return text.str();
}

} // namespace

LoadDataset ensureLoadDataset(const LoadDatasetSpec& spec)
{
    LoadDataset dataset;
    dataset.folder = spec.folder;
    const std::string markerPath = spec.folder + ".complete";
    std::string marker;
    std::ifstream markerFile(markerPath);
    std::getline(markerFile, marker);
    if (marker != describe(spec)) {
        const Stopwatch stopwatch;
        fs::remove(markerPath);
        fs::remove_all(spec.folder);
        storage::SyntheticSeriesSpec series;
        series.patientId = "BENCH-LOAD";
        series.seriesDescription = "Axial 0.5mm (benchmark)";
        series.columns = spec.columns;
        series.rows = spec.rows;
        series.slices = spec.slices;
        series.columnSpacingMm = 0.4;
        series.rowSpacingMm = 0.4;
        series.sliceThicknessMm = 0.5;
        series.sliceStepLpsMm = { 0.0, 0.0, 0.5 };
        series.firstSlicePositionLpsMm = { -102.0, -102.0, -100.0 };
        storage::writeSyntheticSeries(series, spec.folder);
        std::ofstream(markerPath) << describe(spec) << "\n";
        dataset.generatedNow = true;
        dataset.generationSeconds = stopwatch.seconds();
    }
    for (const auto& entry : fs::directory_iterator(spec.folder)) {
        if (entry.is_regular_file()) {
            dataset.filePaths.push_back(entry.path().string());
            dataset.fileBytes += entry.file_size();
        }
    }
    std::sort(dataset.filePaths.begin(), dataset.filePaths.end());
    dataset.voxelBytes = static_cast<std::uint64_t>(spec.columns) * static_cast<std::uint64_t>(spec.rows)
        * static_cast<std::uint64_t>(spec.slices) * 2u;
    return dataset;
}

} // namespace radmark::bench
