// dicom export: de-identified copies (PS3.15 Basic Profile). No identifying value of the input survives in any
// exported byte, pixels are identical, UIDs are remapped consistently, age/sex follow the identity's options,
// missing files are reported and the rest is written. Also the default exclusion reasons.
#include "DicomExportFixture.h"
#include "ExportedFileBytes.h"
#include "TestPaths.h"

#include "radmark/storage/importing/Importer.h"

#include "radmark/storage/dataset/DicomExportFormats.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace radmark::storage;
using namespace radmark::testing;

namespace {

std::string stringOf(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    item.findAndGetOFStringArray(tag, value);
    return value.c_str();
}

std::vector<Uint16> pixelsOf(DcmDataset& dataset)
{
    const Uint16* pixels = nullptr;
    unsigned long count = 0;
    REQUIRE(dataset.findAndGetUint16Array(DCM_PixelData, pixels, &count).good());
    return std::vector<Uint16>(pixels, pixels + count);
}

} // namespace

TEST_CASE("dicom export leaves no identifying value of the input in any exported byte", "[export][deid]")
{
    const bool keep = GENERATE(true, false);
    DicomExportFixture fixture;
    MapIdentity identity(-100, keep, keep);
    ExportLog log;
    const std::string out = fixture.folder + "/export";
    ExportContext context { out, identity, fixture.studies, fixture.lesionTypes, "0.1.0", "test", log };
    makeDeidentifiedDicomFormat()->write(context);
    makeDicomSrFormat()->write(context);
    CHECK(log.excluded.empty());
    CHECK(log.filesWritten["dicom"] == 24);

    std::vector<std::string> identifying = fixture.identifyingStrings();
    identifying.push_back(fixture.phi.studyDate); // dates are shifted
    if (!keep) {
        identifying.push_back("054Y");
    }
    const std::vector<std::string> files = filesUnder(out);
    REQUIRE(files.size() == 25);
    for (const std::string& file : files) {
        const std::string bytes = fileBytes(file);
        for (const std::string& value : identifying) {
            INFO(file << " must not contain " << value);
            CHECK(bytes.find(value) == std::string::npos);
        }
    }

    const std::string seriesFolder = out + "/dicom/ANON1/" + identity.uid(fixture.written.studyInstanceUid) + "/"
        + identity.uid(fixture.written.seriesInstanceUid);
    for (std::size_t index = 0; index < fixture.written.filePaths.size(); ++index) {
        const std::string originalUid = fixture.written.sopInstanceUids[index];
        DcmFileFormat original;
        DcmFileFormat copy;
        REQUIRE(original.loadFile(fixture.written.filePaths[index].c_str()).good());
        REQUIRE(copy.loadFile((seriesFolder + "/" + identity.uid(originalUid) + ".dcm").c_str()).good());
        DcmDataset& dataset = *copy.getDataset();
        CHECK(pixelsOf(dataset) == pixelsOf(*original.getDataset()));
        CHECK(stringOf(dataset, DCM_SOPInstanceUID) == identity.uid(originalUid));
        CHECK(stringOf(*copy.getMetaInfo(), DCM_MediaStorageSOPInstanceUID) == identity.uid(originalUid));
        CHECK(stringOf(dataset, DCM_SOPClassUID) == UID_CTImageStorage);
        CHECK(stringOf(dataset, DCM_PatientName) == "Anonymous^ANON1");
        CHECK(stringOf(dataset, DCM_PatientID) == "ANON1");
        CHECK(stringOf(dataset, DCM_StudyDate) == "20231208");
        CHECK(dataset.tagExists(DCM_StudyTime));
        CHECK(stringOf(dataset, DCM_StudyTime).empty()); // dates shifted: times emptied
        CHECK(dataset.tagExists(DCM_PatientBirthDate));
        CHECK(stringOf(dataset, DCM_PatientBirthDate).empty());
        CHECK(stringOf(dataset, DCM_AccessionNumber).empty());
        CHECK_FALSE(dataset.tagExists(DCM_InstitutionName));
        CHECK_FALSE(dataset.tagExists(DcmTagKey(0x0010, 0x1000)));
        CHECK_FALSE(dataset.tagExists(DcmTagKey(0x0009, 0x0010)));
        CHECK_FALSE(dataset.tagExists(DcmTagKey(0x0009, 0x1001)));
        CHECK(stringOf(dataset, DCM_PatientSex) == (keep ? "F" : ""));
        CHECK(dataset.tagExists(DCM_PatientAge) == keep);
        if (keep) {
            CHECK(stringOf(dataset, DCM_PatientAge) == "054Y");
        }
        CHECK(stringOf(dataset, DCM_PatientIdentityRemoved) == "YES");
        CHECK(stringOf(dataset, DCM_LongitudinalTemporalInformationModified) == "MODIFIED");
        CHECK(stringOf(dataset, DCM_DeidentificationMethod).find("Basic Application Confidentiality Profile")
            != std::string::npos);
        DcmItem* method = nullptr;
        REQUIRE(dataset.findAndGetSequenceItem(DCM_DeidentificationMethodCodeSequence, method, 0).good());
        CHECK(stringOf(*method, DCM_CodeValue) == "113100");
        DcmItem* reference = nullptr;
        REQUIRE(dataset.findAndGetSequenceItem(DCM_ReferencedImageSequence, reference, 0).good());
        const std::string referenced = fixture.written.sopInstanceUids[(index + 1) % fixture.written.filePaths.size()];
        CHECK(stringOf(*reference, DCM_ReferencedSOPInstanceUID) == identity.uid(referenced));
        CHECK(stringOf(*reference, DcmTagKey(0x0040, 0xA123)).empty());
        CHECK(stringOf(dataset, DCM_FrameOfReferenceUID)
            == identity.uid(fixture.studies[0].series[0].instances[0].frameOfReferenceUid));
    }
}

