#pragma once

#include "radmark/annotation/MprPlane.h"
#include "radmark/viewer/OffscreenRender.h"
#include "radmark/viewer/VolumeRenderer3d.h"

#include <optional>
#include <string>

namespace radmark::viewer {

// A view `radmark render --view` can draw besides the acquired slice.
enum class RenderedView { Axial, Coronal, Sagittal, Volume3d };
std::optional<RenderedView> parseRenderedView(const std::string& name); // "axial", "coronal", "sagittal", "3d"

struct ViewRenderOptions {
    RenderedView view = RenderedView::Axial;
    // For 3D: the transfer function (default: by modality), maximum-intensity projection (grey ramp =
    // the request's window when given, else the MIP's own, see VolumeRenderer3d::defaultMipWindow), the three
    // planes through the centre as slices, the camera's side. An orientation cube sits in the lower-left corner.
    std::optional<VolumePreset> preset;
    bool maximumIntensity = false;
    bool showPlanes = false;
    VolumeViewDirection direction = VolumeViewDirection::Anterior;
};

// Renders an MPR plane (request.sliceIndex = plane index from the right / anterior / inferior end,
// -1: the middle plane; see annotation::mprPlaneCount) or the 3D view with the same renderers as the
// GUI into an off-screen window and writes an 8-bit RGB PNG. Needs an X display. Refuses volumes
// MPR cannot show (single slice, colour) with the reason.
bool renderViewToPng(const SliceRenderRequest& request, const ViewRenderOptions& options,
    const std::string& outputPngPath, std::string* error);

} // namespace radmark::viewer
