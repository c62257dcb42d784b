#include "OffscreenPng.h"

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

bool xDisplayAvailable()
{
    Display* display = XOpenDisplay(nullptr);
    if (display == nullptr) {
        return false;
    }
    XCloseDisplay(display);
    return true;
}

} // namespace

bool reportRenderFailure(std::string* error, const std::string& message)
{
    if (error != nullptr) {
        *error = message;
    }
    return false;
}

bool checkRenderSize(int widthPx, int heightPx, std::string* error)
{
    if (widthPx <= 0 || heightPx <= 0 || widthPx > 16384 || heightPx > 16384) {
        return reportRenderFailure(error,
            "cannot render: image size " + std::to_string(widthPx) + "x" + std::to_string(heightPx)
                + " is out of range (1..16384 pixels)");
    }
    return true;
}

bool checkPngTarget(const std::string& outputPngPath, std::string* error)
{
    namespace fs = std::filesystem;
    if (outputPngPath.empty()) {
        return reportRenderFailure(error, "cannot render: no output path given");
    }
    const fs::path outputPath(outputPngPath);
    const fs::path folder = outputPath.has_parent_path() ? outputPath.parent_path() : fs::path(".");
    std::error_code ignored;
    if (!fs::is_directory(folder, ignored)) {
        return reportRenderFailure(error, "output folder does not exist: " + folder.string());
    }
    if (::access(folder.c_str(), W_OK) != 0) {
        return reportRenderFailure(error, "output folder is not writable: " + folder.string());
    }
    if (fs::is_directory(outputPath, ignored)) {
        return reportRenderFailure(error, "output path is a folder, not a file: " + outputPngPath);
    }
    if (!xDisplayAvailable()) {
        return reportRenderFailure(error, "no X display: run under xvfb-run -a");
    }
    return true;
}

vtkSmartPointer<vtkRenderWindow> makeOffscreenWindow(int widthPx, int heightPx)
{
    auto window = vtkSmartPointer<vtkRenderWindow>::New();
    window->SetOffScreenRendering(1);
    window->SetMultiSamples(0);
    window->SetSize(widthPx, heightPx);
    return window;
}

bool renderToPng(vtkRenderWindow* window, vtkRenderer* renderer, const std::string& outputPngPath, std::string* error)
{
    window->AddRenderer(renderer);
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
    std::error_code ignored;
    if (writer->GetErrorCode() != 0 || !std::filesystem::is_regular_file(outputPngPath, ignored)) {
        return reportRenderFailure(error, "cannot write " + outputPngPath);
    }
    return true;
}

} // namespace radmark::viewer
