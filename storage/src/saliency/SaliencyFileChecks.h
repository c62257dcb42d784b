#pragma once

#include <itkImageIOBase.h>

#include <cstdint>
#include <optional>
#include <string>

namespace radmark::storage::saliency {

// Where a map file keeps its voxels as plain little-endian Float32, one value per voxel, uncompressed and without
// rescaling, so that they can be used where they lie: the file holding them and the byte where they start.
struct PlainFloatVoxels {
    std::string dataPath;
    std::uint64_t offsetBytes = 0;
};

// Checks a NIfTI / NRRD / MetaImage map file before ITK reads its voxels, from its own header: spacing that is
// NaN, infinite, zero or negative, a direction that is zero or degenerate, a voxel data file outside the map's
// folder (unless allowed, see SaliencyDataFiles.h), and voxel data shorter than the header's dimensions need
// (which ITK would read as zeros or report as a missing file). Throws ProjectError "MAP: reason".
// Returns where the voxels lie when the header says they are plain Float32 (a MetaImage in this machine's byte
// order, at least as long as its dimensions need); nothing otherwise.
std::optional<PlainFloatVoxels> checkVolumeMapHeader(const std::string& mapPath);

// The same spacing / direction checks on what ITK made of any header (after ReadImageInformation).
void checkItkGeometry(itk::ImageIOBase& io, const std::string& mapPath);

// Columns and rows of a PNG from its IHDR chunk, without decoding it; nothing when it is not a PNG.
struct PngSize {
    int columns = 0;
    int rows = 0;
};
std::optional<PngSize> pngSize(const std::string& mapPath);

} // namespace radmark::storage::saliency
