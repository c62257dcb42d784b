#pragma once

#include <cstdint>
#include <string>

namespace radmark::bench {

struct ImportDatasetSpec {
    std::string folder = "/tmp/radmark-bench-import";
    int seriesCount = 200;
    int slicesPerSeries = 100;
    int seriesPerPatient = 4; // one study per patient
    int matrixSize = 64;
};

struct ImportDataset {
    std::string folder;
    std::size_t fileCount = 0;
    std::uint64_t totalBytes = 0;
    bool generatedNow = false;
    double generationSeconds = 0.0;
};

// Writes the synthetic CT data set (one folder per series, distinct UIDs everywhere) unless a complete
// one with the same spec is already there; a marker file beside the folder records completeness.
ImportDataset ensureImportDataset(const ImportDatasetSpec& spec);

} // namespace radmark::bench
