#pragma once

// A synthetic series written and imported by the `radmark` binary, the start of many command-line tests.
#include "RadmarkProcess.h"

#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <string>

namespace radmark::testing {

// The default synthetic series with the size given (pixels, slices).
inline storage::SyntheticSeriesSpec seriesOfSize(int columns, int rows, int slices)
{
    storage::SyntheticSeriesSpec spec;
    spec.columns = columns;
    spec.rows = rows;
    spec.slices = slices;
    return spec;
}

// Writes the series into `imagesFolder` and imports that folder into `project` (`radmark import --quiet`).
inline storage::WrittenSeries writeAndImportSeries(
    const storage::SyntheticSeriesSpec& spec, const std::string& imagesFolder, const std::string& project)
{
    storage::WrittenSeries written = storage::writeSyntheticSeries(spec, imagesFolder);
    REQUIRE(runRadmark({ "import", project, imagesFolder, "--quiet" }).exitCode == 0);
    return written;
}

} // namespace radmark::testing
