// Specific Character Sets with ISO 2022 code extensions (Japanese, Korean) are decoded to UTF-8 at import:
// patient names come out as the people's names, not as escape sequences. The values are those of pydicom's
// character set test files (chrH31, chrH32, chrI2); the real files are checked too when present.
#include "TestPaths.h"

#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectStore.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <vector>

using namespace radmark::storage;
using namespace radmark::testing;

namespace {

// A small CT image whose Patient's Name holds `nameBytes` exactly as stored in the given character set.
std::string writeNamedImage(const std::string& folder, const std::string& fileName, const std::string& characterSet,
    const std::string& nameBytes)
{
    DcmFileFormat file;
    DcmDataset& dataset = *file.getDataset();
    char uid[100];
    dataset.putAndInsertString(DCM_SpecificCharacterSet, characterSet.c_str());
    dataset.putAndInsertString(DCM_SOPClassUID, UID_CTImageStorage);
    dataset.putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT));
    dataset.putAndInsertString(DCM_StudyInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_STUDY_UID_ROOT));
    dataset.putAndInsertString(DCM_SeriesInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_SERIES_UID_ROOT));
    dataset.putAndInsertString(DCM_Modality, "CT");
    dataset.putAndInsertString(DCM_PatientName, nameBytes.c_str());
    dataset.putAndInsertString(DCM_PatientID, ("CHARSET-" + fileName).c_str());
    dataset.putAndInsertUint16(DCM_Rows, 2);
    dataset.putAndInsertUint16(DCM_Columns, 2);
    dataset.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    dataset.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    dataset.putAndInsertUint16(DCM_BitsAllocated, 16);
    dataset.putAndInsertUint16(DCM_BitsStored, 16);
    dataset.putAndInsertUint16(DCM_HighBit, 15);
    dataset.putAndInsertUint16(DCM_PixelRepresentation, 1);
    const Uint16 pixels[4] = { 1, 2, 3, 4 };
    dataset.putAndInsertUint16Array(DCM_PixelData, pixels, 4);
    const std::string path = folder + "/" + fileName;
    REQUIRE(file.saveFile(path.c_str(), EXS_LittleEndianExplicit).good());
    return path;
}

std::string patientNameOf(const std::string& path)
{
    const FileHeaderReading reading = readFileHeader(path);
    INFO(path << ": " << reading.skipReason);
    REQUIRE(reading.record);
    return reading.record->patientName;
}

} // namespace

TEST_CASE("ISO 2022 Japanese and Korean patient names are decoded to UTF-8 at import", "[import][charset]")
{
    const std::string folder = makeTemporaryFolder("radmark-charset");
    // chrH31: JIS X 0208 (ISO 2022 IR 87) after an ASCII first component.
    const std::string h31 = writeNamedImage(folder, "h31.dcm", "\\ISO 2022 IR 87",
        "Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B");
    CHECK(patientNameOf(h31) == "Yamada^Tarou=山田^太郎=やまだ^たろう");
    // chrH32: half-width katakana (ISO 2022 IR 13) as the initial set, JIS X 0208 after escapes.
    const std::string h32 = writeNamedImage(folder, "h32.dcm", "ISO 2022 IR 13\\ISO 2022 IR 87",
        "\xd4\xcf\xc0\xde^\xc0\xdb\xb3=\x1b$B;3ED\x1b(J^\x1b$BB@O:\x1b(J=\x1b$B$d$^$@\x1b(J^\x1b$B$?$m$&\x1b(J");
    CHECK(patientNameOf(h32) == "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
    // chrI2: Korean KS X 1001 (ISO 2022 IR 149) in G1.
    const std::string i2 = writeNamedImage(folder, "i2.dcm", "\\ISO 2022 IR 149",
        "Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^\x1b$)C\xb1\xe6\xb5\xbf");
    CHECK(patientNameOf(i2) == "Hong^Gildong=洪^吉洞=홍^길동");
    // Through a project import too (the study browser shows the patient table's name).
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    importPaths(*project, { h31, h32 });
    std::vector<std::string> names;
    for (const PatientSummary& patient : project->patients()) {
        names.push_back(patient.patientName);
    }
    CHECK(std::find(names.begin(), names.end(), "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう") != names.end());
}

TEST_CASE("pydicom's character set files H31 and H32 import with their UTF-8 names", "[import][charset][real-data]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::vector<std::pair<std::string, std::string>> expected {
        { "chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう" }, { "chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう" }
    };
    int checked = 0;
    for (const auto& [file, name] : expected) {
        for (const char* folder : { "dicom/pydicom_test_files/files/", "dicom/pydicom_test_files/charset_files/",
                 "dicom/pydicom_data/files/" }) {
            const std::string path = sharedDataPath(folder + file);
            if (!path.empty() && std::filesystem::exists(path)) {
                CHECK(patientNameOf(path) == name);
                ++checked;
            }
        }
    }
    if (checked == 0) {
        WARN("skipped: pydicom's chrH31.dcm / chrH32.dcm are not in ../shared/data (the synthetic copies above "
             "carry the same bytes)");
    }
}
