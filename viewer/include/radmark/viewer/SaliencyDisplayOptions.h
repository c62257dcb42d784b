#pragma once

#include "radmark/viewer/SaliencyColormap.h"

#include <vector>

namespace radmark::viewer {

// How a saliency overlay is drawn.
struct SaliencyDisplayOptions {
    SaliencyColormap colormap = SaliencyColormap::Jet;
    double opacity = 0.5; // of every shown voxel, 0..1
    // Voxels whose value (magnitude for signed maps) lies below the threshold are not drawn; so are
    // zeros. Percentile: of the map's non-zero magnitudes (0 shows every non-zero voxel); PercentOfMaximum:
    // of the largest magnitude (the default, 20 %, hides the faint tails dense maps have everywhere).
    enum class ThresholdKind { Percentile, Value, PercentOfMaximum };
    ThresholdKind thresholdKind = ThresholdKind::PercentOfMaximum;
    double threshold = 20.0;
    std::vector<double> contourLevels; // map values with a contour line; empty: none
    bool showColourBar = true;
};

} // namespace radmark::viewer
