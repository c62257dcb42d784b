#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/viewer/SaliencyDisplayOptions.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

class vtkRenderer;

namespace radmark::viewer {

// The colours of one slice of a saliency map: RGBA per voxel (i fastest), transparent where the
// value is zero, below the threshold, NaN or infinite. Pure, so that any view (slice, MPR) can use it.
struct SaliencyColourScale {
    SaliencyColormap colormap = SaliencyColormap::Jet;
    bool signedMap = false; // colour by v in [-upper, upper] around the middle of the map
    double lower = 0.0; // threshold: magnitudes below it are transparent
    double upper = 1.0; // value (magnitude) at the top of the colour map
    unsigned char alpha = 128; // of shown voxels
    double normalized(double value) const; // position in the colour map, 0..1
};
void colourSaliencySlice(
    const float* values, std::size_t count, const SaliencyColourScale& scale, std::uint8_t* rgbaOut);

// A saliency map laid over a slice view: a translucent RGBA image in front of the slice, optional
// contour lines and a colour bar with values. The map is Float32 on the grid of the shown volume
// (storage::loadSaliencyMap puts it there); the overlay lives in the slice view's world frame
// (x = i * column spacing, y = j * row spacing, slice k at z = k), so it follows zoom and pan.
class SaliencyOverlay {
public:
    explicit SaliencyOverlay(vtkRenderer* renderer);
    ~SaliencyOverlay();
    SaliencyOverlay(const SaliencyOverlay&) = delete;
    SaliencyOverlay& operator=(const SaliencyOverlay&) = delete;

    // `title` labels the colour bar (e.g. "densenet / nodule"). A null map clears the overlay.
    void setMap(std::shared_ptr<const annotation::ImageVolume> map, const std::string& title);
    void clearMap();
    bool hasMap() const;
    const annotation::ImageVolume* map() const;
    bool isSignedMap() const;

    void setOptions(const SaliencyDisplayOptions& options);
    const SaliencyDisplayOptions& options() const;
    void setVisible(bool visible);
    bool visible() const;

    // The threshold as a map value (a percentile resolved), and the value range of the colour bar.
    double thresholdValue() const;
    std::pair<double, double> colourBarRange() const;
    SaliencyColourScale colourScale() const;
    // The value of the map at a voxel (0 without a map or outside).
    double valueAt(int i, int j, int k) const;

    // How the slice view shows its stored slice (transposed / mirrored in-plane, see
    // annotation::SliceDisplayOrientation::storedToDisplayMm); the map follows. Identity by default.
    void setStoredToDisplayMm(const std::array<double, 6>& affine);

    // Shows slice k of the map (called by the slice view whenever its slice changes).
    void showSlice(int k);
    int shownSlice() const;

private:
    void rebuild();

    struct Private;
    std::unique_ptr<Private> m_private;
};

} // namespace radmark::viewer
