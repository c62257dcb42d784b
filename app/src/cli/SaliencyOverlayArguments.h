#pragma once

#include "radmark/viewer/OffscreenRender.h"

#include <string>

namespace radmark::storage {
class ProjectStore;
}

namespace radmark::app {

class CommandArguments;

// The render options that lay a saliency map over the slice: --overlay MODEL [--target CLASS]
// [--colormap NAME] [--opacity A] [--threshold T | P% | F%max]. Without --threshold, 20%max. Loads the series' map of
// that model (and class) onto the request's volume. Does nothing without --overlay; throws UsageError for a bad option
// and ProjectError when the project has no such map or the map cannot be loaded.
void applySaliencyOverlayArguments(const CommandArguments& arguments, storage::ProjectStore& project,
    const std::string& seriesUid, viewer::SliceRenderRequest& request);

// The option names, for the command's parser.
inline const char* const kSaliencyOverlayOptions[] = { "overlay", "target", "colormap", "opacity", "threshold" };

} // namespace radmark::app
