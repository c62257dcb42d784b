#pragma once

#include "radmark/storage/Importer.h"

#include <string>

namespace radmark::app {

// The demo study: synthetic CT series with anatomy-like structures and lesions of known size,
// written as DICOM into `<project folder>/<project name>-demo-dicom/` and imported into the project.
// Two patients: an abdominal CT in two reconstructions, and a CT acquired with gantry tilt.
struct DemoResult {
    std::string dicomFolder;
    storage::ImportSummary importSummary;
};

DemoResult createDemoProject(const std::string& projectPath);

}  // namespace radmark::app
