#include "radmark/viewer/ViewRender.h"

#include "radmark/annotation/PlaneResampler.h"
#include "radmark/viewer/MprPlaneRenderer.h"

#include "OffscreenPng.h"

#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <array>
#include <memory>

namespace radmark::viewer {

namespace {

bool checkTarget(const SliceRenderRequest& request, const std::string& outputPngPath, std::string* error)
{
    if (!request.volume || request.volume->voxelCount() == 0) {
        return reportRenderFailure(error, "cannot render: the volume is empty");
    }
    if (const auto reason = annotation::mprUnavailableReason(*request.volume)) {
        return reportRenderFailure(error, "cannot render this view: " + *reason);
    }
    return checkRenderSize(request.widthPx, request.heightPx, error) && checkPngTarget(outputPngPath, error);
}

annotation::MprOrientation orientationOf(RenderedView view)
{
    switch (view) {
    case RenderedView::Coronal:
        return annotation::MprOrientation::Coronal;
    case RenderedView::Sagittal:
        return annotation::MprOrientation::Sagittal;
    default:
        return annotation::MprOrientation::Axial;
    }
}

} // namespace

std::optional<RenderedView> parseRenderedView(const std::string& name)
{
    if (name == "3d") {
        return RenderedView::Volume3d;
    }
    if (const auto orientation = annotation::parseMprOrientation(name)) {
        switch (*orientation) {
        case annotation::MprOrientation::Axial:
            return RenderedView::Axial;
        case annotation::MprOrientation::Coronal:
            return RenderedView::Coronal;
        case annotation::MprOrientation::Sagittal:
            return RenderedView::Sagittal;
        }
    }
    return std::nullopt;
}

bool renderViewToPng(const SliceRenderRequest& request, const ViewRenderOptions& options,
    const std::string& outputPngPath, std::string* error)
{
    if (!checkTarget(request, outputPngPath, error)) {
        return false;
    }
    auto resampler = std::make_shared<const annotation::PlaneResampler>(request.volume);
    const annotation::ImageGeometry& g = request.volume->geometry();
    const annotation::WindowLevel window = request.window.value_or(request.volume->defaultWindow());

    if (options.view == RenderedView::Volume3d) {
        VolumeRenderer3d scene;
        scene.setViewportSize(request.widthPx, request.heightPx);
        scene.setVolume(request.volume);
        if (options.preset) {
            scene.setPreset(*options.preset);
        }
        if (request.window) {
            scene.setMipWindow(*request.window); // an explicit --window/--level; else the MIP's own
        }
        scene.setBlend(options.maximumIntensity ? VolumeBlend::MaximumIntensity : VolumeBlend::Composite);
        scene.setAnnotationDocument(request.annotationDocument, request.seriesUid);
        // The planes shown in 3D are those of three MPR views through the volume's centre.
        std::array<std::unique_ptr<MprPlaneRenderer>, 3> planes;
        if (options.showPlanes) {
            for (annotation::MprOrientation orientation : { annotation::MprOrientation::Axial,
                     annotation::MprOrientation::Coronal, annotation::MprOrientation::Sagittal }) {
                auto& plane = planes[static_cast<int>(orientation)];
                plane = std::make_unique<MprPlaneRenderer>(orientation);
                plane->setResampler(resampler);
                scene.setPlane(orientation, plane->planeImage(), plane->planeGrid(), window);
            }
        }
        scene.setPlanesVisible(options.showPlanes);
        scene.resetCamera(options.direction);
        vtkSmartPointer<vtkRenderWindow> offscreen = makeOffscreenWindow(request.widthPx, request.heightPx);
        offscreen->Render(); // nothing to draw yet: creates the context whose renderer string we need
        const std::string capabilities = offscreen->ReportCapabilities();
        const auto rendererLine = capabilities.find("OpenGL renderer string:");
        scene.setSoftwareOpenGl(rendererLine != std::string::npos
            && isSoftwareOpenGl(
                capabilities.substr(rendererLine, capabilities.find('\n', rendererLine) - rendererLine)));
        scene.attachTo(*offscreen);
        return renderToPng(offscreen, scene.renderer(), outputPngPath, error);
    }

    const annotation::MprOrientation orientation = orientationOf(options.view);
    const int planeCount = annotation::mprPlaneCount(g, orientation);
    if (request.sliceIndex >= planeCount) {
        return reportRenderFailure(error,
            "cannot render: plane " + std::to_string(request.sliceIndex + 1) + " is beyond the "
                + std::to_string(planeCount) + " " + annotation::mprOrientationName(orientation)
                + " planes of the volume");
    }
    MprPlaneRenderer plane(orientation);
    plane.setViewportSize(request.widthPx, request.heightPx);
    plane.setResampler(resampler);
    plane.setOverlayText(request.overlayText);
    plane.setOverlayVisible(request.showOverlay);
    plane.setCrosshairVisible(false);
    annotation::Vector3 through = plane.crosshair();
    const int index = request.sliceIndex >= 0 ? request.sliceIndex : planeCount / 2;
    const int axis = annotation::mprNormalAxis(orientation);
    (axis == 0 ? through.x : axis == 1 ? through.y : through.z) = annotation::mprPlanePositionMm(g, orientation, index);
    plane.setCrosshair(through);
    plane.setWindowLevel(window);
    plane.setAnnotationDocument(request.annotationDocument, request.seriesUid);
    plane.fitToViewport();
    return renderToPng(makeOffscreenWindow(request.widthPx, request.heightPx), plane.renderer(), outputPngPath, error);
}

} // namespace radmark::viewer
