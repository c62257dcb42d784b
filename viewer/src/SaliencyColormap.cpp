#include "radmark/viewer/SaliencyColormap.h"

#include <algorithm>
#include <cmath>

namespace radmark::viewer {

namespace {

unsigned char channel(double value)
{
    return static_cast<unsigned char>(std::lround(std::clamp(value, 0.0, 1.0) * 255.0));
}

// Piecewise-linear colour through evenly spaced anchors.
template <std::size_t N>
std::array<unsigned char, 3> throughAnchors(const std::array<std::array<double, 3>, N>& anchors, double t)
{
    const double position = t * static_cast<double>(N - 1);
    const std::size_t lower = std::min(static_cast<std::size_t>(position), N - 2);
    const double weight = position - static_cast<double>(lower);
    std::array<unsigned char, 3> rgb {};
    for (std::size_t c = 0; c < 3; ++c) {
        rgb[c] = channel(anchors[lower][c] * (1.0 - weight) + anchors[lower + 1][c] * weight);
    }
    return rgb;
}

// matplotlib's viridis at t = 0, 1/8, ..., 1.
constexpr std::array<std::array<double, 3>, 9> kViridis { { { 0.267, 0.005, 0.329 }, { 0.279, 0.175, 0.483 },
    { 0.230, 0.322, 0.546 }, { 0.173, 0.449, 0.558 }, { 0.128, 0.567, 0.551 }, { 0.157, 0.684, 0.502 },
    { 0.369, 0.789, 0.383 }, { 0.678, 0.864, 0.190 }, { 0.993, 0.906, 0.144 } } };

// Moreland's cool-warm diverging map: blue, light grey at the middle, red.
constexpr std::array<std::array<double, 3>, 3> kCoolWarm { { { 0.230, 0.299, 0.754 }, { 0.865, 0.865, 0.865 },
    { 0.706, 0.016, 0.150 } } };

} // namespace

const char* saliencyColormapName(SaliencyColormap colormap)
{
    switch (colormap) {
    case SaliencyColormap::Jet:
        return "jet";
    case SaliencyColormap::Hot:
        return "hot";
    case SaliencyColormap::Viridis:
        return "viridis";
    case SaliencyColormap::SingleColour:
        return "single";
    case SaliencyColormap::Diverging:
        return "diverging";
    }
    return "jet";
}

std::vector<SaliencyColormap> allSaliencyColormaps()
{
    return { SaliencyColormap::Jet, SaliencyColormap::Hot, SaliencyColormap::Viridis, SaliencyColormap::SingleColour,
        SaliencyColormap::Diverging };
}

std::optional<SaliencyColormap> parseSaliencyColormap(const std::string& name)
{
    for (SaliencyColormap colormap : allSaliencyColormaps()) {
        if (name == saliencyColormapName(colormap)) {
            return colormap;
        }
    }
    return std::nullopt;
}

std::array<unsigned char, 3> saliencyColour(SaliencyColormap colormap, double t)
{
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
    switch (colormap) {
    case SaliencyColormap::Jet:
        return { channel(1.5 - std::fabs(4.0 * t - 3.0)), channel(1.5 - std::fabs(4.0 * t - 2.0)),
            channel(1.5 - std::fabs(4.0 * t - 1.0)) };
    case SaliencyColormap::Hot:
        return { channel(3.0 * t), channel(3.0 * t - 1.0), channel(3.0 * t - 2.0) };
    case SaliencyColormap::Viridis:
        return throughAnchors(kViridis, t);
    case SaliencyColormap::SingleColour:
        return { 255, 40, 30 };
    case SaliencyColormap::Diverging:
        return throughAnchors(kCoolWarm, t);
    }
    return { 0, 0, 0 };
}

} // namespace radmark::viewer
