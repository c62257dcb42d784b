#pragma once

#include "radmark/annotation/ImageVolume.h"

namespace radmark::storage {

// Whether a saliency map file whose voxels are plain Float32 (an uncompressed MetaImage) on a
// local file system is mapped into memory instead of read (see saliency/MappedVoxelFile.h). On by default;
// off reads every map into memory as before. Process-wide.
void allowSaliencyFileMapping(bool allow);
bool saliencyFileMappingAllowed();

// Whether `volume`'s voxels are a map file mapped into memory.
bool isMappedFromFile(const annotation::ImageVolume& volume);
// Whether the mapped file was cut short while mapped: its voxels past the cut read 0 since.
bool mappedFileWasCut(const annotation::ImageVolume& volume);

} // namespace radmark::storage
