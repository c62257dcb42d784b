#pragma once

#include "radmark/storage/project/SaliencyStore.h"
#include "radmark/storage/saliency/SaliencyMapLoader.h"

#include <string>
#include <vector>

namespace radmark::storage {

class ProjectStore;

// Checks of an already loaded map against its series' image and lesion marks.
StoredSaliencyChecks checksOfLoadedMap(const LoadedSaliencyMap& loaded, const annotation::ImageVolume& series,
    const std::vector<annotation::LesionMark>& marks);

// Loads the map onto the series and computes its checks; a map that cannot be loaded gives checks
// with `problem` set (never throws for the map's own faults). `loaded` receives the map when given.
StoredSaliencyChecks evaluateSaliencyMap(const SaliencyMapRecord& map, const annotation::ImageVolume& series,
    const std::vector<annotation::LesionMark>& marks, LoadedSaliencyMap* loaded = nullptr);

struct SaliencyRefreshSummary {
    int evaluated = 0;
    int failed = 0;
    std::vector<std::string> problems; // one sentence per map or series that could not be loaded
};

// Computes and stores the checks of every map (or only of those without stored checks), loading each
// series once; each map's file values are kept too (SaliencyStore::putFileValues), so that showing it later
// skips the pass over its voxels.
SaliencyRefreshSummary refreshSaliencyChecks(ProjectStore& project, bool onlyMissing);

} // namespace radmark::storage
