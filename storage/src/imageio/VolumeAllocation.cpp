#include "imageio/VolumeAllocation.h"

#include "imageio/MemoryBudget.h"

#include <sys/mman.h>

#include <cstdint>
#include <string>

namespace radmark::storage::loading {

std::shared_ptr<annotation::ImageVolume> allocateVolumeForWriting(
    const annotation::ImageGeometry& geometry, annotation::VoxelType type)
{
    requireMemory(static_cast<std::uint64_t>(geometry.voxelCount()) * annotation::bytesPerVoxel(type),
        "the volume of " + std::to_string(geometry.columns) + " x " + std::to_string(geometry.rows) + " x "
            + std::to_string(geometry.slices) + " voxels");
    auto volume
        = std::make_shared<annotation::ImageVolume>(geometry, type, annotation::VoxelInitialization::Uninitialized);
#ifdef MADV_HUGEPAGE
    constexpr std::uintptr_t hugePageBytes = 2u * 1024u * 1024u;
    const auto start = reinterpret_cast<std::uintptr_t>(volume->data());
    const std::uintptr_t alignedStart = (start + hugePageBytes - 1) & ~(hugePageBytes - 1);
    const std::uintptr_t end = start + volume->byteCount();
    if (end > alignedStart + hugePageBytes) {
        const std::uintptr_t alignedEnd = end & ~(hugePageBytes - 1);
        // Advice only: failure leaves ordinary pages, which is correct, just slower.
        (void)madvise(reinterpret_cast<void*>(alignedStart), alignedEnd - alignedStart, MADV_HUGEPAGE);
    }
#endif
    return volume;
}

} // namespace radmark::storage::loading
