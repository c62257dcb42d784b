#include "radmark/viewer/OffscreenRender.h"

#include "radmark/viewer/SaliencyOverlay.h"
#include "radmark/viewer/SliceRenderer.h"

#include <vtkNew.h>
#include <vtkPNGWriter.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkWindowToImageFilter.h>

#include <unistd.h>

#include <filesystem>

// Last: Xlib defines macros (None, Status, Bool) that clash with other headers.
#include <X11/Xlib.h>

namespace radmark::viewer {

namespace {

bool fail(std::string* error, const std::string& message)
{
    if (error != nullptr) {
        *error = message;
    }
    return false;
}

// VTK's X render window aborts the process when it cannot open a display: check first.
bool xDisplayAvailable()
{
    Display* display = XOpenDisplay(nullptr);
    if (display == nullptr) {
        return false;
    }
    XCloseDisplay(display);
    return true;
}

}  // namespace

bool renderSliceToPng(const SliceRenderRequest& request, const std::string& outputPngPath, std::string* error)
{
    namespace fs = std::filesystem;
    if (!request.volume || request.volume->voxelCount() == 0) {
        return fail(error, "cannot render: the volume is empty");
    }
    if (request.widthPx <= 0 || request.heightPx <= 0 || request.widthPx > 16384 || request.heightPx > 16384) {
        return fail(error, "cannot render: image size " + std::to_string(request.widthPx) + "x" +
                               std::to_string(request.heightPx) + " is out of range (1..16384 pixels)");
    }
    if (outputPngPath.empty()) {
        return fail(error, "cannot render: no output path given");
    }
    const fs::path outputPath(outputPngPath);
    const fs::path folder = outputPath.has_parent_path() ? outputPath.parent_path() : fs::path(".");
    std::error_code ignored;
    if (!fs::is_directory(folder, ignored)) {
        return fail(error, "output folder does not exist: " + folder.string());
    }
    if (::access(folder.c_str(), W_OK) != 0) {
        return fail(error, "output folder is not writable: " + folder.string());
    }
    if (fs::is_directory(outputPath, ignored)) {
        return fail(error, "output path is a folder, not a file: " + outputPngPath);
    }
    if (!xDisplayAvailable()) {
        return fail(error, "no X display: run under xvfb-run -a");
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

    vtkNew<vtkRenderWindow> window;
    window->SetOffScreenRendering(1);
    window->SetMultiSamples(0);
    window->SetSize(request.widthPx, request.heightPx);
    window->AddRenderer(slice.renderer());
    window->Render();

    vtkNew<vtkWindowToImageFilter> capture;
    capture->SetInput(window);
    capture->SetInputBufferTypeToRGB();
    capture->ReadFrontBufferOff();
    capture->Update();

    vtkNew<vtkPNGWriter> writer;
    writer->SetFileName(outputPngPath.c_str());
    writer->SetInputConnection(capture->GetOutputPort());
    writer->Write();
    const bool written = writer->GetErrorCode() == 0 && fs::is_regular_file(outputPath, ignored);
    if (!written) {
        return fail(error, "cannot write " + outputPngPath);
    }
    return true;
}

}  // namespace radmark::viewer
