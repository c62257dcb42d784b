#include "ImportTestFiles.h"
#include "TestPaths.h"

#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

using namespace radmark::storage;
using namespace radmark::testing;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<ProjectStore> newProject()
{
    return ProjectStore::open(
        makeTemporaryFolder("radmark-real") + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
}

// Skip reasons by path relative to `root`.
std::map<std::string, std::string> skipReasons(const ProjectStore& project, const std::string& root)
{
    std::map<std::string, std::string> reasons;
    for (const SkippedFile& file : project.skippedFiles()) {
        reasons[fs::relative(file.filePath, root).string()] = file.reason;
    }
    return reasons;
}

// Every indexed field, so that two records can be compared in one CHECK with a readable difference.
std::string describe(const InstanceRecord& r)
{
    std::ostringstream text;
    text.precision(17);
    const auto numbers = [&text](const std::vector<double>& values) {
        for (const double value : values) {
            text << value << '\\';
        }
        text << ' ';
    };
    text << r.sopClassUid << ' ' << r.sopInstanceUid << ' ' << r.seriesInstanceUid << ' ' << r.studyInstanceUid << ' '
         << r.frameOfReferenceUid << " [" << r.patientId << "] [" << r.patientName << "] " << r.patientSex << ' '
         << r.patientBirthDate << ' ' << r.patientAge << " [" << r.accessionNumber << "] " << r.studyDate << ' '
         << r.studyTime << " [" << r.studyDescription << "] [" << r.seriesDescription << "] " << r.modality << ' '
         << r.seriesNumber.value_or(-99) << ' ' << r.instanceNumber.value_or(-99) << " [" << r.manufacturer << "] ["
         << r.manufacturerModelName << "] [" << r.institutionName << "] [" << r.stationName << "] " << r.acquisitionDate
         << ' ' << r.acquisitionTime << " [" << r.bodyPartExamined << "] " << r.rows << 'x' << r.columns << 'x'
         << r.numberOfFrames << ' ' << r.pixelSpacingRowMm.value_or(-99) << ' ' << r.pixelSpacingColumnMm.value_or(-99)
         << ' ' << r.sliceThicknessMm.value_or(-99) << ' ';
    numbers(r.imagePositionPatient);
    numbers(r.imageOrientationPatient);
    numbers(r.windowCenters);
    numbers(r.windowWidths);
    text << r.rescaleSlope << ' ' << r.rescaleIntercept << ' ' << r.photometricInterpretation << ' '
         << r.samplesPerPixel << ' ' << r.bitsAllocated << ' ' << r.bitsStored << ' ' << r.pixelRepresentation << ' '
         << r.transferSyntaxUid << ' ' << r.burnedInAnnotation << " [" << r.imageType << "] " << r.flags.size();
    return text.str();
}

} // namespace

