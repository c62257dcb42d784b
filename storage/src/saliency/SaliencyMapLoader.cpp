#include "radmark/storage/saliency/SaliencyMapLoader.h"

#include "radmark/annotation/saliency/SaliencyResampling.h"
#include "radmark/storage/project/ProjectError.h"
#include "saliency/SaliencyFileReader.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

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

std::optional<SaliencyFileValues> LoadedSaliencyMap::fileValues() const
{
    if (!summaryComplete || !fileStamp) {
        return std::nullopt;
    }
    return SaliencyFileValues { *fileStamp, summary };
}

std::optional<SaliencyFileStamp> saliencyFileStamp(const std::string& mapPath)
{
    std::error_code error;
    const auto size = std::filesystem::file_size(mapPath, error);
    if (error) {
        return std::nullopt;
    }
    const auto modified = std::filesystem::last_write_time(mapPath, error);
    if (error) {
        return std::nullopt;
    }
    SaliencyFileStamp stamp;
    stamp.sizeBytes = static_cast<std::int64_t>(size);
    stamp.modifiedNs = std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch()).count();
    return stamp;
}

SaliencyMapFile readSaliencyMapFile(
    const std::string& mapPath, const std::optional<SaliencyFileValues>& cached, SaliencyValuePass pass)
{
    SaliencyMapFile file;
    // Taken before the voxels: a file changed while it is read is not kept under its new stamp.
    file.stamp = saliencyFileStamp(mapPath);
    file.values = saliency::readSaliencyFile(mapPath);
    const bool cacheFits = cached && file.stamp && cached->stamp == *file.stamp && cached->summary.nonFiniteCount == 0
        && file.values->voxelType() == annotation::VoxelType::Float32;
    if (cacheFits) {
        // The same file, and nothing in it to replace: its range is known.
        file.summary = cached->summary;
        file.values->setKnownValueRange(file.summary.minimum, file.summary.maximum);
        file.summaryComplete = true;
        file.summaryFromCache = true;
    } else if (pass == SaliencyValuePass::WhileReading || (cached && file.stamp && cached->stamp == *file.stamp)) {
        // One pass: NaN/Inf replaced, and the value range cached for the overlay (off the GUI thread). A file
        // known to hold NaN/Inf gets it here even when deferred: it needs the whole pass anyway, in place.
        file.summary = annotation::sanitizeSaliencyValues(*file.values);
        file.summaryComplete = true;
    }
    return file;
}

LoadedSaliencyMap placeSaliencyMap(const SaliencyMapFile& file, const std::string& mapPath,
    const ImageGeometry& seriesGeometry, std::optional<int> sliceIndex, std::optional<int> shownSlice)
{
    const ImageGeometry& fileGeometry = file.values->geometry();
    LoadedSaliencyMap loaded;
    loaded.summary = file.summary;
    loaded.summaryFromCache = file.summaryFromCache;
    loaded.fileStamp = file.stamp;
    if (!file.summaryComplete) {
        const bool sliceFirst = !sliceIndex && !saliency::isPngPath(mapPath) && shownSlice && *shownSlice >= 0
            && *shownSlice < fileGeometry.slices && fileGeometry.slices > 1
            && annotation::isSameGrid(fileGeometry, seriesGeometry);
        if (sliceFirst) {
            // The slice the view shows first, alone: its NaN/Inf replaced and its range the overlay's for now.
            loaded.summary = annotation::sanitizeSaliencySlice(*file.values, *shownSlice);
            file.values->setKnownValueRange(loaded.summary.minimum, loaded.summary.maximum);
            loaded.summaryComplete = false;
            loaded.valuesToComplete = file.values;
        } else {
            loaded.summary = annotation::sanitizeSaliencyValues(*file.values);
        }
    }
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
    if (loaded.summaryComplete) {
        for (const std::string& warning : loaded.summary.warnings()) {
            loaded.warnings.push_back(mapPath + ": " + warning);
        }
    }
    return loaded;
}

SaliencyValueCompletion completeSaliencyValues(const ImageVolume& values, std::size_t replacedBefore)
{
    SaliencyValueCompletion completion;
    if (values.voxelType() != annotation::VoxelType::Float32) {
        return completion;
    }
    completion.summary
        = annotation::summarizeSaliencyValues(static_cast<const float*>(values.data()), values.voxelCount());
    if (completion.summary.nonFiniteCount > 0) {
        // The shown map is not written while it is drawn: a clean copy replaces it.
        auto copy = std::make_shared<ImageVolume>(values);
        annotation::sanitizeSaliencyValues(*copy);
        completion.sanitizedCopy = std::move(copy);
    }
    completion.summary.nonFiniteCount += replacedBefore;
    return completion;
}

void finishSaliencyValues(LoadedSaliencyMap& map, const SaliencyValueCompletion& completion, const std::string& mapPath)
{
    if (map.summaryComplete) {
        return;
    }
    map.summary = completion.summary;
    if (completion.sanitizedCopy) {
        map.values = completion.sanitizedCopy;
    } else if (map.valuesToComplete) {
        map.valuesToComplete->setKnownValueRange(map.summary.minimum, map.summary.maximum);
    }
    map.valuesToComplete.reset();
    map.summaryComplete = true;
    for (const std::string& warning : map.summary.warnings()) {
        map.warnings.push_back(mapPath + ": " + warning);
    }
}

LoadedSaliencyMap loadSaliencyMap(
    const std::string& mapPath, const ImageGeometry& seriesGeometry, std::optional<int> sliceIndex)
{
    return placeSaliencyMap(readSaliencyMapFile(mapPath), mapPath, seriesGeometry, sliceIndex);
}

} // namespace radmark::storage
