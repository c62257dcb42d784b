#pragma once

#include <vtkSmartPointer.h>

#include <string>

class vtkRenderWindow;
class vtkRenderer;

namespace radmark::viewer {

// What the headless renderers (renderSliceToPng, renderViewToPng) share: checking a request before any
// VTK window exists, and drawing one renderer into a PNG file off screen.

// Stores message in *error (when given) and returns false.
bool reportRenderFailure(std::string* error, const std::string& message);

// The output image size must be 1..16384 pixels each way.
bool checkRenderSize(int widthPx, int heightPx, std::string* error);

// The PNG path must name a file in an existing, writable folder, and an X display must be open to VTK
// (its X render window aborts the process when it cannot open one).
bool checkPngTarget(const std::string& outputPngPath, std::string* error);

// An off-screen window of widthPx x heightPx without multisampling.
vtkSmartPointer<vtkRenderWindow> makeOffscreenWindow(int widthPx, int heightPx);

// Adds renderer to window, draws it and writes the window as an RGB PNG.
bool renderToPng(vtkRenderWindow* window, vtkRenderer* renderer, const std::string& outputPngPath, std::string* error);

} // namespace radmark::viewer
