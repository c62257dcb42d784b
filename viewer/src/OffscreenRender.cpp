#include "radmark/viewer/OffscreenRender.h"

#include "radmark/viewer/SaliencyOverlay.h"
#include "radmark/viewer/SliceRenderer.h"

#include "OffscreenPng.h"

#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

namespace radmark::viewer {

bool renderSliceToPng(const SliceRenderRequest& request, const std::string& outputPngPath, std::string* error)
{
    if (!request.volume || request.volume->voxelCount() == 0) {
        return reportRenderFailure(error, "cannot render: the volume is empty");
    }
    if (!checkRenderSize(request.widthPx, request.heightPx, error) || !checkPngTarget(outputPngPath, error)) {
        return false;
    }

    SliceRenderer slice;
    slice.setViewportSize(request.widthPx, request.heightPx);
    slice.setVolume(request.volume);
    slice.setOverlayText(request.overlayText);
    slice.setOverlayVisible(request.showOverlay);
    slice.setInterpolation(request.interpolation);
    slice.setShownSeriesUid(request.seriesUid);
    slice.setAnnotationDocument(request.annotationDocument);
    if (request.sliceIndex >= 0) {
        slice.setSliceIndex(request.sliceIndex);
    }
    if (request.window) {
        slice.setWindowLevel(*request.window);
    }
    if (request.saliencyMap) {
        slice.saliencyOverlay().setOptions(request.saliencyOptions);
        slice.saliencyOverlay().setMap(request.saliencyMap, request.saliencyTitle);
    }
    slice.fitToViewport();

    return renderToPng(makeOffscreenWindow(request.widthPx, request.heightPx), slice.renderer(), outputPngPath, error);
}

} // namespace radmark::viewer
