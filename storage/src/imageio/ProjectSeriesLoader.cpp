#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <set>

namespace radmark::storage {

// Kept apart from loadSeriesFiles so that code loading plain files does not link the project store.
LoadedSeries loadSeries(const ProjectStore& project, const std::string& seriesUid, const SeriesLoadOptions& options)
{
    const std::vector<SeriesInstanceFile> files = project.seriesFiles(seriesUid);
    if (files.empty()) {
        throw ProjectError("cannot load series " + seriesUid + ": project " + project.path() + " has no files for it");
    }
    std::vector<std::string> paths;
    std::set<std::string> seen;
    for (const SeriesInstanceFile& file : files) {
        if (seen.insert(file.filePath).second) {
            paths.push_back(file.filePath);
        }
    }
    return loadSeriesFiles(paths, options);
}

} // namespace radmark::storage
