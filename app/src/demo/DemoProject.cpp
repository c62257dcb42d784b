#include "demo/DemoProject.h"

#include "demo/DemoSaliencyMaps.h"
#include "labelling/ProjectLabeller.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <cmath>
#include <filesystem>
#include <fstream>

namespace radmark::app {

namespace fs = std::filesystem;

namespace {

// Reports of the two demo studies, named after their accession numbers, in the words of real CT reports.
const char* abdomenReport = R"(EXAMINATION: CT ABDOMEN AND PELVIS WITH CONTRAST

CLINICAL HISTORY: Right lower quadrant pain. Evaluate for appendicitis.

TECHNIQUE: Axial images of the abdomen and pelvis after intravenous contrast, reconstructed at 2.5 mm and 5 mm.

COMPARISON: None.

FINDINGS:
Liver: A 2.1 cm hypodense lesion in the right hepatic lobe. Diffuse low attenuation of the liver, consistent with fatty liver. No biliary dilatation.
Gallbladder: Status post cholecystectomy.
Kidneys: A 9 mm nonobstructing calculus in the lower pole of the left kidney. No hydronephrosis.
Bowel: The appendix is normal in calibre. No bowel wall thickening or fat stranding. No bowel obstruction.
Peritoneum: Small volume ascites in the pelvis.
Lymph nodes: No lymphadenopathy.

IMPRESSION:
1. No evidence of appendicitis.
2. Left nephrolithiasis without hydronephrosis.
3. Indeterminate 2.1 cm hepatic lesion; follow-up MRI is recommended.
4. Hepatic steatosis.

Preliminary report by the resident radiologist.
)";

const char* tiltedReport = R"(CLINICAL INDICATION: Left lower quadrant pain and fever.

TECHNIQUE: Non-contrast CT of the abdomen, axial 3 mm images acquired with gantry tilt.

FINDINGS: Sigmoid diverticulosis with surrounding fat stranding and bowel wall thickening. No free air. Possible small umbilical hernia containing fat. Trace ascites. The kidneys are unremarkable, without calculi or hydronephrosis.

IMPRESSION: Acute uncomplicated sigmoid diverticulitis. Cannot exclude a small abscess; follow-up CT after treatment is recommended.
)";

void writeText(const fs::path& path, const char* text)
{
    std::ofstream file(path, std::ios::binary);
    file << text;
}

} // namespace

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
    abdomen.sliceStepLpsMm = { 0.0, 0.0, 2.5 };
    abdomen.firstSlicePositionLpsMm = { -119.625, -119.625, -90.0 };
    abdomen.seriesDescription = "Axial 2.5mm soft tissue";
    const storage::WrittenSeries abdomenFiles
        = storage::writeSyntheticSeries(abdomen, (folder / "patient1-axial-2.5mm").string());

    storage::SyntheticSeriesSpec thick = abdomen;
    thick.seriesInstanceUid.clear();
    thick.slices = 36;
    thick.sliceThicknessMm = 5.0;
    thick.sliceStepLpsMm = { 0.0, 0.0, 5.0 };
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
    tilted.sliceStepLpsMm = { 0.0, 3.0 * std::tan(tiltRadians), 3.0 };
    tilted.firstSlicePositionLpsMm = { -102.0, -102.0, -70.0 };
    storage::writeSyntheticSeries(tilted, (folder / "patient2-tilted").string());

    const auto store = storage::ProjectStore::open(project.string(), storage::ProjectStore::OpenMode::CreateIfMissing);
    DemoResult result;
    result.dicomFolder = folder.string();
    const fs::path reports = project.parent_path() / (project.stem().string() + "-demo-reports");
    fs::create_directories(reports);
    writeText(reports / (abdomen.accessionNumber + ".txt"), abdomenReport);
    writeText(reports / (tilted.accessionNumber + ".txt"), tiltedReport);
    result.importSummary = storage::importPaths(*store,
        { folder.string(), (reports / (abdomen.accessionNumber + ".txt")).string(),
            (reports / (tilted.accessionNumber + ".txt")).string() });
    // Beside, not inside, the imported folder: maps are referenced by the saliency tables, not imported as images.
    result.saliencyManifest = writeDemoSaliencyMaps(
        *store, abdomen, abdomenFiles, (project.parent_path() / (project.stem().string() + "-demo-saliency")).string());
    // Labels proposed with the CT abdomen preset, when it can be found (beside the build or installed).
    try {
        storage::ReportStore reportStore(*store);
        labelProjectReports(*store, reportStore, readLabelSchemaSource("ct-abdomen"), false, "");
        reportStore.setLastLabelSchema("ct-abdomen");
    } catch (const std::exception&) {
        // Without the preset the demo still has its reports; Labels ▸ Run Labeller… can label them.
    }
    return result;
}

} // namespace radmark::app