TEST_CASE("pydicom's odd and broken files: specific reasons, no crash, the rest imports", "[import]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::string root = sharedDataPath("dicom/pydicom_test_files/files");
    auto project = newProject();
    const ImportSummary summary = importPaths(*project, { root });
    CHECK(summary.progress.filesFound == 116);
    // MR_truncated.dcm (pixel data cut short) is refused by the pre-scan at import, no longer at load.
    CHECK(summary.progress.filesImported == 89);
    // The three SR documents are read for their text (reports), so they are not skipped files.
    CHECK(summary.progress.filesSkipped == 24);
    CHECK(summary.reportsImported == 3);
    CHECK(project->counts().instances == 89);

    const std::map<std::string, std::string> reasons = skipReasons(*project, root);
    CHECK(reasons.size() == 24);
    CHECK(reasons.at("MR_truncated.dcm")
        == "truncated: element (7FE0,0010) at byte 1488 claims 8192 bytes but only "
           "8130 remain in the file (or a bogus length)");
    CHECK(reasons.count("reportsi.dcm") == 0);
    CHECK(reasons.count("reportsi_with_empty_number_tags.dcm") == 0);
    CHECK(reasons.count("test-SR.dcm") == 0);
    CHECK(reasons.at("rtplan.dcm") == "not an image (SOP class RT Plan)");
    CHECK(reasons.at("rtstruct.dcm") == "not an image (SOP class RT Structure Set)");
    CHECK(reasons.at("waveform_ecg.dcm") == "not an image (SOP class Twelve Lead ECG Waveform)");
    CHECK(reasons.at("ExplVR_BigEndNoMeta.dcm") == "not an image (SOP class RT Ion Plan)"); // read without meta
    CHECK(reasons.at("priv_SQ.dcm")
        == "not an image: no image size (Rows/Columns) in the header (SOP class MR Image)"); // no Rows/Columns
    CHECK(reasons.at("liver_1frame.dcm")
        == "not an image (SOP class Segmentation: segmentations are not imported as images)");
    CHECK(reasons.at("README.txt") == "not a DICOM file (no DICM prefix and no recognisable dataset)");
    CHECK(reasons.at("zipMR.gz") == "not a DICOM file (no DICM prefix and no recognisable dataset)");
    // Refused by the pre-scan of the element stream before DCMTK parses it (DicomStreamPrescan).
    CHECK(reasons.at("rtplan_truncated.dcm")
        == "truncated: element (300A,00B0) at byte 1410 claims 976 bytes but only "
           "711 remain in the file (or a bogus length)");
    CHECK_THAT(reasons.at("SC_rgb_jpeg.dcm"), Catch::StartsWith("truncated: "));
    CHECK(reasons.at("meta_missing_tsyntax.dcm")
        == "not an image: no image size (Rows/Columns) in the header (SOP class not given)");
    CHECK(reasons.count("badVR.dcm") == 0); // an RT dose grid with a bad VR still indexes
    CHECK(reasons.count("dicomdirtests/DICOMDIR") == 0);

    const FileHeaderReading ct = readFileHeader(root + "/CT_small.dcm");
    REQUIRE(ct.record);
    CHECK(ct.record->sopInstanceUid == "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322");
    CHECK(ct.record->rows == 128);
    CHECK(ct.record->columns == 128);
    CHECK(ct.record->modality == "CT");
    CHECK(ct.record->pixelSpacingRowMm == Approx(0.661468));
    REQUIRE(ct.record->imagePositionPatient.size() == 3);
    CHECK(ct.record->imagePositionPatient[2] == Approx(-75.7));
    CHECK(ct.record->transferSyntaxUid == "1.2.840.10008.1.2.1");

    // The same MR image in several encodings reads the same (fast parser and DCMTK alike).
    const FileHeaderReading explicitLittle = readFileHeader(root + "/MR_small.dcm");
    REQUIRE(explicitLittle.record);
    for (const char* variant : { "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_RLE.dcm" }) {
        FileHeaderReading other = readFileHeader(root + "/" + variant);
        REQUIRE(other.record);
        other.record->transferSyntaxUid = explicitLittle.record->transferSyntaxUid;
        CHECK(describe(*other.record) == describe(*explicitLittle.record));
    }
    const std::optional<SeriesSummary> mrSeries = project->seriesByUid(explicitLittle.record->seriesInstanceUid);
    REQUIRE(mrSeries);
    CHECK(mrSeries->flaggedInstances == mrSeries->instances); // copies share one SOP Instance UID
}

TEST_CASE("The fast header parser gives the same records as DCMTK", "[import]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::string synthetic = makeTemporaryFolder("radmark-real");
    const WrittenSeries written = writeSyntheticSeries(smallCtSpec(), synthetic);
    std::vector<std::string> files = written.filePaths;
    for (const char* folder :
        { "dicom/pydicom_test_files/files", "dicom/12bit", "dicom/transfer_syntaxes", "dicom/ge_head_ct_tilt",
            "dicom/xa30_classic_vs_enhanced", "dicom/enhanced_multiframe", "dicom/nema_wg04" }) {
        for (const auto& entry : fs::recursive_directory_iterator(sharedDataPath(folder))) {
            if (entry.is_regular_file()) {
                files.push_back(entry.path().string());
            }
        }
    }
    int compared = 0;
    for (const std::string& file : files) {
        const FileHeaderReading automatic = readFileHeader(file);
        const FileHeaderReading dcmtk = readFileHeader(file, true);
        INFO(file);
        CHECK(automatic.record.has_value() == dcmtk.record.has_value());
        if (automatic.record && dcmtk.record) {
            CHECK(describe(*automatic.record) == describe(*dcmtk.record));
            ++compared;
        } else {
            CHECK(automatic.skipReason == dcmtk.skipReason);
        }
    }
    CHECK(compared > 100);
}