TEST_CASE("dicom export lists missing and unreadable files and writes the rest", "[export][deid]")
{
    DicomExportFixture fixture;
    std::filesystem::remove(fixture.written.filePaths[3]);
    {
        std::ofstream damaged(fixture.written.filePaths[5], std::ios::binary | std::ios::trunc);
        damaged << "not DICOM at all";
    }
    MapIdentity identity(0, true, true);
    ExportLog log;
    const std::string out = fixture.folder + "/export";
    ExportContext context { out, identity, fixture.studies, fixture.lesionTypes, "0.1.0", "test", log };
    makeDeidentifiedDicomFormat()->write(context);
    REQUIRE(log.excluded.size() == 2);
    std::map<std::string, std::string> reasons;
    for (const ExportLog::Problem& problem : log.excluded) {
        reasons[problem.path] = problem.reason;
    }
    CHECK(reasons.at(fixture.written.filePaths[3]) == "file missing on disk");
    CHECK(reasons.at(fixture.written.filePaths[5]).rfind("unreadable DICOM: ", 0) == 0);
    CHECK(log.filesWritten["dicom"] == 22);
    CHECK(filesUnder(out).size() == 22);
}

TEST_CASE("default exclusion: burned-in annotation, secondary capture and screen captures", "[export][deid]")
{
    InstanceRecord image;
    image.sopClassUid = UID_CTImageStorage;
    image.imageType = "ORIGINAL\\PRIMARY\\AXIAL";
    CHECK(defaultExclusionReason(image).empty());

    InstanceRecord burnedIn = image;
    burnedIn.burnedInAnnotation = "YES";
    CHECK(defaultExclusionReason(burnedIn)
        == "BurnedInAnnotation is YES (identifying text may be burned into the pixels)");
    burnedIn.burnedInAnnotation = "NO";
    CHECK(defaultExclusionReason(burnedIn).empty());

    InstanceRecord capture = image;
    capture.sopClassUid = UID_SecondaryCaptureImageStorage;
    CHECK(defaultExclusionReason(capture)
        == "secondary capture image (SOP class " + std::string(UID_SecondaryCaptureImageStorage) + ")");
    capture.sopClassUid = UID_MultiframeGrayscaleWordSecondaryCaptureImageStorage;
    CHECK_FALSE(defaultExclusionReason(capture).empty());

    InstanceRecord screen = image;
    screen.imageType = "DERIVED\\SECONDARY\\SCREEN SAVE";
    CHECK(defaultExclusionReason(screen) == "screen capture (ImageType DERIVED\\SECONDARY\\SCREEN SAVE)");
}

