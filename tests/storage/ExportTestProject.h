#pragma once

// A project for the export tests: synthetic CT series with known geometry and identifying values,
// imported, with marks drawn through AnnotationDocument -> MarkStore and report labels.
#include "radmark/annotation/ImageGeometry.h"
#include "radmark/storage/project/ProjectStore.h"

#include <memory>
#include <string>
#include <vector>

namespace radmark::testing {

// Geometry of every test series: 64 columns x 48 rows x 10 slices, anisotropic pixels.
constexpr int kExportColumns = 64;
constexpr int kExportRows = 48;
constexpr int kExportSlices = 10;
constexpr double kExportColumnSpacingMm = 0.75;
constexpr double kExportRowSpacingMm = 0.9;
constexpr double kExportSliceSpacingMm = 2.5;
constexpr double kExportOriginLpsMm[3] = { -24.0, -21.6, -10.0 };

// The HU every test series holds at voxel (i, j, k).
constexpr int exportTestHu(int i, int j, int k)
{
    return 7 * i + 11 * j + 13 * k - 900;
}

struct ExportTestPatient {
    std::string patientId;
    std::string patientName;
    std::string accession;
    std::string institution;
    std::string sex;
    std::string age;
    std::string studyUid;
    std::string seriesUid;
    std::vector<std::string> files; // slice order
    std::vector<std::string> sopUids;
};

struct ExportTestProject {
    std::string folder;
    std::string projectPath;
    std::vector<ExportTestPatient> patients;
    std::unique_ptr<storage::ProjectStore> project;

    // Every value of the input that identifies a patient, a study or an image.
    std::vector<std::string> identifyingValues() const;
};

// `patientCount` patients, one study and series each. Patient 0 gets a RECIST (slice 5, lesion type 4)
// and a 3D box (slices 3-7) and a line (slice 8); patient 1 a 2D box (slice 2); the others no marks.
// Patient 0's study has the label "effusion" proposed 1 and decided 0 by "Dr Lee"; patient 1's is
ExportTestProject makeExportTestProject(int patientCount = 2);

// The RECIST endpoints drawn on patient 0 (pixels, column/row).
constexpr double kRecistLong[4] = { 20.5, 10.25, 40.5, 30.25 };
constexpr double kRecistShort[4] = { 35.5, 15.25, 25.5, 25.25 };
constexpr int kRecistSlice = 4; // 0-based
constexpr double kBox3d[4] = { 5.5, 6.5, 12.25, 14.75 };
constexpr int kBox3dFirst = 2;
constexpr int kBox3dLast = 6;
constexpr int kBox3dSlice = 4;

} // namespace radmark::testing
