#pragma once

#include <string>
#include <vector>

namespace radmark::storage {

class ProjectStore;

struct SaliencyManifestSummary {
    int rows = 0; // data rows read
    int mapsAdded = 0;
    int mapsUpdated = 0; // same series, path, model and target as before: score/method/slice replaced
    std::vector<std::string> problems; // "MANIFEST line N: reason", one per row not taken
};

// Imports saliency maps listed in a CSV manifest with the header
// `series_uid,map_path,model,target,score,method` (`study_uid` or `accession` may replace `series_uid`
// when that study has exactly one series; `target`, `score`, `method` may be empty; an optional
// `slice` column gives the 1-based series slice of a 2D map). Relative paths are relative to the
// manifest; maps are referenced, not copied. Rows with an unknown UID, a missing file or a bad number
// are reported and skipped; the others are stored, each in its own transaction. Throws ProjectError
// when the manifest cannot be read or lacks a required column.
SaliencyManifestSummary importSaliencyManifest(ProjectStore& project, const std::string& manifestPath);

} // namespace radmark::storage
