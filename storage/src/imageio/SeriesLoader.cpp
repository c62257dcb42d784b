#include "radmark/storage/imageio/SeriesLoader.h"

#include "imageio/DicomPixelHeader.h"
#include "imageio/ParallelFor.h"
#include "imageio/PixelReader.h"
#include "imageio/VolumeAllocation.h"
#include "imageio/VolumeFileLoader.h"
#include "imageio/VoxelConversion.h"
#include "radmark/storage/project/ProjectError.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <set>

namespace radmark::storage {

namespace {

using annotation::ImageGeometry;
using annotation::ImageVolume;
using annotation::VoxelType;
using loading::ConversionMode;
using loading::DicomFileHeader;
using loading::FrameHeader;
using loading::ValueRange;

struct FrameRef {
    std::size_t header = 0;
    int frame = 0;
};

// The slices of the volume in k order, and what their positions said.
struct StackPlan {
    std::vector<FrameRef> order;
    annotation::SliceStackReport report;
    std::vector<std::string> warnings;
    bool placed = false;
};

const FrameHeader& frameOf(const std::vector<DicomFileHeader>& headers, const FrameRef& ref)
{
    return headers[ref.header].frames[static_cast<std::size_t>(ref.frame)];
}

std::string seriesLabel(const std::vector<DicomFileHeader>& headers)
{
    const DicomFileHeader& first = headers.front();
    return first.seriesInstanceUid.empty() ? "of " + first.filePath : first.seriesInstanceUid;
}

void requireOneSize(const std::vector<DicomFileHeader>& headers, const std::vector<FrameRef>& frames)
{
    std::map<std::pair<int, int>, int> counts;
    int colourFrames = 0;
    for (const FrameRef& ref : frames) {
        const auto& layout = headers[ref.header].layout;
        ++counts[{ layout.columns, layout.rows }];
        colourFrames += layout.isColour() ? 1 : 0;
    }
    if (counts.size() > 1) {
        std::vector<std::pair<int, std::pair<int, int>>> bySize;
        for (const auto& [size, count] : counts) {
            bySize.push_back({ count, size });
        }
        std::sort(bySize.rbegin(), bySize.rend());
        std::string sizes;
        for (const auto& [count, size] : bySize) {
            sizes += (sizes.empty() ? "" : ", ") + std::to_string(size.first) + "x" + std::to_string(size.second)
                + " \u00d7" + std::to_string(count);
        }
        throw ProjectError("series " + seriesLabel(headers) + " has slices of different sizes (" + sizes
            + "); one volume needs one size, so it was not loaded (first file " + headers.front().filePath + ")");
    }
    if (colourFrames != 0 && colourFrames != static_cast<int>(frames.size())) {
        throw ProjectError("series " + seriesLabel(headers) + " mixes colour and grayscale images ("
            + std::to_string(colourFrames) + " colour of " + std::to_string(frames.size())
            + "); it cannot form one volume");
    }
}

StackPlan planStack(const std::vector<DicomFileHeader>& headers, const std::vector<FrameRef>& frames)
{
    StackPlan plan;
    plan.placed = std::all_of(
        frames.begin(), frames.end(), [&](const FrameRef& ref) { return frameOf(headers, ref).placement.has_value(); });
    if (!plan.placed) {
        plan.order = frames;
        for (std::size_t n = 0; n < frames.size(); ++n) {
            plan.report.sortedOrder.push_back(n);
        }
        if (frames.size() > 1) {
            plan.warnings.push_back("not every slice has ImagePositionPatient/ImageOrientationPatient: slices kept in "
                                    "file order, 1 mm apart");
        }
        return plan;
    }
    std::vector<annotation::SlicePlacement> placements;
    for (const FrameRef& ref : frames) {
        placements.push_back(*frameOf(headers, ref).placement);
    }
    plan.report = annotation::analyzeSliceStack(placements);
    const std::set<std::size_t> duplicates(
        plan.report.duplicatePositions.begin(), plan.report.duplicatePositions.end());
    for (const std::size_t index : plan.report.sortedOrder) {
        if (duplicates.count(index) == 0) {
            plan.order.push_back(frames[index]);
        }
    }
    plan.warnings = plan.report.warnings();
    if (!duplicates.empty()) {
        plan.warnings.push_back("slices at a repeated position were left out: the first one read is shown");
    }
    return plan;
}

ImageGeometry buildGeometry(
    const std::vector<DicomFileHeader>& headers, const StackPlan& plan, std::vector<std::string>& warnings)
{
    const FrameRef& first = plan.order.front();
    const DicomFileHeader& firstHeader = headers[first.header];
    const FrameHeader& firstFrame = frameOf(headers, first);
    ImageGeometry geometry;
    geometry.columns = firstHeader.layout.columns;
    geometry.rows = firstHeader.layout.rows;
    geometry.slices = static_cast<int>(plan.order.size());
    if (firstFrame.rowSpacingMm && firstFrame.columnSpacingMm) {
        geometry.rowSpacingMm = *firstFrame.rowSpacingMm;
        geometry.columnSpacingMm = *firstFrame.columnSpacingMm;
    } else {
        geometry.pixelSpacingKnown = false;
        warnings.push_back("no PixelSpacing: 1 mm per pixel assumed, lengths are not in real millimetres");
    }
    for (std::size_t k = 0; k < plan.order.size(); ++k) {
        const FrameHeader& frame = frameOf(headers, plan.order[k]);
        if (plan.placed) {
            geometry.sliceOriginsLpsMm.push_back(frame.placement->positionLpsMm);
        } else {
            geometry.sliceOriginsLpsMm.push_back({ 0.0, 0.0, static_cast<double>(k) });
        }
    }
    if (plan.placed) {
        geometry.rowDirectionLps = firstFrame.placement->rowDirectionLps;
        geometry.columnDirectionLps = firstFrame.placement->columnDirectionLps;
    }
    if (plan.placed && plan.order.size() > 1 && plan.report.medianGapMm > 0.0) {
        geometry.sliceSpacingMm = plan.report.medianGapMm;
    } else if (plan.order.size() == 1 && firstHeader.sliceThicknessMm && *firstHeader.sliceThicknessMm > 0.0) {
        geometry.sliceSpacingMm = *firstHeader.sliceThicknessMm;
    } else {
        geometry.sliceSpacingMm = 1.0;
    }
    return geometry;
}

bool isWhole(double value)
{
    return std::floor(value) == value;
}

ConversionMode chooseMode(const std::vector<DicomFileHeader>& headers, const std::vector<FrameRef>& order)
{
    if (headers[order.front().header].layout.isColour()) {
        return ConversionMode::Rgb8;
    }
    bool whole = true;
    bool sixteenBitsAtMost = true;
    double lowest = std::numeric_limits<double>::max();
    double highest = std::numeric_limits<double>::lowest();
    for (const FrameRef& ref : order) {
        const auto& layout = headers[ref.header].layout;
        const FrameHeader& frame = frameOf(headers, ref);
        whole = whole && isWhole(frame.rescaleSlope) && isWhole(frame.rescaleIntercept);
        sixteenBitsAtMost = sixteenBitsAtMost && layout.bitsAllocated <= 16;
        const ValueRange stored = loading::storedValueRange(layout);
        const double a = frame.rescaleSlope * stored.lowest + frame.rescaleIntercept;
        const double b = frame.rescaleSlope * stored.highest + frame.rescaleIntercept;
        lowest = std::min({ lowest, a, b });
        highest = std::max({ highest, a, b });
    }
    if (whole && lowest >= -32768.0 && highest <= 32767.0) {
        return ConversionMode::DirectInt16;
    }
    if (whole && lowest >= 0.0 && highest <= 65535.0) {
        return ConversionMode::DirectUInt16;
    }
    return whole && sixteenBitsAtMost ? ConversionMode::Deferred16 : ConversionMode::Float32;
}

VoxelType containerType(ConversionMode mode)
{
    switch (mode) {
    case ConversionMode::DirectUInt16:
        return VoxelType::UInt16;
    case ConversionMode::Float32:
        return VoxelType::Float32;
    case ConversionMode::Rgb8:
        return VoxelType::Rgb8;
    default:
        return VoxelType::Int16; // Deferred16 keeps 16-bit stored values until it knows the range
    }
}

struct DecodeResult {
    std::vector<ValueRange> sliceRanges; // per k
    std::vector<std::uint8_t> sliceConverted; // per k: 1 once its range is in sliceRanges
    std::vector<std::string> fileErrors; // per header, empty when decoded
};

DecodeResult decodeInto(std::vector<DicomFileHeader>& headers, const StackPlan& plan, ConversionMode mode,
    ImageVolume& volume, unsigned threads)
{
    std::vector<std::vector<int>> sliceOf(headers.size());
    for (std::size_t h = 0; h < headers.size(); ++h) {
        sliceOf[h].assign(headers[h].frames.size(), -1);
    }
    for (std::size_t k = 0; k < plan.order.size(); ++k) {
        sliceOf[plan.order[k].header][static_cast<std::size_t>(plan.order[k].frame)] = static_cast<int>(k);
    }
    DecodeResult result;
    result.sliceRanges.resize(plan.order.size());
    result.sliceConverted.assign(plan.order.size(), 0);
    result.fileErrors.resize(headers.size());
    const bool sixteenBitTarget = mode != ConversionMode::Float32 && mode != ConversionMode::Rgb8;
    const unsigned workers = loading::workerCount(threads, headers.size());
    std::vector<std::vector<std::uint8_t>> scratch(workers);
    loading::parallelFor(headers.size(), workers, [&](std::size_t h, unsigned worker) {
        DicomFileHeader& header = headers[h];
        const bool direct = sixteenBitTarget && header.layout.bitsAllocated == 16 && !header.layout.isColour();
        const auto target = [&](int frame) -> void* {
            const int k = sliceOf[h][static_cast<std::size_t>(frame)];
            return direct && k >= 0 ? volume.sliceData(k) : nullptr;
        };
        const auto consume = [&](int frame, const void* raw) {
            const int k = sliceOf[h][static_cast<std::size_t>(frame)];
            if (k < 0) {
                return;
            }
            const FrameHeader& frameHeader = header.frames[static_cast<std::size_t>(frame)];
            result.sliceRanges[static_cast<std::size_t>(k)] = loading::convertFrame(
                raw, header.layout, frameHeader.rescaleSlope, frameHeader.rescaleIntercept, mode, volume.sliceData(k));
            result.sliceConverted[static_cast<std::size_t>(k)] = 1;
        };
        try {
            loading::readFrames(header, scratch[worker], target, consume);
        } catch (const std::exception& error) {
            result.fileErrors[h] = error.what();
        }
        header.file.reset(); // frees the parsed (and for compressed files, decoded) object early
    });
    return result;
}

// Deferred16: the real range is known now; rescale the stored values into the narrowest type.
std::shared_ptr<ImageVolume> finishDeferred(const std::shared_ptr<ImageVolume>& volume,
    const std::vector<DicomFileHeader>& headers, const StackPlan& plan, const std::vector<ValueRange>& storedRanges)
{
    double lowest = std::numeric_limits<double>::max();
    double highest = std::numeric_limits<double>::lowest();
    for (std::size_t k = 0; k < plan.order.size(); ++k) {
        const FrameHeader& frame = frameOf(headers, plan.order[k]);
        const double a = frame.rescaleSlope * storedRanges[k].lowest + frame.rescaleIntercept;
        const double b = frame.rescaleSlope * storedRanges[k].highest + frame.rescaleIntercept;
        lowest = std::min({ lowest, a, b });
        highest = std::max({ highest, a, b });
    }
    VoxelType target = VoxelType::Float32;
    if (lowest >= -32768.0 && highest <= 32767.0) {
        target = VoxelType::Int16;
    } else if (lowest >= 0.0 && highest <= 65535.0) {
        target = VoxelType::UInt16;
    }
    auto result = target == VoxelType::Float32 ? loading::allocateVolumeForWriting(volume->geometry(), target) : volume;
    const std::size_t pixels = static_cast<std::size_t>(volume->geometry().columns) * volume->geometry().rows;
    for (std::size_t k = 0; k < plan.order.size(); ++k) {
        const FrameRef& ref = plan.order[k];
        const FrameHeader& frame = frameOf(headers, ref);
        const int slice = static_cast<int>(k);
        loading::rescaleStoredSlice(static_cast<const std::uint16_t*>(volume->sliceData(slice)), pixels,
            headers[ref.header].layout.pixelSigned, frame.rescaleSlope, frame.rescaleIntercept, target,
            result->sliceData(slice));
    }
    if (target != VoxelType::Float32) {
        // Rewritten in place: only the type tag changes (Int16 and UInt16 have the same size).
        result->reinterpretVoxelType(target);
    }
    return result;
}

} // namespace

LoadedSeries loadSeriesFiles(const std::vector<std::string>& filePaths, const SeriesLoadOptions& options)
{
    if (filePaths.empty()) {
        throw ProjectError("cannot load a series: no files were given");
    }
    if (filePaths.size() == 1 && loading::isVolumeFilePath(filePaths.front())) {
        return loading::loadVolumeFile(filePaths.front());
    }
    loading::ensureDicomCodecsRegistered();

    LoadedSeries loaded;
    std::vector<std::optional<DicomFileHeader>> parsed(filePaths.size());
    std::vector<std::string> readErrors(filePaths.size());
    loading::parallelFor(
        filePaths.size(), loading::workerCount(options.threads, filePaths.size()), [&](std::size_t n, unsigned) {
            try {
                parsed[n] = loading::readDicomHeader(filePaths[n]);
            } catch (const std::exception& error) {
                readErrors[n] = error.what();
            }
        });
    std::vector<DicomFileHeader> headers;
    std::string firstError;
    for (std::size_t n = 0; n < filePaths.size(); ++n) {
        if (parsed[n]) {
            headers.push_back(std::move(*parsed[n]));
        } else {
            loaded.warnings.push_back("left out: " + readErrors[n]);
            firstError = firstError.empty() ? readErrors[n] : firstError;
        }
    }
    if (headers.empty()) {
        throw ProjectError(filePaths.size() == 1 ? firstError
                                                 : "cannot load the series: none of its "
                    + std::to_string(filePaths.size()) + " files could be read (first: " + firstError + ")");
    }

    std::vector<FrameRef> frames;
    for (std::size_t h = 0; h < headers.size(); ++h) {
        for (const FrameHeader& frame : headers[h].frames) {
            frames.push_back({ h, frame.frameIndex });
        }
    }
    requireOneSize(headers, frames);
    StackPlan plan = planStack(headers, frames);
    const ConversionMode mode = chooseMode(headers, plan.order);
    std::vector<std::string> geometryWarnings;
    auto volume
        = loading::allocateVolumeForWriting(buildGeometry(headers, plan, geometryWarnings), containerType(mode));
    DecodeResult decoded = decodeInto(headers, plan, mode, *volume, options.threads);

    std::vector<FrameRef> survivors;
    for (const FrameRef& ref : plan.order) {
        if (decoded.fileErrors[ref.header].empty()) {
            survivors.push_back(ref);
        }
    }
    for (const std::string& error : decoded.fileErrors) {
        if (!error.empty()) {
            loaded.warnings.push_back("left out: " + error);
        }
    }
    if (survivors.empty()) {
        throw ProjectError("cannot load the series: no image could be decoded (" + loaded.warnings.front() + ")");
    }
    if (survivors.size() != plan.order.size()) {
        std::map<std::pair<std::size_t, int>, int> oldSlice;
        for (std::size_t k = 0; k < plan.order.size(); ++k) {
            oldSlice[{ plan.order[k].header, plan.order[k].frame }] = static_cast<int>(k);
        }
        StackPlan kept = planStack(headers, survivors);
        geometryWarnings.clear();
        auto compact
            = loading::allocateVolumeForWriting(buildGeometry(headers, kept, geometryWarnings), volume->voxelType());
        std::vector<ValueRange> keptRanges;
        std::vector<std::uint8_t> keptConverted;
        for (std::size_t k = 0; k < kept.order.size(); ++k) {
            const int from = oldSlice[{ kept.order[k].header, kept.order[k].frame }];
            std::memcpy(compact->sliceData(static_cast<int>(k)), volume->sliceData(from), volume->sliceByteCount());
            keptRanges.push_back(decoded.sliceRanges[static_cast<std::size_t>(from)]);
            keptConverted.push_back(decoded.sliceConverted[static_cast<std::size_t>(from)]);
        }
        plan = std::move(kept);
        volume = compact;
        decoded.sliceRanges = std::move(keptRanges);
        decoded.sliceConverted = std::move(keptConverted);
    }
    if (mode == ConversionMode::Deferred16) {
        volume = finishDeferred(volume, headers, plan, decoded.sliceRanges);
    } else if (mode != ConversionMode::Rgb8
        && std::all_of(
            decoded.sliceConverted.begin(), decoded.sliceConverted.end(), [](std::uint8_t c) { return c; })) {
        // The range of every value written, summed up while converting: no pass over the series for it later.
        double lowest = std::numeric_limits<double>::max();
        double highest = std::numeric_limits<double>::lowest();
        for (const ValueRange& range : decoded.sliceRanges) {
            lowest = std::min(lowest, range.lowest);
            highest = std::max(highest, range.highest);
        }
        volume->setKnownValueRange(lowest, highest);
    }

    const DicomFileHeader& first = headers[plan.order.front().header];
    volume->setSourceWindows(first.windows);
    if (first.modality == "CT" && mode != ConversionMode::Rgb8) {
        volume->setValueUnit("HU");
    }
    loaded.volume = volume;
    for (const FrameRef& ref : plan.order) {
        loaded.sliceSources.push_back({ headers[ref.header].filePath, headers[ref.header].sopInstanceUid, ref.frame });
    }
    loaded.stackReport = plan.report;
    loaded.warnings.insert(loaded.warnings.begin(), plan.warnings.begin(), plan.warnings.end());
    loaded.warnings.insert(loaded.warnings.end(), geometryWarnings.begin(), geometryWarnings.end());
    loaded.patientAge = first.patientAge;
    loaded.patientSex = first.patientSex;
    loaded.modality = first.modality;
    return loaded;
}

} // namespace radmark::storage
