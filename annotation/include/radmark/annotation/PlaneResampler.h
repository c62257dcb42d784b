#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/annotation/MprPlane.h"

#include <memory>
#include <vector>

namespace radmark::annotation {

// Samples a grey-value volume on a plane in patient space with trilinear interpolation, exactly on
// the volume's geometry: every slice keeps its own origin, so uneven spacing and gantry tilt are
// honoured (within a slab between two slices the position is interpolated linearly). Samples beyond
// half a voxel outside the volume get `outsideValue`.
//
// The resampler precomputes per-slice heights once per volume; resample() writes into a
// caller-owned one-slice ImageVolume of the volume's voxel type (reused between calls, so moving a
// crosshair allocates nothing).
class PlaneResampler {
public:
    explicit PlaneResampler(std::shared_ptr<const ImageVolume> volume);

    const ImageVolume& volume() const { return *m_volume; }
    double outsideValue() const { return m_outsideValue; }

    // A one-slice image with the grid's geometry (row direction = right, column direction = down),
    // the volume's voxel type, unit and source windows. Resample into it with resample().
    std::shared_ptr<ImageVolume> makePlaneImage(const PlaneGrid& grid) const;

    // Fills `target` (made by makePlaneImage for a grid of the same size) with the plane's values and
    // moves its geometry to the grid's origin. Grey volumes only (Int16, UInt16, Float32).
    void resample(const PlaneGrid& grid, ImageVolume& target) const;

private:
    template <typename Voxel> void resampleTyped(const PlaneGrid& grid, Voxel* output) const;

    std::shared_ptr<const ImageVolume> m_volume;
    Vector3 m_normal; // oriented so that heights increase with k
    std::vector<double> m_heights; // slice origin . normal
    std::vector<double> m_originAlongRow; // slice origin . row direction
    std::vector<double> m_originAlongColumn;
    double m_outsideValue = 0.0;
};

} // namespace radmark::annotation