TEST_CASE("dicom export of real CT/MR files: identity replaced, private tags gone, no new dciodvfy error",
    "[export][deid][real-data]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    if (std::system("command -v dciodvfy >/dev/null 2>&1") != 0) {
        WARN("skipped: dciodvfy (Debian package dicom3tools) is not installed");
        return;
    }
    const std::string folder = makeTemporaryFolder("radmark-deid-real");
    const std::vector<std::string> inputs { sharedDataPath("dicom/highdicom/test_files/ct_image.dcm"),
        sharedDataPath("dicom/pydicom_test_files/files/CT_small.dcm"),
        sharedDataPath("dicom/pydicom_test_files/files/MR_small.dcm"),
        sharedDataPath("dicom/pydicom_test_files/files/MR_small_RLE.dcm") };
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    importPaths(*project, inputs);
    std::vector<ExportStudy> studies;
    for (const StudySummary& study : project->studies()) {
        ExportStudy exportStudy;
        exportStudy.study = study;
        for (const PatientSummary& patient : project->patients()) {
            if (patient.patientId == study.patientId) {
                exportStudy.patient = patient;
            }
        }
        for (const SeriesSummary& series : project->series()) {
            if (series.studyUid == study.studyUid) {
                exportStudy.series.push_back({ series, project->seriesInstances(series.seriesUid), {}, {} });
            }
        }
        studies.push_back(exportStudy);
    }
    MapIdentity identity(-30, false, false);
    ExportLog log;
    const auto types = radmark::annotation::LesionTypeList::deepLesionDefaults();
    ExportContext context { folder + "/export", identity, studies, types, "0.1.0", "test", log };
    makeDeidentifiedDicomFormat()->write(context);
    REQUIRE(log.filesWritten["dicom"] == static_cast<int>(inputs.size()));

    const auto errorsOf = [](const std::string& path) {
        std::set<std::string> errors;
        FILE* pipe = popen(("dciodvfy '" + path + "' 2>&1").c_str(), "r");
        REQUIRE(pipe != nullptr);
        char line[4096];
        while (fgets(line, sizeof line, pipe) != nullptr) {
            if (std::string(line).rfind("Error", 0) == 0) {
                errors.insert(line);
            }
        }
        pclose(pipe);
        return errors;
    };
    std::set<std::string> inputErrors;
    for (const std::string& input : inputs) {
        const std::set<std::string> errors = errorsOf(input);
        inputErrors.insert(errors.begin(), errors.end());
    }
    for (const std::string& output : filesUnder(folder + "/export")) {
        DcmFileFormat file;
        REQUIRE(file.loadFile(output.c_str()).good());
        DcmDataset& dataset = *file.getDataset();
        CHECK(stringOf(dataset, DCM_PatientName).rfind("Anonymous^ANON", 0) == 0);
        CHECK(stringOf(dataset, DCM_PatientIdentityRemoved) == "YES");
        for (unsigned long index = 0; index < dataset.card(); ++index) {
            CHECK_FALSE(dataset.getElement(index)->getTag().isPrivate());
        }
        for (const std::string& error : errorsOf(output)) {
            INFO(output);
            CHECK(inputErrors.count(error) == 1); // only what the input already had
        }
    }
}

