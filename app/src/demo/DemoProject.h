#pragma once

#include "radmark/storage/importing/Importer.h"

#include <string>

namespace radmark::app {

// The demo study: synthetic CT series with anatomy-like structures and lesions of known size,
// written as DICOM into `<project folder>/<project name>-demo-dicom/` and imported into the project.
// Two patients: an abdominal CT in two reconstructions, and a CT acquired with gantry tilt. The
// 2.5 mm abdominal series gets two saliency maps (one on the lesion, one on the image corner).
struct DemoResult {
    std::string dicomFolder;
    storage::ImportSummary importSummary;
    std::string saliencyManifest; // the demo's saliency maps (see DemoSaliencyMaps.h), already imported
};

DemoResult createDemoProject(const std::string& projectPath);

} // namespace radmark::app
