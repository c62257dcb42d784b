#include "radmark/annotation/ImageVolume.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

namespace radmark::annotation {

const char* voxelTypeName(VoxelType type)
{
    switch (type) {
    case VoxelType::Int16:
        return "int16";
    case VoxelType::UInt16:
        return "uint16";
    case VoxelType::Float32:
        return "float32";
    case VoxelType::Rgb8:
        return "rgb8";
    }
    return "unknown";
}

std::size_t bytesPerVoxel(VoxelType type)
{
    switch (type) {
    case VoxelType::Int16:
    case VoxelType::UInt16:
        return 2;
    case VoxelType::Float32:
        return 4;
    case VoxelType::Rgb8:
        return 3;
    }
    return 1;
}

ImageVolume::ImageVolume(const ImageGeometry& geometry, VoxelType type, VoxelInitialization initialization)
    : m_geometry(geometry)
    , m_voxelType(type)
    , m_byteCount(geometry.voxelCount() * bytesPerVoxel(type))
{
    // new T[n] leaves the bytes untouched; new T[n]() zeroes them.
    m_voxels.reset(initialization == VoxelInitialization::Zeroed ? new std::uint8_t[m_byteCount]()
                                                                 : new std::uint8_t[m_byteCount]);
}

ImageVolume::ImageVolume(const ImageGeometry& geometry, VoxelType type, void* voxels, std::shared_ptr<void> owner)
    : m_geometry(geometry)
    , m_voxelType(type)
    , m_voxels(static_cast<std::uint8_t*>(voxels), VoxelRelease { std::move(owner), false })
    , m_byteCount(geometry.voxelCount() * bytesPerVoxel(type))
{
}

ImageVolume::ImageVolume(const ImageVolume& other)
    : m_geometry(other.m_geometry)
    , m_voxelType(other.m_voxelType)
    , m_voxels(new std::uint8_t[other.m_byteCount])
    , m_byteCount(other.m_byteCount)
    , m_valueUnit(other.m_valueUnit)
    , m_sourceWindows(other.m_sourceWindows)
    , m_rangeKnown(other.m_rangeKnown)
    , m_range(other.m_range)
{
    if (m_byteCount > 0) {
        std::memcpy(m_voxels.get(), other.m_voxels.get(), m_byteCount);
    }
}

ImageVolume& ImageVolume::operator=(const ImageVolume& other)
{
    if (this != &other) {
        ImageVolume copy(other);
        *this = std::move(copy);
    }
    return *this;
}

bool ImageVolume::reinterpretVoxelType(VoxelType type)
{
    if (bytesPerVoxel(type) != bytesPerVoxel(m_voxelType)) {
        return false;
    }
    m_voxelType = type;
    m_rangeKnown = false;
    return true;
}

std::size_t ImageVolume::sliceByteCount() const
{
    return static_cast<std::size_t>(std::max(m_geometry.columns, 0))
        * static_cast<std::size_t>(std::max(m_geometry.rows, 0)) * bytesPerVoxel(m_voxelType);
}

const void* ImageVolume::sliceData(int k) const
{
    return m_voxels.get() + static_cast<std::size_t>(k) * sliceByteCount();
}

void* ImageVolume::sliceData(int k)
{
    m_rangeKnown = false;
    return m_voxels.get() + static_cast<std::size_t>(k) * sliceByteCount();
}

bool ImageVolume::contains(int i, int j, int k) const
{
    return i >= 0 && j >= 0 && k >= 0 && i < m_geometry.columns && j < m_geometry.rows && k < m_geometry.slices;
}

namespace {

template <typename T> T readAs(const std::uint8_t* bytes)
{
    T value;
    std::memcpy(&value, bytes, sizeof(T));
    return value;
}

double luminance(const std::uint8_t* rgb)
{
    return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
}

} // namespace

double ImageVolume::valueAt(int i, int j, int k) const
{
    assert(contains(i, j, k));
    const std::size_t index
        = (static_cast<std::size_t>(k) * static_cast<std::size_t>(m_geometry.rows) + static_cast<std::size_t>(j))
            * static_cast<std::size_t>(m_geometry.columns)
        + static_cast<std::size_t>(i);
    const std::uint8_t* bytes = m_voxels.get() + index * bytesPerVoxel(m_voxelType);
    switch (m_voxelType) {
    case VoxelType::Int16:
        return readAs<std::int16_t>(bytes);
    case VoxelType::UInt16:
        return readAs<std::uint16_t>(bytes);
    case VoxelType::Float32:
        return readAs<float>(bytes);
    case VoxelType::Rgb8:
        return luminance(bytes);
    }
    return 0.0;
}

namespace {

template <typename T> std::pair<double, double> rangeOf(const std::uint8_t* bytes, std::size_t count)
{
    const T* values = reinterpret_cast<const T*>(bytes);
    if (count == 0) {
        return { 0.0, 0.0 };
    }
    T lowest = std::numeric_limits<T>::max();
    T highest = std::numeric_limits<T>::lowest();
    for (std::size_t index = 0; index < count; ++index) {
        const T value = values[index];
        if constexpr (std::is_floating_point_v<T>) {
            if (!std::isfinite(value)) {
                continue;
            }
        }
        lowest = std::min(lowest, value);
        highest = std::max(highest, value);
    }
    if (lowest > highest) {
        return { 0.0, 0.0 };
    }
    return { static_cast<double>(lowest), static_cast<double>(highest) };
}

} // namespace

std::pair<double, double> ImageVolume::valueRange() const
{
    if (m_rangeKnown) {
        return m_range;
    }
    const std::size_t count = voxelCount();
    switch (m_voxelType) {
    case VoxelType::Int16:
        m_range = rangeOf<std::int16_t>(m_voxels.get(), count);
        break;
    case VoxelType::UInt16:
        m_range = rangeOf<std::uint16_t>(m_voxels.get(), count);
        break;
    case VoxelType::Float32:
        m_range = rangeOf<float>(m_voxels.get(), count);
        break;
    case VoxelType::Rgb8:
        m_range = { 0.0, 255.0 };
        break;
    }
    m_rangeKnown = true;
    return m_range;
}

WindowLevel ImageVolume::defaultWindow() const
{
    if (!m_sourceWindows.empty() && m_sourceWindows.front().width > 0.0) {
        return m_sourceWindows.front();
    }
    const auto [lowest, highest] = valueRange();
    const double width = std::max(highest - lowest, 1.0);
    return { width, lowest + width / 2.0 };
}

} // namespace radmark::annotation