TEST_CASE("dicom export: two images sharing a SOP Instance UID get their own UID and file, counted once each",
    "[export][deid]")
{
    DicomExportFixture fixture;
    std::vector<InstanceRecord>& instances = fixture.studies[0].series[0].instances;
    // Image 3 carries image 2's SOP Instance UID, in its file and in the project.
    const std::string shared = instances[2].sopInstanceUid;
    {
        DcmFileFormat file;
        REQUIRE(file.loadFile(instances[3].filePath.c_str()).good());
        REQUIRE(file.getDataset()->loadAllDataIntoMemory().good());
        file.getDataset()->putAndInsertString(DCM_SOPInstanceUID, shared.c_str());
        REQUIRE(file.saveFile(instances[3].filePath.c_str(), EXS_LittleEndianExplicit).good());
    }
    instances[3].sopInstanceUid = shared;
    MapIdentity identity(0, true, true);
    ExportLog log;
    const std::string out = fixture.folder + "/export";
    ExportContext context { out, identity, fixture.studies, fixture.lesionTypes, "0.1.0", "test", log };
    makeDeidentifiedDicomFormat()->write(context);
    CHECK(log.filesWritten["dicom"] == 24);
    const std::vector<std::string> files = filesUnder(out);
    REQUIRE(files.size() == 24);
    std::set<std::string> uids;
    for (const std::string& file : files) {
        DcmFileFormat copy;
        REQUIRE(copy.loadFile(file.c_str()).good());
        const std::string uid = stringOf(*copy.getDataset(), DCM_SOPInstanceUID);
        CHECK(std::filesystem::path(file).filename().string() == uid + ".dcm");
        CHECK(stringOf(*copy.getMetaInfo(), DCM_MediaStorageSOPInstanceUID) == uid);
        uids.insert(uid);
    }
    CHECK(uids.size() == 24);
    CHECK(uids.count(identity.uid(shared)) == 1);
    REQUIRE(log.warnings.size() == 1);
    CHECK(log.warnings[0].find("shares its SOP Instance UID") != std::string::npos);
    CHECK(log.warnings[0].find(fixture.folder) == std::string::npos); // pseudonyms, not paths
}

TEST_CASE("dicom export: a file in a transfer syntax DCMTK cannot write is excluded with the reason, the rest "
          "is written",
    "[export][deid]")
{
    DicomExportFixture fixture;
    const std::string path = fixture.written.filePaths[4];
    {
        // The meta header names High-Throughput JPEG 2000 (Lossless Only), a syntax DCMTK 3.6.7 does not know.
        DcmFileFormat retagged;
        REQUIRE(retagged.loadFile(path.c_str()).good());
        REQUIRE(retagged.getDataset()->loadAllDataIntoMemory().good());
        retagged.getMetaInfo()->putAndInsertString(DCM_TransferSyntaxUID, "1.2.840.10008.1.2.4.201");
        REQUIRE(retagged
                    .saveFile(path.c_str(), EXS_Unknown, EET_ExplicitLength, EGL_recalcGL, EPD_noChange, 0, 0,
                        EWM_dontUpdateMeta)
                    .good());
    }
    MapIdentity identity(0, true, true);
    ExportLog log;
    const std::string out = fixture.folder + "/export";
    ExportContext context { out, identity, fixture.studies, fixture.lesionTypes, "0.1.0", "test", log };
    REQUIRE_NOTHROW(makeDeidentifiedDicomFormat()->write(context));
    CHECK(log.filesWritten["dicom"] == 23);
    CHECK(filesUnder(out).size() == 23);
    REQUIRE(log.excluded.size() == 1);
    CHECK(log.excluded[0].path == path);
    CHECK(log.excluded[0].reason.find("1.2.840.10008.1.2.4.201") != std::string::npos);
}