TEST_CASE("A 200 KB undefined-length sequence before group 0028 is skipped by the fast parser as the pre-scan "
          "walked it",
    "[import]")
{
    // The pre-scan lists where each top-level sequence ends; the fast parser jumps there instead of walking the
    // sequence again within 64 KB (before, such a header went to DCMTK).
    const std::string root = makeTemporaryFolder("radmark-real");
    const WrittenSeries written = writeSyntheticSeries(smallCtSpec(), root + "/source");
    const std::string path = root + "/long-sequence.dcm";
    rewriteDicom(written.filePaths.front(), path, [](DcmDataset& dataset) {
        for (int index = 0; index < 2500; ++index) {
            DcmItem* item = nullptr;
            REQUIRE(dataset.findOrCreateSequenceItem(DCM_ReferencedImageSequence, item, -2).good());
            item->putAndInsertString(DCM_ReferencedSOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
            item->putAndInsertString(
                DCM_ReferencedSOPInstanceUID, ("1.2.826.0.1.3680043.8.498.1." + std::to_string(index)).c_str());
        }
        dataset.putAndInsertString(DCM_SeriesDescription, "after the long sequence");
    });
    REQUIRE(fs::file_size(path) > 200000);
    const FileHeaderReading fast = readFileHeader(path);
    const FileHeaderReading dcmtk = readFileHeader(path, true);
    REQUIRE(fast.record);
    REQUIRE(dcmtk.record);
    CHECK(fast.readByFastParser);
    CHECK(describe(*fast.record) == describe(*dcmtk.record));
    CHECK(fast.record->seriesDescription == "after the long sequence");
    CHECK(fast.record->rows == 16);
    CHECK(fast.record->columns == 20);
}

TEST_CASE("Real scanner headers are read by the fast parser: a 160 KB Siemens private element before group 0028, "
          "enhanced multi-frame functional groups, compressed transfer syntaxes",
    "[import]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    int fast = 0;
    int dcmtk = 0;
    std::vector<std::string> notFast;
    for (const char* folder : { "dicom/xa30_classic_vs_enhanced", "dicom/enhanced_multiframe", "dicom/ge_head_ct_tilt",
             "dicom/nema_wg04/files", "dicom/transfer_syntaxes/files" }) {
        for (const auto& entry : fs::recursive_directory_iterator(sharedDataPath(folder))) {
            const std::string name = entry.path().filename().string();
            if (!entry.is_regular_file()
                || (name.find('.') != std::string::npos && entry.path().extension() != ".dcm")) {
                continue;
            }
            const FileHeaderReading reading = readFileHeader(entry.path().string());
            if (!reading.record) {
                continue;
            }
            if (reading.readByFastParser) {
                ++fast;
            } else {
                ++dcmtk;
                notFast.push_back(entry.path().string());
            }
        }
    }
    INFO("read by DCMTK: " << [&] {
        std::string list;
        for (const std::string& file : notFast) {
            list += "\n  " + file;
        }
        return list;
    }());
    // 63 + 1 XA30, 5 enhanced, 28 GE, 49 NEMA, 9 transfer syntaxes; only the big-endian one goes to DCMTK.
    CHECK(fast == 63 + 1 + 5 + 28 + 49 + 8);
    CHECK(dcmtk == 1);
    REQUIRE(notFast.size() == 1);
    CHECK(fs::path(notFast.front()).filename() == "3.dcm"); // explicit VR big endian

    // The enhanced XA30 file: geometry from the functional groups, as DCMTK reads it.
    const FileHeaderReading enhanced
        = readFileHeader(sharedDataPath("dicom/xa30_classic_vs_enhanced/enhanced_5/0063.dcm"));
    const FileHeaderReading enhancedByDcmtk
        = readFileHeader(sharedDataPath("dicom/xa30_classic_vs_enhanced/enhanced_5/0063.dcm"), true);
    REQUIRE(enhanced.record);
    REQUIRE(enhancedByDcmtk.record);
    CHECK(enhanced.readByFastParser);
    CHECK(enhanced.record->imagePositionPatient.size() == 3);
    CHECK(enhanced.record->imageOrientationPatient.size() == 6);
    CHECK(enhanced.record->pixelSpacingRowMm.has_value());
    CHECK(describe(*enhanced.record) == describe(*enhancedByDcmtk.record));
}

TEST_CASE("A DICOMDIR is honoured: only the files it references are read", "[import]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::string root = sharedDataPath("dicom/pydicom_test_files/files/dicomdirtests");
    auto project = newProject();
    const ImportSummary summary = importPaths(*project, { root });
    CHECK(summary.progress.filesFound == 31); // not TINY_ALPHA, not the DICOMDIR-* variants
    CHECK(summary.progress.filesImported == 31);
    CHECK(project->counts().skippedFiles == 0);
    CHECK(project->counts().patients == 2);

    auto tiny = newProject();
    const ImportSummary tinySummary = importPaths(*tiny, { root + "/TINY_ALPHA/DICOMDIR" });
    CHECK(tinySummary.progress.filesFound == 50);
    // Header-only files.
    CHECK(tinySummary.skippedThisRun.at(0).reason
        == "not an image: no image size (Rows/Columns) in the header (SOP class CT Image)");
}

TEST_CASE("NIfTI, NRRD and MetaImage files become one series each, data files are not reported", "[import]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::string root = sharedDataPath("volumes");
    auto project = newProject();
    const ImportSummary summary = importPaths(*project, { root });
    CHECK(summary.progress.filesImported == 21);
    CHECK(project->counts().series == 21);
    for (const auto& [path, reason] : skipReasons(*project, root)) {
        INFO(path << ": " << reason);
        const std::string extension = fs::path(path).extension().string();
        CHECK(extension != ".raw");
        CHECK(extension != ".img");
        CHECK(extension != ".gz");
    }
    CHECK(project->counts().skippedFiles == 8); // licences, provenance, index.json and one orphan .zraw

    const auto recordOf = [](const std::string& path) {
        const FileHeaderReading reading = readFileHeader(path);
        REQUIRE(reading.record);
        return *reading.record;
    };
    const InstanceRecord nifti = recordOf(root + "/niivue/files/FLAIR.nii.gz");
    const InstanceRecord nrrd = recordOf(root + "/niivue/files/FLAIR.nrrd");
    CHECK(nifti.sourceKind == SourceKind::VolumeFile);
    CHECK(nifti.columns == 124);
    CHECK(nifti.rows == 160);
    CHECK(nifti.numberOfFrames == 140);
    CHECK(nifti.modality == "OT");
    CHECK(nifti.patientId == "FLAIR");
    CHECK_THAT(nifti.studyInstanceUid, Catch::StartsWith("2.25."));
    CHECK(nifti.seriesInstanceUid != nrrd.seriesInstanceUid);
    CHECK(nrrd.rows == nifti.rows);
    CHECK(nrrd.numberOfFrames == nifti.numberOfFrames);
    for (std::size_t axis = 0; axis < 3; ++axis) {
        CHECK(nrrd.imagePositionPatient.at(axis) == Approx(nifti.imagePositionPatient.at(axis)).margin(1e-3));
    }
    for (std::size_t component = 0; component < 6; ++component) {
        CHECK(nrrd.imageOrientationPatient.at(component)
            == Approx(nifti.imageOrientationPatient.at(component)).margin(1e-4));
    }
    CHECK(nifti.imageOrientationPatient.at(0) == Approx(-0.993592).margin(1e-5)); // oblique

    const InstanceRecord rotated = recordOf(root + "/itk_examples/files/BrainT1SliceBorder20DirectionPlus30.mhd");
    CHECK(rotated.columns == 221);
    CHECK(rotated.rows == 257);
    CHECK(rotated.imageOrientationPatient.at(0) == Approx(std::cos(M_PI / 6)));
    CHECK(std::abs(rotated.imageOrientationPatient.at(1)) == Approx(0.5));

    const InstanceRecord lidc = recordOf(root + "/lidc_chest_8bit/LIDC2.nhdr");
    CHECK(lidc.numberOfFrames == 133);
    CHECK(lidc.pixelSpacingColumnMm == Approx(1.40625));
    CHECK(lidc.sliceThicknessMm == Approx(2.5));
    CHECK(recordOf(root + "/niivue/files/ras.hdr").numberOfFrames == 34);

    const std::vector<SeriesInstanceFile> files = project->seriesFiles(nifti.seriesInstanceUid);
    REQUIRE(files.size() == 1);
    CHECK(files[0].fromVolumeFile);
    CHECK(files[0].numberOfFrames == 140);
}

TEST_CASE("An enhanced multi-frame object takes its geometry from the functional groups", "[import]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::string root = sharedDataPath("dicom/xa30_classic_vs_enhanced");
    const FileHeaderReading enhanced = readFileHeader(root + "/enhanced_5/0063.dcm");
    const FileHeaderReading classic = readFileHeader(root + "/classic_5001/5001001.dcm");
    REQUIRE(enhanced.record);
    REQUIRE(classic.record);
    CHECK(enhanced.record->numberOfFrames == 63);
    CHECK(enhanced.record->rows == 86);
    CHECK(enhanced.record->pixelSpacingRowMm == classic.record->pixelSpacingRowMm);
    CHECK(enhanced.record->sliceThicknessMm == classic.record->sliceThicknessMm);
    CHECK(enhanced.record->imageOrientationPatient == classic.record->imageOrientationPatient);
    CHECK(enhanced.record->imagePositionPatient.size() == 3);
}
