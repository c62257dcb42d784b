#pragma once

namespace radmark::storage {
class ProjectStore;
}

namespace radmark::app {

// Whether a saliency map is drawn over the slice when it opens, as the reviewer last chose it (H or
// View ▸ Saliency Overlay) in this project: key `saliency_overlay_visible` ("1" / "0") of the project's
// `project_settings` table. Shown when never chosen, or when the project has no settings table.
bool loadSaliencyOverlayVisible(storage::ProjectStore* project);
// Stores the choice; a read-only project (or one without the table) keeps it for this session only.
void storeSaliencyOverlayVisible(storage::ProjectStore* project, bool visible);

} // namespace radmark::app
