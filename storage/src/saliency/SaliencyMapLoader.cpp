#include "radmark/storage/saliency/SaliencyMapLoader.h"

#include "radmark/annotation/saliency/SaliencyResampling.h"
#include "radmark/storage/project/ProjectError.h"
#include "saliency/SaliencyFileReader.h"

#include <cstdio>
#include <cstring>

namespace radmark::storage {

namespace {

using annotation::ImageGeometry;
using annotation::ImageVolume;

std::string sizeText(const ImageGeometry& g)
{
    return std::to_string(g.columns) + " x " + std::to_string(g.rows) + " x " + std::to_string(g.slices);
}

std::string resampledText(const ImageGeometry& g)
{
    char text[160];
    std::snprintf(text, sizeof(text), "resampled from %s, %.3g x %.3g x %.3g mm", sizeText(g).c_str(),
        g.columnSpacingMm, g.rowSpacingMm, g.sliceSpacingMm);
    return text;
}

} // namespace

SaliencyMapFile readSaliencyMapFile(const std::string& mapPath)
{
    SaliencyMapFile file;
    file.values = saliency::readSaliencyFile(mapPath);
    // One pass: NaN/Inf replaced, and the value range cached for the overlay (off the GUI thread).
    file.summary = annotation::sanitizeSaliencyValues(*file.values);
    return file;
}

LoadedSaliencyMap placeSaliencyMap(const SaliencyMapFile& file, const std::string& mapPath,
    const ImageGeometry& seriesGeometry, std::optional<int> sliceIndex)
{
    const ImageGeometry& fileGeometry = file.values->geometry();
    LoadedSaliencyMap loaded;
    loaded.summary = file.summary;
    if (sliceIndex || saliency::isPngPath(mapPath)) {
        if (!sliceIndex) {
            throw ProjectError(mapPath
                + ": a PNG map has no position: give the series slice it belongs to "
                  "(manifest column slice, 1-based)");
        }
        if (*sliceIndex < 0 || *sliceIndex >= seriesGeometry.slices) {
            throw ProjectError(mapPath + ": slice " + std::to_string(*sliceIndex + 1) + " is outside the series (1.."
                + std::to_string(seriesGeometry.slices) + ")");
        }
        if (fileGeometry.slices != 1 || fileGeometry.columns != seriesGeometry.columns
            || fileGeometry.rows != seriesGeometry.rows) {
            throw ProjectError(mapPath + ": wrong dimensions: the map is " + sizeText(fileGeometry)
                + ", one slice of the series is " + std::to_string(seriesGeometry.columns) + " x "
                + std::to_string(seriesGeometry.rows) + " x 1");
        }
        auto values = std::make_shared<ImageVolume>(seriesGeometry, annotation::VoxelType::Float32);
        std::memcpy(values->sliceData(*sliceIndex), file.values->data(), file.values->byteCount());
        loaded.values = values;
        loaded.grid = "slice " + std::to_string(*sliceIndex + 1) + " of the series";
    } else if (annotation::isSameGrid(fileGeometry, seriesGeometry)) {
        // The common case (a model run on the series itself): shared as it is, no resampling.
        loaded.values = file.values;
        loaded.sameGrid = true;
        loaded.grid = "series grid";
    } else {
        annotation::ResampledMap resampled = annotation::resampleOntoGrid(*file.values, seriesGeometry);
        if (resampled.coveredVoxelCount == 0) {
            throw ProjectError(mapPath + ": the map's grid (" + sizeText(fileGeometry)
                + ") does not overlap the series anywhere in patient space (check its affine / origin)");
        }
        loaded.grid = resampledText(fileGeometry);
        if (resampled.coveredVoxelCount < seriesGeometry.voxelCount()) {
            char text[80];
            std::snprintf(text, sizeof(text), "the map covers %.1f %% of the series (0 elsewhere)",
                100.0 * static_cast<double>(resampled.coveredVoxelCount)
                    / static_cast<double>(seriesGeometry.voxelCount()));
            loaded.warnings.push_back(mapPath + ": " + text);
        }
        loaded.values = std::make_shared<const ImageVolume>(std::move(resampled.values));
        loaded.values->valueRange(); // cached here, on the loading thread, for the overlay
    }
    if (fileGeometry.columns * fileGeometry.rows * fileGeometry.slices == 0) {
        throw ProjectError(mapPath + ": the map has no voxels");
    }
    for (const std::string& warning : loaded.summary.warnings()) {
        loaded.warnings.push_back(mapPath + ": " + warning);
    }
    return loaded;
}

LoadedSaliencyMap loadSaliencyMap(
    const std::string& mapPath, const ImageGeometry& seriesGeometry, std::optional<int> sliceIndex)
{
    return placeSaliencyMap(readSaliencyMapFile(mapPath), mapPath, seriesGeometry, sliceIndex);
}

} // namespace radmark::storage
