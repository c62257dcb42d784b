#pragma once

#include "radmark/annotation/ImageGeometry.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

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

} // namespace radmark::testing
