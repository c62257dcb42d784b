#pragma once

#include "radmark/annotation/ImageGeometry.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace radmark::annotation {

// How voxel values are stored. Values are already rescaled (CT in HU): Int16 or UInt16 when the
// rescaled values are whole numbers that fit, Float32 otherwise; Rgb8 is three bytes per voxel
// for colour images (display only).
enum class VoxelType { Int16, UInt16, Float32, Rgb8 };

const char* voxelTypeName(VoxelType type);
std::size_t bytesPerVoxel(VoxelType type);

// Whether a new volume's voxels are zeroed. Loaders that write every voxel ask for Uninitialized,
// which skips touching ~200 MB of fresh pages twice for a large CT.
enum class VoxelInitialization { Zeroed, Uninitialized };

struct WindowLevel {
    double width = 400.0;
    double level = 40.0;
};

// How an ImageVolume lets go of its voxels: delete[] when they came from operator new, else it releases their owner.
struct VoxelRelease {
    std::shared_ptr<void> owner;
    bool fromNew = true;
    void operator()(std::uint8_t* voxels) const
    {
        if (fromNew) {
            delete[] voxels;
        }
    }
};

// A loaded image volume: one contiguous buffer, i fastest, then j, then k (the layout VTK and
// NIfTI use), so that views can wrap it without copying.
class ImageVolume {
public:
    ImageVolume() = default;
    ImageVolume(const ImageGeometry& geometry, VoxelType type,
        VoxelInitialization initialization = VoxelInitialization::Zeroed);
    // Voxels held by someone else (a file mapped into memory, say): `voxels` stays valid, aligned for `type` and
    // writable while `owner` lives; the volume keeps `owner` and releases it with itself. A copy owns its bytes.
    ImageVolume(const ImageGeometry& geometry, VoxelType type, void* voxels, std::shared_ptr<void> owner);
    ImageVolume(const ImageVolume& other);
    ImageVolume& operator=(const ImageVolume& other);
    ImageVolume(ImageVolume&&) noexcept = default;
    ImageVolume& operator=(ImageVolume&&) noexcept = default;
    ~ImageVolume() = default;

    const ImageGeometry& geometry() const { return m_geometry; }
    ImageGeometry& geometry() { return m_geometry; }
    VoxelType voxelType() const { return m_voxelType; }
    int componentsPerVoxel() const { return m_voxelType == VoxelType::Rgb8 ? 3 : 1; }

    std::size_t voxelCount() const { return m_geometry.voxelCount(); }
    std::size_t byteCount() const { return m_byteCount; }
    const void* data() const { return m_voxels.get(); }
    void* data()
    {
        m_rangeKnown = false;
        return m_voxels.get();
    }

    // Changes how the stored bytes are read, for types of the same size (Int16 <-> UInt16), without
    // copying; a loader that has rewritten the values in place uses it. Returns false otherwise.
    bool reinterpretVoxelType(VoxelType type);

    // Start of slice k's voxels.
    const void* sliceData(int k) const;
    void* sliceData(int k);
    std::size_t sliceByteCount() const;

    // The stored value at a voxel (for Rgb8, the luminance). No bounds check beyond an assert.
    double valueAt(int i, int j, int k) const;
    bool contains(int i, int j, int k) const;

    // Smallest and largest stored value (luminance for Rgb8); computed on first use.
    std::pair<double, double> valueRange() const;
    // Whether valueRange() is known without a pass over the voxels (computed or set already).
    bool valueRangeKnown() const { return m_rangeKnown; }
    // For a caller that has just computed the range in a pass of its own: saves valueRange() a pass.
    void setKnownValueRange(double smallest, double largest)
    {
        m_range = { smallest, largest };
        m_rangeKnown = true;
    }

    // The unit of values: "HU" for CT with a rescale, otherwise empty.
    const std::string& valueUnit() const { return m_valueUnit; }
    void setValueUnit(std::string unit) { m_valueUnit = std::move(unit); }

    // Windows the source file recommends (DICOM WindowCenter/WindowWidth), first one first.
    const std::vector<WindowLevel>& sourceWindows() const { return m_sourceWindows; }
    void setSourceWindows(std::vector<WindowLevel> windows) { m_sourceWindows = std::move(windows); }

    // A window that shows the data: the source's first one, else the value range.
    WindowLevel defaultWindow() const;

private:
    ImageGeometry m_geometry;
    VoxelType m_voxelType = VoxelType::Int16;
    // Raw storage; operator new aligns it for every VoxelType.
    std::unique_ptr<std::uint8_t[], VoxelRelease> m_voxels;
    std::size_t m_byteCount = 0;
    std::string m_valueUnit;
    std::vector<WindowLevel> m_sourceWindows;
    mutable bool m_rangeKnown = false;
    mutable std::pair<double, double> m_range { 0.0, 0.0 };
};

} // namespace radmark::annotation
