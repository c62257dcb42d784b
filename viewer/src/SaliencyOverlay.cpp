#include "radmark/viewer/SaliencyOverlay.h"

#include "PlaneImageProp.h"
#include "radmark/annotation/saliency/SaliencyValues.h"

#include <vtkActor.h>
#include <vtkContourFilter.h>
#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

namespace radmark::viewer {

namespace {

// In front of the slice (the camera looks along +z from lower z), behind nothing else.
constexpr double kOverlayOffset = -0.01;
constexpr double kContourOffset = -0.02;
constexpr double kColourBarBackdropOpacity = 0.6;

} // namespace

double SaliencyColourScale::normalized(double value) const
{
    const double top = upper > 0.0 ? upper : 1.0;
    if (signedMap) {
        return std::clamp(0.5 + 0.5 * value / top, 0.0, 1.0);
    }
    const double span = top - lower;
    return span > 0.0 ? std::clamp((value - lower) / span, 0.0, 1.0) : 1.0;
}

void colourSaliencySlice(
    const float* values, std::size_t count, const SaliencyColourScale& scale, std::uint8_t* rgbaOut)
{
    // 1024 colours are finer than any screen shows and make the per-voxel work a table look-up.
    constexpr int kSteps = 1024;
    std::uint8_t table[kSteps][3];
    for (int step = 0; step < kSteps; ++step) {
        const auto rgb = saliencyColour(scale.colormap, static_cast<double>(step) / (kSteps - 1));
        std::memcpy(table[step], rgb.data(), 3);
    }
    const double top = scale.upper > 0.0 ? scale.upper : 1.0;
    const double span = scale.signedMap ? 2.0 * top : std::max(top - scale.lower, 1e-30);
    const double base = scale.signedMap ? -top : scale.lower;
    const float lower = static_cast<float>(scale.lower);
    for (std::size_t n = 0; n < count; ++n, rgbaOut += 4) {
        const float value = values[n];
        const float magnitude = scale.signedMap ? std::fabs(value) : value;
        // NaN/Inf (in a slice not yet made usable while the rest of the map is checked) are drawn as 0.
        const bool finite = std::fabs(value) <= std::numeric_limits<float>::max();
        if (!finite || value == 0.0f || magnitude < lower || (!scale.signedMap && value < 0.0f)) {
            std::memset(rgbaOut, 0, 4);
            continue;
        }
        const double t = std::clamp((value - base) / span, 0.0, 1.0);
        const int step = static_cast<int>(t * (kSteps - 1) + 0.5);
        rgbaOut[0] = table[step][0];
        rgbaOut[1] = table[step][1];
        rgbaOut[2] = table[step][2];
        rgbaOut[3] = scale.alpha;
    }
}

struct SaliencyOverlay::Private {
    vtkRenderer* renderer = nullptr;
    std::shared_ptr<const annotation::ImageVolume> map;
    std::string title;
    // Built on the first percentile threshold (one pass over the map), not before.
    mutable std::optional<annotation::SaliencyMagnitudeHistogram> histogram;
    double largestMagnitude = 0.0;
    bool signedMap = false;
    SaliencyDisplayOptions options;
    bool visible = true;
    int shownSlice = -1;

    vtkNew<vtkImageData> rgba;
    vtkNew<vtkImageSliceMapper> mapper;
    vtkNew<vtkImageProperty> property;
    vtkNew<vtkImageSlice> image;

    vtkNew<vtkImageData> sliceValues;
    vtkNew<vtkContourFilter> contours;
    vtkNew<vtkPolyDataMapper> contourMapper;
    vtkNew<vtkActor> contourActor;

    vtkNew<vtkLookupTable> lookup;
    vtkNew<vtkScalarBarActor> colourBar;

