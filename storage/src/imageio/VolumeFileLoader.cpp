#include "imageio/VolumeFileLoader.h"

#include "imageio/MemoryBudget.h"
#include "imageio/VolumeFileIo.h"
#include "radmark/annotation/AsciiText.h"

#include "radmark/storage/project/ProjectError.h"

#include <itkMetaImageIO.h>
#include <itkNiftiImageIO.h>
#include <itkNrrdImageIO.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>

namespace radmark::storage::loading {

namespace {

using annotation::ImageGeometry;
using annotation::ImageVolume;
using annotation::Vector3;
using annotation::VoxelType;

} // namespace

itk::ImageIOBase::Pointer imageIoFor(const std::string& filePath)
{
    const std::string name = annotation::lowerAscii(filePath);
    for (const char* suffix : { ".nii", ".nii.gz", ".hdr", ".img", ".img.gz" }) {
        if (annotation::endsWith(name, suffix)) {
            return itk::NiftiImageIO::New().GetPointer();
        }
    }
    if (annotation::endsWith(name, ".nrrd") || annotation::endsWith(name, ".nhdr")) {
        return itk::NrrdImageIO::New().GetPointer();
    }
    if (annotation::endsWith(name, ".mha") || annotation::endsWith(name, ".mhd")) {
        return itk::MetaImageIO::New().GetPointer();
    }
    return nullptr;
}

namespace {

// Component n of every voxel as double, whatever ITK's component type.
std::vector<double> componentValues(const std::vector<char>& buffer, itk::IOComponentEnum type, std::size_t voxels,
    std::size_t components, std::size_t component, const std::string& filePath)
{
    std::vector<double> values(voxels);
    const auto extract = [&](auto tag) {
        using T = decltype(tag);
        const auto* data = reinterpret_cast<const T*>(buffer.data());
        for (std::size_t n = 0; n < voxels; ++n) {
            values[n] = static_cast<double>(data[n * components + component]);
        }
    };
    switch (type) {
    case itk::IOComponentEnum::UCHAR:
        extract(std::uint8_t {});
        break;
    case itk::IOComponentEnum::CHAR:
        extract(std::int8_t {});
        break;
    case itk::IOComponentEnum::USHORT:
        extract(std::uint16_t {});
        break;
    case itk::IOComponentEnum::SHORT:
        extract(std::int16_t {});
        break;
    case itk::IOComponentEnum::UINT:
        extract(std::uint32_t {});
        break;
    case itk::IOComponentEnum::INT:
        extract(std::int32_t {});
        break;
    case itk::IOComponentEnum::ULONG:
        extract(static_cast<unsigned long>(0));
        break;
    case itk::IOComponentEnum::LONG:
        extract(0L);
        break;
    case itk::IOComponentEnum::ULONGLONG:
        extract(0ULL);
        break;
    case itk::IOComponentEnum::LONGLONG:
        extract(0LL);
        break;
    case itk::IOComponentEnum::FLOAT:
        extract(0.0f);
        break;
    case itk::IOComponentEnum::DOUBLE:
        extract(0.0);
        break;
    default:
        throw ProjectError("cannot load " + filePath + ": unsupported voxel component type");
    }
    return values;
}

VoxelType narrowestType(const std::vector<double>& values)
{
    bool whole = true;
    double lowest = std::numeric_limits<double>::max();
    double highest = std::numeric_limits<double>::lowest();
    for (const double value : values) {
        whole = whole && std::isfinite(value) && std::floor(value) == value;
        lowest = std::min(lowest, value);
        highest = std::max(highest, value);
    }
    if (whole && lowest >= -32768.0 && highest <= 32767.0) {
        return VoxelType::Int16;
    }
    if (whole && lowest >= 0.0 && highest <= 65535.0) {
        return VoxelType::UInt16;
    }
    return VoxelType::Float32;
}

} // namespace

ImageGeometry geometryOf(itk::ImageIOBase& io, const std::array<std::size_t, 3>& size)
{
    const unsigned dimensions = std::min(3u, io.GetNumberOfDimensions());
    std::array<double, 3> spacing { 1.0, 1.0, 1.0 };
    Vector3 origin;
    std::array<Vector3, 3> axes { Vector3 { 1, 0, 0 }, Vector3 { 0, 1, 0 }, Vector3 { 0, 0, 1 } };
    for (unsigned axis = 0; axis < dimensions; ++axis) {
        spacing[axis] = io.GetSpacing(axis) > 0.0 ? io.GetSpacing(axis) : 1.0;
        const std::vector<double> direction = io.GetDirection(axis);
        Vector3 column;
        for (unsigned row = 0; row < std::min<std::size_t>(3, direction.size()); ++row) {
            (row == 0 ? column.x : row == 1 ? column.y : column.z) = direction[row];
        }
        axes[axis] = annotation::length(column) > 0.0 ? annotation::normalized(column) : axes[axis];
    }
    origin = { io.GetOrigin(0), dimensions > 1 ? io.GetOrigin(1) : 0.0, dimensions > 2 ? io.GetOrigin(2) : 0.0 };
    if (dimensions < 3) {
        axes[2] = annotation::normalized(annotation::cross(axes[0], axes[1]));
    }
    // ITK's physical space already is LPS, whatever the file format's own convention.
    return ImageGeometry::regular(static_cast<int>(size[0]), static_cast<int>(size[1]), static_cast<int>(size[2]),
        spacing[0], spacing[1], origin, axes[0], axes[1], axes[2] * spacing[2]);
}

bool isVolumeFilePath(const std::string& filePath)
{
    return imageIoFor(filePath).IsNotNull();
}

LoadedSeries loadVolumeFile(const std::string& filePath)
{
    itk::ImageIOBase::Pointer io = imageIoFor(filePath);
    if (io.IsNull()) {
        throw ProjectError("cannot load " + filePath + ": not a NIfTI, NRRD or MetaImage file name");
    }
    LoadedSeries loaded;
    std::vector<char> buffer;
    std::array<std::size_t, 3> size { 1, 1, 1 };
    try {
        io->SetFileName(filePath);
        if (!io->CanReadFile(filePath.c_str())) {
            throw ProjectError("cannot load " + filePath + ": the file is missing or not in the format its name says");
        }
        io->ReadImageInformation();
        const unsigned dimensions = io->GetNumberOfDimensions();
        for (unsigned axis = 0; axis < std::min(3u, dimensions); ++axis) {
            size[axis] = io->GetDimensions(axis);
        }
        for (unsigned axis = 3; axis < dimensions; ++axis) {
            if (io->GetDimensions(axis) > 1) {
                loaded.warnings.push_back(
                    "the file has " + std::to_string(dimensions) + " dimensions: only the first 3D volume is shown");
                break;
            }
        }
        // Without an explicit region some readers (MetaImage) read nothing.
        itk::ImageIORegion region(dimensions);
        for (unsigned axis = 0; axis < dimensions; ++axis) {
            region.SetIndex(axis, 0);
            region.SetSize(axis, io->GetDimensions(axis));
        }
        io->SetIORegion(region);
        // The file's bytes and the converted volume are both held for a moment.
        loading::requireMemory(2u * static_cast<std::uint64_t>(io->GetImageSizeInBytes()),
            "cannot load " + filePath + ": the volume of " + std::to_string(size[0]) + " x " + std::to_string(size[1])
                + " x " + std::to_string(size[2]) + " voxels");
        buffer.resize(io->GetImageSizeInBytes());
        io->Read(buffer.data());
    } catch (const itk::ExceptionObject& error) {
        throw ProjectError("cannot load " + filePath + ": " + error.GetDescription());
    }

    const std::size_t voxels = size[0] * size[1] * size[2];
    const std::size_t components = io->GetNumberOfComponents();
    const auto componentType = io->GetComponentType();
    const ImageGeometry geometry = geometryOf(*io, size);
    if (components == 3 && componentType == itk::IOComponentEnum::UCHAR) {
        auto volume = std::make_shared<ImageVolume>(geometry, VoxelType::Rgb8);
        std::memcpy(volume->data(), buffer.data(), voxels * 3);
        loaded.volume = volume;
    } else {
        if (components != 1) {
            loaded.warnings.push_back(
                "the file has " + std::to_string(components) + " components per voxel: only the first is shown");
        }
        const std::vector<double> values = componentValues(buffer, componentType, voxels, components, 0, filePath);
        buffer = {};
        auto volume = std::make_shared<ImageVolume>(geometry, narrowestType(values));
        for (std::size_t n = 0; n < voxels; ++n) {
            switch (volume->voxelType()) {
            case VoxelType::Int16:
                static_cast<std::int16_t*>(volume->data())[n] = static_cast<std::int16_t>(values[n]);
                break;
            case VoxelType::UInt16:
                static_cast<std::uint16_t*>(volume->data())[n] = static_cast<std::uint16_t>(values[n]);
                break;
            default:
                static_cast<float*>(volume->data())[n] = static_cast<float>(values[n]);
                break;
            }
        }
        loaded.volume = volume;
    }
    for (int k = 0; k < static_cast<int>(size[2]); ++k) {
        loaded.sliceSources.push_back({ filePath, {}, k });
    }
    loaded.stackReport.sortedOrder.resize(size[2]);
    for (std::size_t k = 0; k < size[2]; ++k) {
        loaded.stackReport.sortedOrder[k] = k;
    }
    if (size[2] > 1) {
        loaded.stackReport.medianGapMm = loaded.volume->geometry().sliceSpacingMm;
        loaded.stackReport.minimumGapMm = loaded.stackReport.medianGapMm;
        loaded.stackReport.maximumGapMm = loaded.stackReport.medianGapMm;
        loaded.stackReport.gapsMm.assign(size[2] - 1, loaded.stackReport.medianGapMm);
    }
    return loaded;
}

} // namespace radmark::storage::loading
