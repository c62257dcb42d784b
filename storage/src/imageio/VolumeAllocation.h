#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <memory>

namespace radmark::storage::loading {

// A volume whose voxels the caller will write in full: left uninitialised, and backed by
// transparent huge pages where the kernel offers them on request, which cuts the page-fault
// cost of first touching a few hundred MB roughly fourfold on this kind of machine.
std::shared_ptr<annotation::ImageVolume> allocateVolumeForWriting(
    const annotation::ImageGeometry& geometry, annotation::VoxelType type);

} // namespace radmark::storage::loading
