#pragma once

#include "radmark/storage/imageio/SeriesLoader.h"

#include <string>

namespace radmark::storage::loading {

// NIfTI (.nii, .nii.gz, .hdr/.img), NRRD (.nrrd, .nhdr) and MetaImage (.mha, .mhd), by extension.
bool isVolumeFilePath(const std::string& filePath);

// Reads a volume file through ITK into an ImageVolume on its LPS geometry. Throws ProjectError.
LoadedSeries loadVolumeFile(const std::string& filePath);

} // namespace radmark::storage::loading
