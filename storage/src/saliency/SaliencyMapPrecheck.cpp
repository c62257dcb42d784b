#include "saliency/SaliencyMapPrecheck.h"

#include "imageio/VolumeFileIo.h"
#include "saliency/SaliencyFileChecks.h"
#include "saliency/SaliencyFileReader.h"

#include <algorithm>

namespace radmark::storage::saliency {

namespace {

std::string sliceRefusal(
    const std::string& mapPath, const SeriesSummary& series, int columns, int rows, int slices, int sliceIndex)
{
    if (series.frames > 0 && (sliceIndex < 0 || sliceIndex >= series.frames)) {
        return mapPath + ": slice " + std::to_string(sliceIndex + 1) + " is outside the series (1.."
            + std::to_string(series.frames) + ")";
    }
    if (series.distinctSizes == 1 && (slices != 1 || columns != series.columns || rows != series.rows)) {
        return mapPath + ": wrong dimensions: the map is " + std::to_string(columns) + " x " + std::to_string(rows)
            + " x " + std::to_string(slices) + ", one slice of the series is " + std::to_string(series.columns) + " x "
            + std::to_string(series.rows) + " x 1";
    }
    return {};
}

} // namespace

std::string saliencyMapRefusal(const std::string& mapPath, const SeriesSummary& series, std::optional<int> sliceIndex)
{
    try {
        if (isPngPath(mapPath)) {
            const std::optional<PngSize> size = pngSize(mapPath);
            if (!size) {
                return mapPath + ": not a PNG file (no PNG signature and IHDR chunk)";
            }
            if (!sliceIndex) {
                return mapPath
                    + ": a PNG map has no position: give the series slice it belongs to (manifest column "
                      "slice, 1-based)";
            }
            return sliceRefusal(mapPath, series, size->columns, size->rows, 1, *sliceIndex);
        }
        itk::ImageIOBase::Pointer io = loading::imageIoFor(mapPath);
        if (io.IsNull()) {
            return {}; // DICOM: judged when loaded
        }
        checkVolumeMapHeader(mapPath);
        io->SetFileName(mapPath);
        if (!io->CanReadFile(mapPath.c_str())) {
            return mapPath + ": not a readable NIfTI, NRRD or MetaImage file";
        }
        io->ReadImageInformation();
        checkItkGeometry(*io, mapPath);
        if (sliceIndex) {
            const unsigned dimensions = io->GetNumberOfDimensions();
            const auto extent
                = [&](unsigned axis) { return axis < dimensions ? static_cast<int>(io->GetDimensions(axis)) : 1; };
            return sliceRefusal(mapPath, series, extent(0), extent(1), extent(2), *sliceIndex);
        }
        return {};
    } catch (const itk::ExceptionObject& error) {
        return mapPath + ": " + error.GetDescription();
    } catch (const std::exception& error) {
        return error.what();
    }
}

} // namespace radmark::storage::saliency
