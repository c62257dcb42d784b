#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/annotation/saliency/SaliencyValues.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

// A saliency map on the voxel grid of its series (Float32, NaN/Inf replaced by 0).
struct LoadedSaliencyMap {
    std::shared_ptr<const annotation::ImageVolume> values;
    annotation::SaliencyValueSummary summary;
    bool sameGrid = false;
    std::string grid; // "series grid", "slice 12 of the series", "resampled from ..."
    std::vector<std::string> warnings; // sentences, each naming the file
};

// A map file's values on the file's own geometry, NaN/Inf already replaced by 0 (value range cached).
struct SaliencyMapFile {
    std::shared_ptr<annotation::ImageVolume> values;
    annotation::SaliencyValueSummary summary;
};

// Reads a map file (the slow part, which may run on a worker while its series loads). Throws
// ProjectError naming the file.
SaliencyMapFile readSaliencyMapFile(const std::string& mapPath);

// Puts a read map on the series grid (see loadSaliencyMap). A map already on the series grid is
// shared, not copied. Throws ProjectError naming the file.
LoadedSaliencyMap placeSaliencyMap(const SaliencyMapFile& file, const std::string& mapPath,
    const annotation::ImageGeometry& seriesGeometry, std::optional<int> sliceIndex = std::nullopt);

// Reads a saliency map and puts it on the series grid:
// - NIfTI, NRRD, MetaImage: on the series grid, or on any grid whose affine places it in the patient
//   (resampled, trilinear; ITK gives every format's geometry in LPS);
// - DICOM Parametric Map (float pixel data, per-frame plane positions) or any DICOM image: placed by
//   its own geometry like the volume files;
// - PNG (greyscale) or a one-slice volume file with `sliceIndex` (0-based series slice): laid on that
//   slice as it is; its columns x rows must be the series'.
// Throws ProjectError "MAP: reason" when the file cannot be read, has the wrong dimensions, or does
// not overlap the series at all.
LoadedSaliencyMap loadSaliencyMap(const std::string& mapPath, const annotation::ImageGeometry& seriesGeometry,
    std::optional<int> sliceIndex = std::nullopt);

} // namespace radmark::storage
