#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <cstddef>

namespace radmark::annotation {

// A saliency map put on the voxel grid of the series it explains (Float32, same columns, rows,
// slices and per-slice origins as the series), so that views and checks index both alike.
struct ResampledMap {
    ImageVolume values;
    std::size_t coveredVoxelCount = 0; // series voxels whose centre lies inside the map's grid
    bool sameGrid = false; // the map was on the series grid: values copied as they are
};

// True when both grids have the same size, spacing, directions and slice origins (within 0.01 mm).
bool isSameGrid(const ImageGeometry& a, const ImageGeometry& b);

// Samples `map` (any voxel type but Rgb8; a regular grid: slice origins evenly spaced, as volume
// files are) at the centre of every voxel of `target`, located in patient LPS mm. Trilinear
// interpolation; a centre counts as inside when its continuous map index lies within
// [-0.5, n - 0.5] on each axis (so a one-slice map covers a slab one slice thick), outside ones get 0.
ResampledMap resampleOntoGrid(const ImageVolume& map, const ImageGeometry& target);

} // namespace radmark::annotation
