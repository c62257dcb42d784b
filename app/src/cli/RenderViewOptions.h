#pragma once

#include "cli/CommandArguments.h"
#include "radmark/annotation/ImageVolume.h"
#include "radmark/viewer/ViewRender.h"

#include <optional>

namespace radmark::app {

// `render --view axial|coronal|sagittal|3d [--preset bone|soft-tissue|angio|mr] [--mip] [--planes]`:
// nothing without --view (the acquired slice). Throws UsageError for unknown values and for 3D-only
// options without --view 3d.
std::optional<viewer::ViewRenderOptions> parseViewRenderOptions(const CommandArguments& arguments);

// How many positions --slice may pick for the view (planes of an MPR orientation); 0 when --slice does
// not apply (3D) and -1 when the volume cannot be shown this way (the renderer then says why).
int viewSliceCount(const annotation::ImageVolume& volume, const viewer::ViewRenderOptions& options);

} // namespace radmark::app
