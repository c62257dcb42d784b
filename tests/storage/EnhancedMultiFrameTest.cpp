// An enhanced multi-frame CT whose geometry and rescale exist only in functional groups: the import's index
// reader and the pixel loader read them through the same walker (dicom/FunctionalGroups) and agree.
#include "TestPaths.h"

#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <vector>

using namespace radmark::storage;

namespace {

constexpr int columns = 3;
constexpr int rows = 4;
constexpr int frames = 3;
const char* const seriesUid = "1.2.826.0.1.3680043.10.1471.9.2";

DcmItem* newItem(DcmItem& parent, const DcmTagKey& sequence)
{
    DcmItem* item = nullptr;
    REQUIRE(parent.findOrCreateSequenceItem(sequence, item, -2).good());
    REQUIRE(item != nullptr);
    return item;
}

// Frames stored in descending z (frame n at z = 34 - 2n), stored value 100 * (n + 1) + pixel index.
// Shared groups: pixel measures 0.5 \ 0.7 mm, thickness 2 mm, axial orientation, rescale -1024.
// Per-frame groups: plane position; frame 0 also carries its own rescale (intercept -1000), which wins over
// the shared one for frame 0 in both readers.
std::string writeEnhancedCt(const std::string& folder)
{
    DcmFileFormat file;
    DcmDataset& dataset = *file.getDataset();
    dataset.putAndInsertString(DCM_SOPClassUID, UID_EnhancedCTImageStorage);
    dataset.putAndInsertString(DCM_SOPInstanceUID, "1.2.826.0.1.3680043.10.1471.9.3");
    dataset.putAndInsertString(DCM_StudyInstanceUID, "1.2.826.0.1.3680043.10.1471.9.1");
    dataset.putAndInsertString(DCM_SeriesInstanceUID, seriesUid);
    dataset.putAndInsertString(DCM_FrameOfReferenceUID, "1.2.826.0.1.3680043.10.1471.9.4");
    dataset.putAndInsertString(DCM_Modality, "CT");
    dataset.putAndInsertString(DCM_PatientID, "ENH-1");
    dataset.putAndInsertUint16(DCM_Rows, rows);
    dataset.putAndInsertUint16(DCM_Columns, columns);
    dataset.putAndInsertString(DCM_NumberOfFrames, "3");
    dataset.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    dataset.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    dataset.putAndInsertUint16(DCM_BitsAllocated, 16);
    dataset.putAndInsertUint16(DCM_BitsStored, 16);
    dataset.putAndInsertUint16(DCM_HighBit, 15);
    dataset.putAndInsertUint16(DCM_PixelRepresentation, 0);

    DcmItem* shared = newItem(dataset, DCM_SharedFunctionalGroupsSequence);
    DcmItem* measures = newItem(*shared, DCM_PixelMeasuresSequence);
    measures->putAndInsertString(DCM_PixelSpacing, "0.5\\0.7");
    measures->putAndInsertString(DCM_SliceThickness, "2");
    newItem(*shared, DCM_PlaneOrientationSequence)->putAndInsertString(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
    DcmItem* transform = newItem(*shared, DCM_PixelValueTransformationSequence);
    transform->putAndInsertString(DCM_RescaleSlope, "1");
    transform->putAndInsertString(DCM_RescaleIntercept, "-1024");
    for (int n = 0; n < frames; ++n) {
        DcmItem* frame = newItem(dataset, DCM_PerFrameFunctionalGroupsSequence);
        const std::string position = "10\\20\\" + std::to_string(34 - 2 * n);
        newItem(*frame, DCM_PlanePositionSequence)->putAndInsertString(DCM_ImagePositionPatient, position.c_str());
        if (n == 0) {
            DcmItem* own = newItem(*frame, DCM_PixelValueTransformationSequence);
            own->putAndInsertString(DCM_RescaleSlope, "1");
            own->putAndInsertString(DCM_RescaleIntercept, "-1000");
        }
    }
    std::vector<Uint16> pixels;
    for (int n = 0; n < frames; ++n) {
        for (int p = 0; p < rows * columns; ++p) {
            pixels.push_back(static_cast<Uint16>(100 * (n + 1) + p));
        }
    }
    REQUIRE(dataset.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()))
                .good());
    const std::string path = folder + "/enhanced.dcm";
    REQUIRE(file.saveFile(path.c_str(), EXS_LittleEndianExplicit).good());
    return path;
}

} // namespace

