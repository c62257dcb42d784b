#include "gui/saliency/SaliencyOverlaySetting.h"

#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectStore.h"

namespace radmark::app {

namespace {

constexpr char kOverlayVisibleKey[] = "saliency_overlay_visible";

bool hasSettingsTable(const storage::ProjectStore* project)
{
    return project != nullptr && project->schemaVersion() >= 2; // project_settings came with the marks
}

} // namespace

bool loadSaliencyOverlayVisible(storage::ProjectStore* project)
{
    if (!hasSettingsTable(project)) {
        return true;
    }
    try {
        const auto value = storage::MarkStore(*project).setting(kOverlayVisibleKey);
        return !value || *value != "0";
    } catch (const std::exception&) {
        return true;
    }
}

void storeSaliencyOverlayVisible(storage::ProjectStore* project, bool visible)
{
    if (!hasSettingsTable(project) || project->isReadOnly()) {
        return;
    }
    storage::MarkStore(*project).putSetting(kOverlayVisibleKey, visible ? "1" : "0");
}

} // namespace radmark::app