    void updateVisibility()
    {
        const bool shown = visible && map != nullptr && shownSlice >= 0;
        image->SetVisibility(shown);
        contourActor->SetVisibility(shown && !options.contourLevels.empty());
        colourBar->SetVisibility(shown && options.showColourBar);
    }
};

SaliencyOverlay::SaliencyOverlay(vtkRenderer* renderer)
    : m_private(std::make_unique<Private>())
{
    Private& p = *m_private;
    p.renderer = renderer;
    p.mapper->SetInputData(p.rgba);
    p.mapper->BorderOn();
    p.property->SetInterpolationTypeToNearest();
    // RGBA straight through: no window/level on the colours.
    p.property->SetColorWindow(255.0);
    p.property->SetColorLevel(127.5);
    p.image->SetMapper(p.mapper);
    p.image->SetProperty(p.property);
    p.image->ForceTranslucentOn();
    p.image->VisibilityOff();
    renderer->AddViewProp(p.image);

    p.contours->SetInputData(p.sliceValues);
    p.contourMapper->SetInputConnection(p.contours->GetOutputPort());
    p.contourMapper->ScalarVisibilityOff();
    p.contourActor->SetMapper(p.contourMapper);
    p.contourActor->GetProperty()->SetColor(1.0, 1.0, 1.0);
    p.contourActor->GetProperty()->SetLineWidth(1.5);
    p.contourActor->GetProperty()->LightingOff();
    p.contourActor->VisibilityOff();
    renderer->AddViewProp(p.contourActor);

    p.colourBar->SetLookupTable(p.lookup);
    p.colourBar->SetOrientationToVertical();
    p.colourBar->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    p.colourBar->GetPositionCoordinate()->SetValue(0.86, 0.13); // lower right, below the L/R letter
    p.colourBar->SetWidth(0.12);
    p.colourBar->SetHeight(0.34);
    p.colourBar->SetTextPositionToPrecedeScalarBar(); // labels left of the bar, inside the view
    p.colourBar->SetNumberOfLabels(5);
    p.colourBar->SetMaximumWidthInPixels(90);
    p.colourBar->UnconstrainedFontSizeOn();
    p.colourBar->GetLabelTextProperty()->SetFontSize(12);
    p.colourBar->GetLabelTextProperty()->ShadowOff();
    p.colourBar->GetLabelTextProperty()->ItalicOff();
    p.colourBar->GetTitleTextProperty()->SetFontSize(12);
    p.colourBar->GetTitleTextProperty()->ShadowOff();
    p.colourBar->GetTitleTextProperty()->ItalicOff();
    // A dark translucent backdrop behind the map's name, the values and the bar, as OHIF's and Slicer's corner
    // annotations have: the white letters stay readable over a bright body edge, bone or contrast.
    p.colourBar->DrawBackgroundOn();
    p.colourBar->GetBackgroundProperty()->SetColor(0.0, 0.0, 0.0);
    p.colourBar->GetBackgroundProperty()->SetOpacity(kColourBarBackdropOpacity);
    p.colourBar->VisibilityOff();
    renderer->AddViewProp(p.colourBar);
}

SaliencyOverlay::~SaliencyOverlay()
{
    Private& p = *m_private;
    p.renderer->RemoveViewProp(p.image);
    p.renderer->RemoveViewProp(p.contourActor);
    p.renderer->RemoveViewProp(p.colourBar);
}

void SaliencyOverlay::setMap(std::shared_ptr<const annotation::ImageVolume> map, const std::string& title)
{
    Private& p = *m_private;
    if (!map || map->voxelType() != annotation::VoxelType::Float32 || map->voxelCount() == 0) {
        clearMap();
        return;
    }
    p.map = std::move(map);
    p.title = title;
    p.histogram.reset();
    const auto [low, high] = p.map->valueRange();
    p.signedMap = low < 0.0;
    p.largestMagnitude = std::max(std::fabs(low), std::fabs(high));
    const annotation::ImageGeometry& g = p.map->geometry();
    p.rgba->SetDimensions(g.columns, g.rows, 1);
    p.rgba->SetSpacing(g.columnSpacingMm, g.rowSpacingMm, 1.0);
    p.rgba->AllocateScalars(VTK_UNSIGNED_CHAR, 4);
    p.sliceValues->SetDimensions(g.columns, g.rows, 1);
    p.sliceValues->SetSpacing(g.columnSpacingMm, g.rowSpacingMm, 1.0);
    p.sliceValues->AllocateScalars(VTK_FLOAT, 1);
    const int k = std::clamp(p.shownSlice, 0, g.slices - 1);
    p.shownSlice = -1;
    showSlice(k);
}

void SaliencyOverlay::setStoredToDisplayMm(const std::array<double, 6>& affine)
{
    setInPlaneAffine(*m_private->image, affine);
    setInPlaneAffine(*m_private->contourActor, affine);
}

void SaliencyOverlay::clearMap()
{
    Private& p = *m_private;
    p.map.reset();
    p.histogram.reset();
    p.largestMagnitude = 0.0;
    p.signedMap = false;
    p.updateVisibility();
}

bool SaliencyOverlay::hasMap() const
{
    return m_private->map != nullptr;
}

const annotation::ImageVolume* SaliencyOverlay::map() const
{
    return m_private->map.get();
}

bool SaliencyOverlay::isSignedMap() const
{
    return m_private->signedMap;
}

void SaliencyOverlay::setOptions(const SaliencyDisplayOptions& options)
{
    m_private->options = options;
    m_private->options.opacity = std::clamp(options.opacity, 0.0, 1.0);
    rebuild();
}

const SaliencyDisplayOptions& SaliencyOverlay::options() const
{
    return m_private->options;
}

void SaliencyOverlay::setVisible(bool visible)
{
    m_private->visible = visible;
    m_private->updateVisibility();
}

bool SaliencyOverlay::visible() const
{
    return m_private->visible;
}

double SaliencyOverlay::thresholdValue() const
{
    const Private& p = *m_private;
    if (p.options.thresholdKind == SaliencyDisplayOptions::ThresholdKind::Value) {
        return std::max(p.options.threshold, 0.0);
    }
    if (p.options.thresholdKind == SaliencyDisplayOptions::ThresholdKind::PercentOfMaximum) {
        return std::max(p.options.threshold, 0.0) / 100.0 * p.largestMagnitude;
    }
    if (p.options.threshold <= 0.0 || !p.map) {
        return 0.0;
    }
    if (!p.histogram) {
        p.histogram.emplace(*p.map);
    }
    return p.histogram->percentile(p.options.threshold);
}

SaliencyColourScale SaliencyOverlay::colourScale() const
{
    const Private& p = *m_private;
    SaliencyColourScale scale;
    scale.colormap = p.options.colormap;
    scale.signedMap = p.signedMap;
    scale.lower = thresholdValue();
    scale.upper = p.largestMagnitude;
    scale.alpha = static_cast<unsigned char>(std::lround(p.options.opacity * 255.0));
    return scale;
}

std::pair<double, double> SaliencyOverlay::colourBarRange() const
{
    const SaliencyColourScale scale = colourScale();
    if (scale.signedMap) {
        return { -scale.upper, scale.upper };
    }
    return { scale.lower, std::max(scale.upper, scale.lower) };
}

double SaliencyOverlay::valueAt(int i, int j, int k) const
{
    const Private& p = *m_private;
    return p.map && p.map->contains(i, j, k) ? p.map->valueAt(i, j, k) : 0.0;
}

int SaliencyOverlay::shownSlice() const
{
    return m_private->shownSlice;
}

void SaliencyOverlay::showSlice(int k)
{
    Private& p = *m_private;
    if (!p.map) {
        p.shownSlice = k;
        return;
    }
    k = std::clamp(k, 0, p.map->geometry().slices - 1);
    if (k == p.shownSlice) {
        return;
    }
    p.shownSlice = k;
    rebuild();
}

void SaliencyOverlay::rebuild()
{
    Private& p = *m_private;
    if (!p.map || p.shownSlice < 0) {
        p.updateVisibility();
        return;
    }
    const annotation::ImageGeometry& g = p.map->geometry();
    const int k = p.shownSlice;
    const auto* values = static_cast<const float*>(p.map->sliceData(k));
    const std::size_t count = static_cast<std::size_t>(g.columns) * static_cast<std::size_t>(g.rows);
    const SaliencyColourScale scale = colourScale();
    colourSaliencySlice(values, count, scale, static_cast<std::uint8_t*>(p.rgba->GetScalarPointer()));
    p.rgba->SetOrigin(0.0, 0.0, k + kOverlayOffset);
    p.rgba->Modified();

    if (!p.options.contourLevels.empty()) {
        std::memcpy(p.sliceValues->GetScalarPointer(), values, count * sizeof(float));
        p.sliceValues->SetOrigin(0.0, 0.0, k + kContourOffset);
        p.sliceValues->Modified();
        p.contours->SetNumberOfContours(static_cast<int>(p.options.contourLevels.size()));
        for (std::size_t n = 0; n < p.options.contourLevels.size(); ++n) {
            p.contours->SetValue(static_cast<int>(n), p.options.contourLevels[n]);
        }
    }

    const auto [low, high] = colourBarRange();
    constexpr int kColours = 256;
    p.lookup->SetNumberOfTableValues(kColours);
    p.lookup->SetRange(low, high > low ? high : low + 1e-6);
    for (int n = 0; n < kColours; ++n) {
        const double value = low + (high - low) * n / (kColours - 1);
        const auto rgb = saliencyColour(scale.colormap, scale.normalized(value));
        p.lookup->SetTableValue(n, rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0, 1.0);
    }
    p.lookup->Build();
    p.colourBar->SetTitle(p.title.c_str());
    p.colourBar->SetLabelFormat(std::max(std::fabs(low), std::fabs(high)) < 0.01 ? "%.1e" : "%.3g");
    p.updateVisibility();
}

} // namespace radmark::viewer
