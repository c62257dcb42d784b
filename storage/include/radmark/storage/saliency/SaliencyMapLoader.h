#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/annotation/saliency/SaliencyValues.h"
#include "radmark/storage/project/SaliencyStore.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

// A saliency map on the voxel grid of its series (Float32, NaN/Inf replaced by 0).
//
// A map placed with its shown slice checked first (placeSaliencyMap with `shownSlice`) is not complete yet: only
// that slice is known free of NaN/Inf, and `summary` (so the volume's cached range) covers that slice alone; its
// other slices are not written while it is shown. completeSaliencyValues (on a worker) and finishSaliencyValues
// (where the map is kept) do the rest.
struct LoadedSaliencyMap {
    std::shared_ptr<const annotation::ImageVolume> values;
    annotation::SaliencyValueSummary summary;
    bool sameGrid = false;
    std::string grid; // "series grid", "slice 12 of the series", "resampled from ..."
    std::vector<std::string> warnings; // sentences, each naming the file (the value warnings once complete)
    bool summaryComplete = true; // false: `summary` is the shown slice's
    bool summaryFromCache = false; // the summary is the project's, no voxel was visited for it
    std::optional<SaliencyFileStamp> fileStamp; // of the file as it was read
    std::shared_ptr<annotation::ImageVolume> valuesToComplete; // `values`, while not complete

    // What the project should keep for the file: the complete summary with the file's stamp (nullopt before).
    std::optional<SaliencyFileValues> fileValues() const;
};

// A map file's values on the file's own geometry. With the pass done (summaryComplete), NaN/Inf are replaced by 0
// and the value range is cached in `values`; a deferred pass leaves the voxels as the file has them.
struct SaliencyMapFile {
    std::shared_ptr<annotation::ImageVolume> values;
    annotation::SaliencyValueSummary summary; // valid when summaryComplete
    bool summaryComplete = false;
    bool summaryFromCache = false;
    std::optional<SaliencyFileStamp> stamp; // size and modification time, taken before the voxels were read
};

// When the pass over every voxel of a map file (NaN/Inf to 0, counts, range) is done: while reading, or left to
// placeSaliencyMap, which may do the shown slice first.
enum class SaliencyValuePass { WhileReading, Deferred };

// The file's size and modification time; nullopt when the file system does not tell.
std::optional<SaliencyFileStamp> saliencyFileStamp(const std::string& mapPath);

// Reads a map file (the slow part, which may run on a worker while its series loads). Throws ProjectError naming
// the file. `cached` (the project's, SaliencyStore::fileValues) is used instead of a pass over the voxels when it
// was summed up from this very file (same size and modification time) and found no NaN/Inf: then no voxel is
// visited. A file with NaN/Inf is always read through (they must be replaced), while reading when the cache says
// so even if the pass was to be deferred.
SaliencyMapFile readSaliencyMapFile(const std::string& mapPath,
    const std::optional<SaliencyFileValues>& cached = std::nullopt,
    SaliencyValuePass pass = SaliencyValuePass::WhileReading);

// Puts a read map on the series grid (see loadSaliencyMap). A map already on the series grid is shared, not
// copied. For a file read with its pass deferred: a map on the series grid with `shownSlice` (0-based, the slice
// the view will show) has that slice made usable and summed up alone (the result is not complete, see
// LoadedSaliencyMap); any other map gets the whole pass here. The pass writes into `file.values`. Throws
// ProjectError naming the file.
LoadedSaliencyMap placeSaliencyMap(const SaliencyMapFile& file, const std::string& mapPath,
    const annotation::ImageGeometry& seriesGeometry, std::optional<int> sliceIndex = std::nullopt,
    std::optional<int> shownSlice = std::nullopt);

// The rest of an incomplete map's pass, meant for a worker while the map is shown: every voxel summed up without
// writing any; when NaN/Inf turn up, a copy with them replaced by 0 (range cached) takes the map's place.
struct SaliencyValueCompletion {
    annotation::SaliencyValueSummary summary;
    std::shared_ptr<annotation::ImageVolume> sanitizedCopy; // null when there was nothing to replace
};
// `replacedBefore`: the NaN/Inf voxels already replaced by 0 in `values` (the shown slice's, the incomplete map's
// summary.nonFiniteCount): they count with the file's, which the project keeps for the next time it is shown.
SaliencyValueCompletion completeSaliencyValues(const annotation::ImageVolume& values, std::size_t replacedBefore);

// Applies a completion to the map it was computed for (where the map is kept, e.g. the GUI thread): the complete
// summary and range, the copy if any, the value warnings (naming `mapPath`). Nothing for a complete map.
void finishSaliencyValues(
    LoadedSaliencyMap& map, const SaliencyValueCompletion& completion, const std::string& mapPath);

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
