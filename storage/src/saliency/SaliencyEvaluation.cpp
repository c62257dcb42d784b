#include "radmark/storage/saliency/SaliencyEvaluation.h"

#include "radmark/annotation/Timestamp.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectStore.h"

#include <map>

namespace radmark::storage {

StoredSaliencyChecks checksOfLoadedMap(const LoadedSaliencyMap& loaded, const annotation::ImageVolume& series,
    const std::vector<annotation::LesionMark>& marks)
{
    StoredSaliencyChecks stored;
    stored.checks = annotation::computeSaliencyChecks(series, *loaded.values, marks);
    stored.markCount = static_cast<int>(marks.size());
    stored.grid = loaded.grid;
    for (const std::string& warning : loaded.warnings) {
        stored.warnings += (stored.warnings.empty() ? "" : "; ") + warning;
    }
    stored.computedMs = annotation::systemTimeMs();
    return stored;
}

StoredSaliencyChecks evaluateSaliencyMap(const SaliencyMapRecord& map, const annotation::ImageVolume& series,
    const std::vector<annotation::LesionMark>& marks, LoadedSaliencyMap* loaded)
{
    try {
        LoadedSaliencyMap values = loadSaliencyMap(map.mapPath, series.geometry(), map.sliceIndex);
        StoredSaliencyChecks stored = checksOfLoadedMap(values, series, marks);
        if (loaded != nullptr) {
            *loaded = std::move(values);
        }
        return stored;
    } catch (const std::exception& error) {
        StoredSaliencyChecks stored;
        stored.problem = error.what();
        stored.computedMs = annotation::systemTimeMs();
        return stored;
    }
}

SaliencyRefreshSummary refreshSaliencyChecks(ProjectStore& project, bool onlyMissing)
{
    SaliencyStore store(project);
    MarkStore marks(project);
    std::map<std::string, std::vector<SaliencyMapRecord>> bySeries;
    for (SaliencyMapRecord& map : store.maps()) {
        if (onlyMissing && store.checks(map.id)) {
            continue;
        }
        bySeries[map.seriesUid].push_back(std::move(map));
    }
    SaliencyRefreshSummary summary;
    for (const auto& [seriesUid, maps] : bySeries) {
        LoadedSeries series;
        try {
            series = loadSeries(project, seriesUid);
        } catch (const std::exception& error) {
            summary.failed += static_cast<int>(maps.size());
            summary.problems.push_back(std::string("series ") + seriesUid + ": " + error.what());
            continue;
        }
        const std::vector<annotation::LesionMark> seriesMarks = marks.loadMarks(seriesUid);
        for (const SaliencyMapRecord& map : maps) {
            LoadedSaliencyMap loaded;
            const StoredSaliencyChecks stored = evaluateSaliencyMap(map, *series.volume, seriesMarks, &loaded);
            store.putChecks(map.id, stored);
            if (const std::optional<SaliencyFileValues> values = loaded.fileValues();
                values && stored.problem.empty()) {
                store.putFileValues(map.id, *values);
            }
            if (stored.problem.empty()) {
                ++summary.evaluated;
            } else {
                ++summary.failed;
                summary.problems.push_back(stored.problem);
            }
        }
    }
    return summary;
}

} // namespace radmark::storage
