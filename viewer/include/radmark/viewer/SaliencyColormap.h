#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace radmark::viewer {

// Colour maps for saliency overlays. Diverging (blue - grey - red) is for signed maps: 0.5 is zero.
// SingleColour paints every shown voxel in one colour (red), so the thresholded region reads as a mask.
enum class SaliencyColormap { Jet, Hot, Viridis, SingleColour, Diverging };

// "jet", "hot", "viridis", "single", "diverging": the names the command line and settings use.
const char* saliencyColormapName(SaliencyColormap colormap);
std::optional<SaliencyColormap> parseSaliencyColormap(const std::string& name);
std::vector<SaliencyColormap> allSaliencyColormaps();

// Colour at t in [0, 1] (clamped), each channel 0..255.
std::array<unsigned char, 3> saliencyColour(SaliencyColormap colormap, double t);

} // namespace radmark::viewer
