#pragma once

// The project of the labelling GUI tests: three synthetic studies ACC1..ACC3 (64 x 64 x 4, patients P1..P3),
// reports for ACC1 and ACC2, labelled by `radmark label-reports` with a given schema; and the main window
// shown with it open.
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <filesystem>
#include <string>
#include <vector>

namespace radmark::app {
class MainWindow;
}

namespace radmark::testing {

struct LabelledStudiesProject {
    std::filesystem::path folder;
    std::filesystem::path project;
    std::vector<storage::WrittenSeries> series; // ACC1, ACC2, ACC3 (ACC3 without a report)
};

// The schema the tests label with, named as given: Effusion (key "s") and Pneumothorax (key "r"), findings;
// Follow-up (key "u"), yes/no, default no.
std::string threeLabelSchemaJson(const std::string& name, const std::string& title);

// Imports the studies and the reports (ACC1: effusion, no pneumothorax, follow-up; ACC2: `acc2Report`, bytes
// as given) into `<temporary folder>/<projectFileName>` and runs `label-reports` with `schemaJson`.
LabelledStudiesProject makeLabelledStudiesProject(const std::string& folderPrefix, const std::string& projectFileName,
    const std::string& acc2Report, const std::string& schemaJson);

// Shows the window (1500 x 1000, no interactive dialogs), opens the project and sets the current author,
// a reviewer.
void showWithProject(app::MainWindow& window, const std::filesystem::path& project, const std::string& reviewer);

} // namespace radmark::testing
