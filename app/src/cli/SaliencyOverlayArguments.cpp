#include "cli/SaliencyOverlayArguments.h"

#include "cli/CommandArguments.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/SaliencyStore.h"
#include "radmark/storage/saliency/SaliencyMapLoader.h"

#include <iostream>

namespace radmark::app {

void applySaliencyOverlayArguments(const CommandArguments& arguments, storage::ProjectStore& project,
    const std::string& seriesUid, viewer::SliceRenderRequest& request)
{
    const auto model = arguments.value("overlay");
    if (!model) {
        for (const char* option : { "target", "colormap", "opacity", "threshold" }) {
            if (arguments.has(option)) {
                throw UsageError(std::string("--") + option + " needs --overlay MODEL");
            }
        }
        return;
    }
    viewer::SaliencyDisplayOptions& options = request.saliencyOptions;
    if (const auto name = arguments.value("colormap")) {
        const auto colormap = viewer::parseSaliencyColormap(*name);
        if (!colormap) {
            throw UsageError("--colormap must be jet, hot, viridis, single or diverging, not '" + *name + "'");
        }
        options.colormap = *colormap;
    }
    if (const auto opacity = arguments.number("opacity")) {
        if (*opacity < 0.0 || *opacity > 1.0) {
            throw UsageError("--opacity must be between 0 and 1");
        }
        options.opacity = *opacity;
    }
    if (auto threshold = arguments.value("threshold")) {
        const bool ofMaximum = threshold->size() > 4 && threshold->compare(threshold->size() - 4, 4, "%max") == 0;
        if (ofMaximum) {
            threshold->resize(threshold->size() - 4);
        }
        const bool percentile = !ofMaximum && !threshold->empty() && threshold->back() == '%';
        if (percentile) {
            threshold->pop_back();
        }
        try {
            std::size_t used = 0;
            options.threshold = std::stod(*threshold, &used);
            if (used != threshold->size()) {
                throw std::invalid_argument("trailing text");
            }
        } catch (const std::exception&) {
            throw UsageError(
                "--threshold needs a value, a percentile such as 90% or a share of the maximum such as 20%max");
        }
        options.thresholdKind = ofMaximum ? viewer::SaliencyDisplayOptions::ThresholdKind::PercentOfMaximum
            : percentile                  ? viewer::SaliencyDisplayOptions::ThresholdKind::Percentile
                                          : viewer::SaliencyDisplayOptions::ThresholdKind::Value;
    }

    storage::SaliencyStore store(project);
    const auto target = arguments.value("target");
    std::vector<storage::SaliencyMapRecord> matches;
    std::string targets;
    for (const storage::SaliencyMapRecord& map : store.maps(seriesUid)) {
        if (map.model == *model && (!target || map.target == *target)) {
            matches.push_back(map);
            targets += (targets.empty() ? "" : ", ") + (map.target.empty() ? std::string("(none)") : map.target);
        }
    }
    if (matches.empty()) {
        throw storage::ProjectError(project.path() + ": series " + seriesUid + " has no saliency map of model " + *model
            + (target ? " for target " + *target : std::string()));
    }
    if (matches.size() > 1) {
        throw UsageError("series " + seriesUid + " has " + std::to_string(matches.size()) + " maps of model " + *model
            + " (targets " + targets + "): give --target");
    }
    const storage::SaliencyMapRecord& map = matches.front();
    storage::LoadedSaliencyMap loaded
        = storage::loadSaliencyMap(map.mapPath, request.volume->geometry(), map.sliceIndex);
    for (const std::string& warning : loaded.warnings) {
        std::cerr << "radmark render: note: " << warning << "\n";
    }
    if (loaded.summary.isSigned() && !arguments.has("colormap")) {
        options.colormap = viewer::SaliencyColormap::Diverging;
    }
    request.saliencyMap = loaded.values;
    request.saliencyTitle = map.target.empty() ? map.model : map.model + "\n" + map.target;
}

} // namespace radmark::app