TEST_CASE("an enhanced multi-frame CT is indexed and loaded from its functional groups", "[import][loader]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-enhanced");
    const std::string path = writeEnhancedCt(folder);
    auto project = ProjectStore::open(folder + "/project.radmark", ProjectStore::OpenMode::CreateIfMissing);
    REQUIRE(importPaths(*project, { path }).progress.filesImported == 1);

    const std::vector<InstanceRecord> instances = project->seriesInstances(seriesUid);
    REQUIRE(instances.size() == 1);
    const InstanceRecord& record = instances.front();
    CHECK(record.numberOfFrames == 3);
    CHECK(record.pixelSpacingRowMm == 0.5);
    CHECK(record.pixelSpacingColumnMm == 0.7);
    CHECK(record.sliceThicknessMm == 2.0);
    CHECK(record.imagePositionPatient == std::vector<double> { 10.0, 20.0, 34.0 }); // frame 1's own group
    CHECK(record.imageOrientationPatient == std::vector<double> { 1.0, 0.0, 0.0, 0.0, 1.0, 0.0 });
    CHECK(record.rescaleIntercept == -1000.0); // frame 1's own transformation wins over the shared one

    const LoadedSeries loaded = loadSeries(*project, seriesUid);
    const auto& geometry = loaded.volume->geometry();
    REQUIRE(geometry.columns == columns);
    REQUIRE(geometry.rows == rows);
    REQUIRE(geometry.slices == frames);
    CHECK(geometry.rowSpacingMm == 0.5);
    CHECK(geometry.columnSpacingMm == 0.7);
    CHECK(geometry.sliceSpacingMm == Approx(2.0).margin(1e-9));
    // Sorted along the normal: slice 0 is the last frame (z = 30).
    CHECK(geometry.sliceOriginsLpsMm[0].z == 30.0);
    CHECK(geometry.sliceOriginsLpsMm[2].z == 34.0);
    CHECK(geometry.sliceOriginsLpsMm[2].x == 10.0);
    CHECK(geometry.sliceOriginsLpsMm[2].y == 20.0);
    // Frame 3 (slice 0) and frame 2 (slice 1) use the shared intercept, frame 1 (slice 2) its own.
    CHECK(loaded.volume->valueAt(0, 0, 0) == 300.0 - 1024.0);
    CHECK(loaded.volume->valueAt(2, 3, 1) == 200.0 + 11.0 - 1024.0);
    CHECK(loaded.volume->valueAt(1, 0, 2) == 100.0 + 1.0 - 1000.0);
}

TEST_CASE("the fast parser reads functional groups with the walker's precedence (frame first, then shared)", "[import]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-enhanced-fast");
    const std::string path = writeEnhancedCt(folder);
    const FileHeaderReading fast = readFileHeader(path);
    const FileHeaderReading dcmtk = readFileHeader(path, true);
    REQUIRE(fast.record);
    REQUIRE(dcmtk.record);
    CHECK(fast.readByFastParser);
    CHECK_FALSE(dcmtk.readByFastParser);
    for (const InstanceRecord* record : { &*fast.record, &*dcmtk.record }) {
        CHECK(record->pixelSpacingRowMm == 0.5);
        CHECK(record->pixelSpacingColumnMm == 0.7);
        CHECK(record->sliceThicknessMm == 2.0);
        CHECK(record->imagePositionPatient == std::vector<double> { 10.0, 20.0, 34.0 });
        CHECK(record->imageOrientationPatient == std::vector<double> { 1.0, 0.0, 0.0, 0.0, 1.0, 0.0 });
        CHECK(record->rescaleSlope == 1.0);
        CHECK(record->rescaleIntercept == -1000.0); // frame 1's own transformation, not the shared -1024
    }
}
