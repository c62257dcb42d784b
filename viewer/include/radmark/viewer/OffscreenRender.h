#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/viewer/SaliencyDisplayOptions.h"
#include "radmark/viewer/SliceOverlayText.h"
#include "radmark/viewer/SliceRenderer.h"

#include <memory>
#include <optional>
#include <string>

namespace radmark::viewer {

struct SliceRenderRequest {
    std::shared_ptr<const annotation::ImageVolume> volume;
    int sliceIndex = -1; // -1: the middle slice
    std::optional<annotation::WindowLevel> window; // default: the volume's default window
    int widthPx = 512;
    int heightPx = 512;
    SliceOverlayText overlayText;
    bool showOverlay = true;
    SliceInterpolation interpolation = SliceInterpolation::Linear;
    // Lesion marks drawn as in the GUI (null: none): those of `seriesUid` on the rendered slice.
    const annotation::AnnotationDocument* annotationDocument = nullptr;
    std::string seriesUid;
    // A saliency map drawn over the slice as in the GUI (null: none): Float32 on the volume's grid.
    std::shared_ptr<const annotation::ImageVolume> saliencyMap;
    std::string saliencyTitle;
    SaliencyDisplayOptions saliencyOptions;
};

// Renders one slice with the same SliceRenderer as the GUI into an off-screen VTK window and
// writes an 8-bit RGB PNG. Needs an X display (Debian's VTK is built for GLX): run under
// `xvfb-run -a` when headless. Returns false and sets `error` on failure.
bool renderSliceToPng(const SliceRenderRequest& request, const std::string& outputPngPath, std::string* error);

} // namespace radmark::viewer
