#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace radmark::bench {

struct LoadDatasetSpec {
    std::string folder = "/tmp/radmark-bench-load";
    int columns = 512;
    int rows = 512;
    int slices = 400;
};

struct LoadDataset {
    std::string folder;
    std::vector<std::string> filePaths; // sorted by name
    std::uint64_t fileBytes = 0;
    std::uint64_t voxelBytes = 0; // columns x rows x slices x 2 (Int16)
    bool generatedNow = false;
    double generationSeconds = 0.0;
};

// Writes the synthetic CT series (one file per slice) unless a complete one with the same spec is there;
// a marker file beside the folder records completeness.
LoadDataset ensureLoadDataset(const LoadDatasetSpec& spec);

} // namespace radmark::bench
