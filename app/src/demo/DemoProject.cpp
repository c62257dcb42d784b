#include "demo/DemoProject.h"

#include "demo/DemoSaliencyMaps.h"

#include "radmark/storage/ProjectStore.h"
#include "radmark/storage/SyntheticSeriesWriter.h"

#include <cmath>
#include <filesystem>

namespace radmark::app {

namespace fs = std::filesystem;

DemoResult createDemoProject(const std::string& projectPath)
{
    const fs::path project = fs::absolute(projectPath);
    const fs::path folder = project.parent_path() / (project.stem().string() + "-demo-dicom");
    fs::create_directories(folder);

    storage::SyntheticSeriesSpec abdomen;
    abdomen.studyInstanceUid = storage::generateUid();
    abdomen.columns = 320;
    abdomen.rows = 320;
    abdomen.slices = 72;
    abdomen.columnSpacingMm = 0.75;
    abdomen.rowSpacingMm = 0.75;
    abdomen.sliceThicknessMm = 2.5;
    abdomen.sliceStepLpsMm = {0.0, 0.0, 2.5};
    abdomen.firstSlicePositionLpsMm = {-119.625, -119.625, -90.0};
    abdomen.seriesDescription = "Axial 2.5mm soft tissue";
    const storage::WrittenSeries abdomenFiles =
        storage::writeSyntheticSeries(abdomen, (folder / "patient1-axial-2.5mm").string());

    storage::SyntheticSeriesSpec thick = abdomen;
    thick.seriesInstanceUid.clear();
    thick.slices = 36;
    thick.sliceThicknessMm = 5.0;
    thick.sliceStepLpsMm = {0.0, 0.0, 5.0};
    thick.seriesDescription = "Axial 5mm";
    thick.seriesNumber = 3;
    storage::writeSyntheticSeries(thick, (folder / "patient1-axial-5mm").string());

    // Gantry tilt of 15 degrees: each slice also steps posteriorly by tan(15 deg) x the spacing.
    storage::SyntheticSeriesSpec tilted;
    tilted.patientId = "RADMARK-DEMO-002";
    tilted.patientName = "Demo^Tilted";
    tilted.patientSex = "M";
    tilted.patientAge = "067Y";
    tilted.accessionNumber = "DEMO0002";
    tilted.studyDescription = "CT ABDOMEN (SYNTHETIC, GANTRY TILT)";
    tilted.seriesDescription = "Axial 3mm tilted";
    tilted.slices = 48;
    tilted.sliceThicknessMm = 3.0;
    const double tiltRadians = 15.0 * 3.14159265358979323846 / 180.0;
    tilted.sliceStepLpsMm = {0.0, 3.0 * std::tan(tiltRadians), 3.0};
    tilted.firstSlicePositionLpsMm = {-102.0, -102.0, -70.0};
    storage::writeSyntheticSeries(tilted, (folder / "patient2-tilted").string());

    const auto store = storage::ProjectStore::open(project.string(), storage::ProjectStore::OpenMode::CreateIfMissing);
    DemoResult result;
    result.dicomFolder = folder.string();
    result.importSummary = storage::importPaths(*store, {folder.string()});
    // Beside, not inside, the imported folder: maps are referenced by the saliency tables, not imported as images.
    result.saliencyManifest = writeDemoSaliencyMaps(
        *store, abdomen, abdomenFiles, (project.parent_path() / (project.stem().string() + "-demo-saliency")).string());
    return result;
}

}  // namespace radmark::app
