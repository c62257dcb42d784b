#include "saliency/SaliencyFileReader.h"

#include "imageio/VolumeAllocation.h"
#include "imageio/VolumeFileIo.h"
#include "radmark/annotation/AsciiText.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/ProjectError.h"
#include "saliency/MappedVoxelFile.h"
#include "saliency/ParametricMapReader.h"
#include "saliency/PngMapReader.h"
#include "saliency/SaliencyFileChecks.h"

#include <itkPNGImageIO.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <vector>

namespace radmark::storage::saliency {

namespace {

using annotation::ImageVolume;
using annotation::VoxelType;

template <typename T>
void convert(const std::vector<char>& buffer, std::size_t voxels, std::size_t components, float* out)
{
    const auto* data = reinterpret_cast<const T*>(buffer.data());
    for (std::size_t n = 0; n < voxels; ++n) {
        out[n] = static_cast<float>(data[n * components]);
    }
}

// True when every voxel's components are equal (a grey picture saved as RGB).
template <typename T> bool componentsEqual(const std::vector<char>& buffer, std::size_t voxels, std::size_t components)
{
    const auto* data = reinterpret_cast<const T*>(buffer.data());
    for (std::size_t n = 0; n < voxels; ++n) {
        for (std::size_t c = 1; c < components; ++c) {
            if (data[n * components + c] != data[n * components]) {
                return false;
            }
        }
    }
    return true;
}

std::shared_ptr<ImageVolume> readWithItk(itk::ImageIOBase::Pointer io, const std::string& filePath, bool isPng)
{
    try {
        std::optional<PlainFloatVoxels> plain;
        if (!isPng) {
            // Before ITK: its reader misreports some of these, or reads past them.
            plain = checkVolumeMapHeader(filePath);
        }
        io->SetFileName(filePath);
        if (!io->CanReadFile(filePath.c_str())) {
            throw ProjectError(
                filePath + ": not a readable " + std::string(isPng ? "PNG" : "NIfTI, NRRD or MetaImage") + " file");
        }
        io->ReadImageInformation();
        if (!isPng) {
            checkItkGeometry(*io, filePath);
        }
        const unsigned dimensions = io->GetNumberOfDimensions();
        std::array<std::size_t, 3> size { 1, 1, 1 };
        for (unsigned axis = 0; axis < std::min(3u, dimensions); ++axis) {
            size[axis] = io->GetDimensions(axis);
        }
        itk::ImageIORegion region(dimensions);
        for (unsigned axis = 0; axis < dimensions; ++axis) {
            region.SetIndex(axis, 0);
            region.SetSize(axis, axis < 3 ? io->GetDimensions(axis) : 1);
        }
        io->SetIORegion(region);
        const std::size_t voxels = size[0] * size[1] * size[2];
        const std::size_t components = io->GetNumberOfComponents();
        annotation::ImageGeometry geometry = loading::geometryOf(*io, size);
        if (isPng) {
            // PNG has no placement: the loader lays it on a series slice by index.
            geometry = annotation::ImageGeometry::regular(static_cast<int>(size[0]), static_cast<int>(size[1]), 1, 1.0,
                1.0, {}, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 });
        }
        const auto type = io->GetComponentType();
        if (plain && type == itk::IOComponentEnum::FLOAT && components == 1) {
            // The voxels as they lie in the page cache: no fresh memory to zero, no copy (see MappedVoxelFile.h).
            if (std::shared_ptr<ImageVolume> mapped = mapFloatVoxels(*plain, geometry)) {
                return mapped;
            }
        }
        std::shared_ptr<ImageVolume> volume = loading::allocateVolumeForWriting(geometry, VoxelType::Float32);
        auto* out = static_cast<float*>(volume->data());
        if (type == itk::IOComponentEnum::FLOAT && components == 1) {
            io->Read(out);
            return volume;
        }
        std::vector<char> buffer(io->GetImageSizeInBytes());
        io->Read(buffer.data());
        if (components > 1) {
            const bool grey = type == itk::IOComponentEnum::UCHAR
                ? componentsEqual<std::uint8_t>(buffer, voxels, components)
                : type == itk::IOComponentEnum::USHORT ? componentsEqual<std::uint16_t>(buffer, voxels, components)
                                                       : false;
            if (!grey) {
                throw ProjectError(filePath + ": has " + std::to_string(components)
                    + " values per voxel (a colour picture?): a saliency map needs one value per voxel");
            }
        }
        switch (type) {
        case itk::IOComponentEnum::UCHAR:
            convert<std::uint8_t>(buffer, voxels, components, out);
            break;
        case itk::IOComponentEnum::CHAR:
            convert<std::int8_t>(buffer, voxels, components, out);
            break;
        case itk::IOComponentEnum::USHORT:
            convert<std::uint16_t>(buffer, voxels, components, out);
            break;
        case itk::IOComponentEnum::SHORT:
            convert<std::int16_t>(buffer, voxels, components, out);
            break;
        case itk::IOComponentEnum::UINT:
            convert<std::uint32_t>(buffer, voxels, components, out);
            break;
        case itk::IOComponentEnum::INT:
            convert<std::int32_t>(buffer, voxels, components, out);
            break;
        case itk::IOComponentEnum::FLOAT:
            convert<float>(buffer, voxels, components, out);
            break;
        case itk::IOComponentEnum::DOUBLE:
            convert<double>(buffer, voxels, components, out);
            break;
        default:
            throw ProjectError(filePath + ": unsupported voxel type for a saliency map");
        }
        return volume;
    } catch (const itk::ExceptionObject& error) {
        throw ProjectError(filePath + ": " + error.GetDescription());
    }
}

std::shared_ptr<ImageVolume> readDicom(const std::string& filePath)
{
    if (std::optional<ImageVolume> floatMap = readFloatDicom(filePath)) {
        return std::make_shared<ImageVolume>(std::move(*floatMap));
    }
    LoadedSeries loaded = loadSeriesFiles({ filePath });
    const ImageVolume& image = *loaded.volume;
    if (image.voxelType() == VoxelType::Rgb8) {
        throw ProjectError(filePath + ": a colour DICOM image: a saliency map needs one value per voxel");
    }
    if (image.voxelType() == VoxelType::Float32) {
        return loaded.volume;
    }
    std::shared_ptr<ImageVolume> volume = loading::allocateVolumeForWriting(image.geometry(), VoxelType::Float32);
    auto* out = static_cast<float*>(volume->data());
    const annotation::ImageGeometry& g = image.geometry();
    for (int k = 0; k < g.slices; ++k) {
        for (int j = 0; j < g.rows; ++j) {
            for (int i = 0; i < g.columns; ++i) {
                *out++ = static_cast<float>(image.valueAt(i, j, k));
            }
        }
    }
    return volume;
}

} // namespace

bool isPngPath(const std::string& filePath)
{
    return annotation::endsWith(annotation::lowerAscii(filePath), ".png");
}

std::shared_ptr<ImageVolume> readSaliencyFile(const std::string& filePath)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(filePath, error)) {
        throw ProjectError(filePath + ": file not found");
    }
    if (isPngPath(filePath)) {
        return readPngSaliencyMap(filePath); // libpng with an error handler that cannot abort the process
    }
    if (itk::ImageIOBase::Pointer io = loading::imageIoFor(filePath); io.IsNotNull()) {
        return readWithItk(io, filePath, false);
    }
    return readDicom(filePath);
}

} // namespace radmark::storage::saliency
