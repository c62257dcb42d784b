#pragma once

#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <string>

namespace radmark::storage {
class ProjectStore;
}

namespace radmark::app {

// Two saliency maps of the demo's abdominal series, written into `folder` with a manifest and imported
// (with their checks) into the project: "lesion-net" (a MetaImage on a coarser 2 mm grid whose hot
// spot is the largest liver lesion) and "shortcut-net" (a float DICOM map on its own grid that points
// at the top-left image corner, where scanners burn in text). Returns the manifest's path.
std::string writeDemoSaliencyMaps(storage::ProjectStore& project, const storage::SyntheticSeriesSpec& series,
    const storage::WrittenSeries& written, const std::string& folder);

} // namespace radmark::app
