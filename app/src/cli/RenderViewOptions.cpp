#include "cli/RenderViewOptions.h"

#include "radmark/annotation/MprPlane.h"

namespace radmark::app {

std::optional<viewer::ViewRenderOptions> parseViewRenderOptions(const CommandArguments& arguments)
{
    const auto viewName = arguments.value("view");
    const bool has3dOptions = arguments.has("preset") || arguments.has("mip") || arguments.has("planes");
    if (!viewName) {
        if (has3dOptions) {
            throw UsageError("--preset, --mip and --planes need --view 3d");
        }
        return std::nullopt;
    }
    const auto view = viewer::parseRenderedView(*viewName);
    if (!view) {
        throw UsageError("--view must be axial, coronal, sagittal or 3d, not '" + *viewName + "'");
    }
    viewer::ViewRenderOptions options;
    options.view = *view;
    if (has3dOptions && *view != viewer::RenderedView::Volume3d) {
        throw UsageError("--preset, --mip and --planes need --view 3d");
    }
    if (const auto preset = arguments.value("preset")) {
        if (*preset == "bone") {
            options.preset = viewer::VolumePreset::CtBone;
        } else if (*preset == "soft-tissue") {
            options.preset = viewer::VolumePreset::CtSoftTissue;
        } else if (*preset == "angio") {
            options.preset = viewer::VolumePreset::CtAngiography;
        } else if (*preset == "mr") {
            options.preset = viewer::VolumePreset::MrDefault;
        } else {
            throw UsageError("--preset must be bone, soft-tissue, angio or mr, not '" + *preset + "'");
        }
    }
    options.maximumIntensity = arguments.has("mip");
    options.showPlanes = arguments.has("planes");
    return options;
}

int viewSliceCount(const annotation::ImageVolume& volume, const viewer::ViewRenderOptions& options)
{
    if (options.view == viewer::RenderedView::Volume3d) {
        return 0;
    }
    if (annotation::mprUnavailableReason(volume)) {
        return -1;
    }
    const annotation::MprOrientation orientation = options.view == viewer::RenderedView::Coronal
        ? annotation::MprOrientation::Coronal
        : options.view == viewer::RenderedView::Sagittal ? annotation::MprOrientation::Sagittal
                                                         : annotation::MprOrientation::Axial;
    return annotation::mprPlaneCount(volume.geometry(), orientation);
}

} // namespace radmark::app
