#pragma once

#include "RadmarkProcess.h"

#include "radmark/annotation/ImageGeometry.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace radmark::testing {

// The series of the saliency tests: 64 x 64 x `slices` axial CT, 1 mm pixels, 2 mm slices, the first at
// (-32, -32, 0) LPS mm; voxel values as the writer makes them unless the caller sets huAt.
inline storage::SyntheticSeriesSpec saliencyTestSeriesSpec(int slices)
{
    storage::SyntheticSeriesSpec spec;
    spec.columns = 64;
    spec.rows = 64;
    spec.slices = slices;
    spec.columnSpacingMm = 1.0;
    spec.rowSpacingMm = 1.0;
    spec.sliceThicknessMm = 2.0;
    spec.sliceStepLpsMm = { 0, 0, 2 };
    spec.firstSlicePositionLpsMm = { -32, -32, 0 };
    return spec;
}

// That series' voxel grid, for maps drawn on it.
inline annotation::ImageGeometry saliencyTestSeriesGrid(int slices)
{
    return annotation::ImageGeometry::regular(
        64, 64, slices, 1.0, 1.0, { -32, -32, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 2 });
}

// The project a user makes with the radmark binary: `radmark import <project> <dicomFolder> --quiet`, then
// `radmark saliency import <project> <manifest>` with `extraArguments` (e.g. --no-checks); the test case fails
// unless both exit with 0.
inline void importSeriesWithSaliencyMaps(const std::filesystem::path& project, const std::filesystem::path& dicomFolder,
    const std::filesystem::path& manifest, const std::vector<std::string>& extraArguments = {})
{
    REQUIRE(runRadmark({ "import", project.string(), dicomFolder.string(), "--quiet" }).exitCode == 0);
    std::vector<std::string> arguments { "saliency", "import", project.string(), manifest.string() };
    arguments.insert(arguments.end(), extraArguments.begin(), extraArguments.end());
    REQUIRE(runRadmark(arguments).exitCode == 0);
}

} // namespace radmark::testing
