// Dataset export round trips: marks drawn on synthetic series with known geometry are exported and read
// back with independent readers (ITK for NIfTI and PNG, a CSV parser written here, the JSON parser),
// no identifying input value survives in any output byte, splits never share a patient, bad output
// folders are refused and a failed export leaves nothing that looks complete.
#include "ExportTestProject.h"
#include "ExportedFileBytes.h"
#include "TestPaths.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/DeepLesionRow.h"
#include "radmark/annotation/reports/JsonValue.h"
#include "radmark/storage/dataset/DatasetExport.h"
#include "radmark/storage/dataset/ExportFormatRegistry.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"

#include <catch2/catch.hpp>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <itkImage.h>
#include <itkImageFileReader.h>
#include <itkNiftiImageIO.h>
#include <itkPNGImageIO.h>
#include <zlib.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

using namespace radmark::storage;
using namespace radmark::testing;
using radmark::annotation::JsonValue;
using radmark::annotation::parseJson;
namespace fs = std::filesystem;

namespace {

// RFC 4180 records, written here so that the exporter's own CSV code is not what checks it.
std::vector<std::vector<std::string>> parseCsv(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t index = 0; index < text.size(); ++index) {
        const char c = text[index];
        if (quoted) {
            if (c == '"' && index + 1 < text.size() && text[index + 1] == '"') {
                field += '"';
                ++index;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
        } else if (c == '\n') {
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

// Rows as maps column -> value.
std::vector<std::map<std::string, std::string>> csvTable(const std::string& path)
{
    const auto rows = parseCsv(fileBytes(path));
    REQUIRE(!rows.empty());
    std::vector<std::map<std::string, std::string>> table;
    for (std::size_t index = 1; index < rows.size(); ++index) {
        REQUIRE(rows[index].size() == rows[0].size());
        std::map<std::string, std::string> entry;
        for (std::size_t column = 0; column < rows[0].size(); ++column) {
            entry[rows[0][column]] = rows[index][column];
        }
        table.push_back(entry);
    }
    return table;
}

std::string g(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

template <typename Pixel> typename itk::Image<Pixel, 3>::Pointer readNifti(const std::string& path)
{
    auto reader = itk::ImageFileReader<itk::Image<Pixel, 3>>::New();
    reader->SetImageIO(itk::NiftiImageIO::New());
    reader->SetFileName(path);
    reader->Update();
    return reader->GetOutput();
}

itk::Image<std::uint16_t, 2>::Pointer readPng(const std::string& path)
{
    auto reader = itk::ImageFileReader<itk::Image<std::uint16_t, 2>>::New();
    reader->SetImageIO(itk::PNGImageIO::New());
    reader->SetFileName(path);
    reader->Update();
    return reader->GetOutput();
}

ExportRequest requestFor(const std::string& out, std::vector<std::string> formats)
{
    ExportRequest request;
    request.formats = std::move(formats);
    request.outputDir = out;
    request.split.seed = 42;
    request.identity.salt = "fixed-salt";
    request.commandLine = "radmark export test";
    return request;
}

const JsonValue& member(const JsonValue& object, const std::string& key)
{
    const JsonValue* found = object.find(key);
    INFO(key);
    REQUIRE(found != nullptr);
    return *found;
}

std::vector<double> numbersOf(const JsonValue& array)
{
    std::vector<double> values;
    for (const JsonValue& item : array.items) {
        values.push_back(item.number);
    }
    return values;
}

} // namespace

TEST_CASE("Pseudonyms are keyed hashes: same input, same output, UIDs are 2.25 with 128 bits", "[export]")
{
    PseudonymizerOptions options;
    options.salt = "fixed-salt";
    Pseudonymizer identity(options);
    // Expected values computed independently (Python hmac + hashlib).
    CHECK(identity.uid("1.2.3.4") == "2.25.325486982337891682312190770307839179554");
    CHECK(identity.uid("1.2.3.4") == identity.uid("1.2.3.4"));
    CHECK(identity.uid("1.2.3.5") != identity.uid("1.2.3.4"));
    CHECK(identity.uid("").empty());
    CHECK(identity.patientId("PID-SECRET-7781") == "RM-005dc5c2e41a");
    CHECK(identity.patientName("PID-SECRET-7781") == "RM-005dc5c2e41a");
    CHECK(identity.date("20240315", "PID-SECRET-7781") == "20240315"); // dates not shifted by default
    CHECK(identity.date("2024-03-15", "PID-SECRET-7781").empty());

    CHECK(redactedCommandLine({ "radmark", "export", "p.radmark", "--salt", "s3cret", "--out", "my dir" })
        == "radmark export p.radmark --salt (hidden) --out 'my dir'");
    CHECK(redactedCommandLine({ "radmark", "export", "--salt=s3cret" }) == "radmark export --salt=(hidden)");

    Pseudonymizer other(PseudonymizerOptions {}); // random salt
    CHECK(other.uid("1.2.3.4") != identity.uid("1.2.3.4"));

    options.shiftDates = true;
    Pseudonymizer shifting(options);
    const int offset = shifting.dateOffsetDays("PID-SECRET-7781");
    CHECK(offset <= -1);
    CHECK(offset >= -365);
    CHECK(shifting.dateOffsetDays("PID-SECRET-7781") == offset);
    CHECK(shifting.date("20240101", "PID-SECRET-7781") != "20240101");
    // Intervals within a patient are kept: two dates one day apart stay one day apart.
    const std::string first = shifting.date("20240228", "PID-SECRET-7781");
    const std::string second = shifting.date("20240229", "PID-SECRET-7781");
    CHECK(first < second);
    const auto mapping = shifting.mapping();
    CHECK(std::any_of(
        mapping.begin(), mapping.end(), [](const auto& entry) { return entry.kind == "date_offset_days"; }));
}

TEST_CASE("Export round trip: DeepLesion, COCO, NIfTI and labels read back exactly", "[export]")
{
    ExportTestProject test = makeExportTestProject(2);
    const std::string out = makeTemporaryFolder("radmark-export-out") + "/dataset";
    ExportRequest request = requestFor(out, { "deeplesion", "coco", "nifti", "labels" });
    const ExportOutcome outcome = runDatasetExport(*test.project, request);
    CHECK(outcome.studies == 2);
    CHECK(outcome.patients == 2);
    CHECK(outcome.marks == 4);
    CHECK(outcome.log.excluded.empty());
    REQUIRE(fs::is_directory(out));
    CHECK(fs::is_regular_file(out + "/dataset_card.md"));
    CHECK(fs::is_regular_file(out + "/dataset_card.json"));
    // No temporary folder is left beside the dataset.
    for (const auto& entry : fs::directory_iterator(fs::path(out).parent_path())) {
        CHECK(entry.path().filename().string().find(".partial") == std::string::npos);
    }

    // labels.csv: one row per study, the patient's split, the human decision winning.
    const auto labels = csvTable(out + "/labels/labels.csv");
    REQUIRE(labels.size() == 2);
    std::map<std::string, std::string> splitOfPatient;
    std::string patientZeroPseudonym;
    for (const auto& row : labels) {
        splitOfPatient[row.at("patient")] = row.at("split");
        if (row.at("source") == "human") {
            patientZeroPseudonym = row.at("patient");
            CHECK(row.at("effusion") == "0");
            CHECK(row.at("author") == "Dr Lee");
        } else {
            CHECK(row.at("source") == "auto");
            CHECK(row.at("effusion") == "-1");
            CHECK(row.at("author").empty());
        }
        CHECK(row.at("patient").rfind("RM-", 0) == 0);
        CHECK(row.at("study").rfind("2.25.", 0) == 0);
    }
    REQUIRE(!patientZeroPseudonym.empty());
    const std::string splitZero = splitOfPatient[patientZeroPseudonym];
    const int splitNumberZero = splitZero == "train" ? 1 : splitZero == "validation" ? 2 : 3;

    // DL_info.csv: every column of the RECIST row.
    const auto rows = csvTable(out + "/deeplesion/DL_info.csv");
    REQUIRE(rows.size() == 1); // the boxes and the line are not DeepLesion rows
    const auto& row = rows[0];
    CHECK(row.size() == 18);
    const int patientIndex = std::stoi(row.at("Patient_index"));
    char fileName[64];
    std::snprintf(fileName, sizeof fileName, "%06d_01_01_%03d.png", patientIndex, kRecistSlice + 1);
    CHECK(row.at("File_name") == fileName);
    CHECK((patientIndex == 1 || patientIndex == 2));
    CHECK(row.at("Study_index") == "1");
    CHECK(row.at("Series_ID") == "1");
    CHECK(row.at("Key_slice_index") == "5");
    CHECK(row.at("Measurement_coordinates") == "20.5, 10.25, 40.5, 30.25, 35.5, 15.25, 25.5, 25.25");
    CHECK(row.at("Bounding_boxes") == "15.5, 5.25, 45.5, 35.25");
    CHECK(row.at("Lesion_diameters_Pixel_") == g(std::sqrt(800.0)) + ", " + g(std::sqrt(200.0)));
    CHECK(row.at("Normalized_lesion_location").substr(row.at("Normalized_lesion_location").rfind(' ') + 1)
        == g(4.0 / 9.0));
    CHECK(row.at("Coarse_lesion_type") == "4");
    CHECK(row.at("Possibly_noisy") == "0");
    CHECK(row.at("Slice_range") == "1, 10"); // key slice +- 30 mm (12 slices), clipped to the series
    CHECK(row.at("Spacing_mm_px_") == "0.75, 0.9, 2.5");
    CHECK(row.at("Image_size") == "64, 48");
    CHECK(row.at("DICOM_windows") == "-160, 240");
    CHECK(row.at("Patient_gender") == "F");
    CHECK(row.at("Patient_age") == "54");
    CHECK(row.at("Train_Val_Test") == std::to_string(splitNumberZero));
    // RadMark's own DeepLesion reader (used to import the released file) accepts the row too.
    const std::string dlText = fileBytes(out + "/deeplesion/DL_info.csv");
    const std::string dlLine
        = dlText.substr(dlText.find('\n') + 1, dlText.find('\n', dlText.find('\n') + 1) - dlText.find('\n') - 1);
    std::string parseError;
    const auto parsed = radmark::annotation::DeepLesionRow::parse(dlLine, &parseError);
    INFO(parseError);
    REQUIRE(parsed);
    CHECK(parsed->keySliceIndex == kRecistSlice + 1);
    CHECK(parsed->format() == dlLine);

    // The key and context slices: 16-bit PNG, HU + 32768 at known voxels.
    const std::string stem = std::string(fileName).substr(0, 12);
    for (int slice = 1; slice <= kExportSlices; ++slice) {
        char name[16];
        std::snprintf(name, sizeof name, "/%03d.png", slice);
        INFO(name);
        REQUIRE(fs::is_regular_file(out + "/deeplesion/Images_png/" + stem + name));
    }
    const auto png = readPng(out + "/deeplesion/Images_png/" + stem + "/005.png");
    CHECK(png->GetLargestPossibleRegion().GetSize()[0] == 64);
    CHECK(png->GetLargestPossibleRegion().GetSize()[1] == 48);
    for (const auto& [i, j] : std::vector<std::pair<int, int>> { { 0, 0 }, { 10, 20 }, { 63, 47 }, { 40, 3 } }) {
        INFO(i << "," << j);
        CHECK(png->GetPixel({ { i, j } }) == exportTestHu(i, j, kRecistSlice) + 32768);
    }

    // COCO: boxes in COCO's corner-based pixels, RECIST endpoints as keypoints, lesion type categories.
    const JsonValue coco = parseJson(fileBytes(out + "/coco/annotations/instances_" + splitZero + ".json"));
    const JsonValue& annotations = member(coco, "annotations");
    const JsonValue* recist = nullptr;
    const JsonValue* box3d = nullptr;
    for (const JsonValue& annotation : annotations.items) {
        if (member(annotation, "shape").string == "recist") {
            recist = &annotation;
        } else if (member(annotation, "shape").string == "box3d") {
            box3d = &annotation;
        }
    }
    REQUIRE(recist != nullptr);
    REQUIRE(box3d != nullptr);
    CHECK(numbersOf(member(*recist, "bbox")) == std::vector<double> { 16.0, 5.75, 30.0, 30.0 });
    CHECK(numbersOf(member(*recist, "keypoints"))
        == std::vector<double> { 21.0, 10.75, 2, 41.0, 30.75, 2, 36.0, 15.75, 2, 26.0, 25.75, 2 });
    CHECK(member(member(*recist, "recist_mm"), "long_axis").number
        == Approx(std::hypot(20.0 * 0.75, 20.0 * 0.9)).epsilon(1e-12));
    CHECK(numbersOf(member(*box3d, "bbox")) == std::vector<double> { 6.0, 7.0, 6.75, 8.25 });
    CHECK(numbersOf(member(*box3d, "slice_range")) == std::vector<double> { 3, 7 });
    std::string recistCategory;
    for (const JsonValue& category : member(coco, "categories").items) {
        if (member(category, "id").number == member(*recist, "category_id").number) {
            recistCategory = member(category, "name").string;
            CHECK(member(category, "radmark_code").number == 4);
        }
    }
    CHECK(recistCategory == "liver");
    bool imageFound = false;
    for (const JsonValue& image : member(coco, "images").items) {
        if (member(image, "id").number == member(*recist, "image_id").number) {
            imageFound = true;
            CHECK(member(image, "file_name").string == fileName);
            CHECK(member(image, "width").number == 64);
            CHECK(member(image, "height").number == 48);
            const auto cocoPng = readPng(out + "/coco/images/" + fileName);
            CHECK(cocoPng->GetPixel({ { 12, 34 } }) == exportTestHu(12, 34, kRecistSlice) + 32768);
        }
    }
    CHECK(imageFound);

    // NIfTI: ITK reads the image on the original LPS geometry; the header's sform is the RAS affine.
    const std::string niftiFolder = out + "/nifti/" + stem;
    const auto image = readNifti<std::int16_t>(niftiFolder + "/image.nii.gz");
    const auto size = image->GetLargestPossibleRegion().GetSize();
    CHECK(size[0] == 64);
    CHECK(size[1] == 48);
    CHECK(size[2] == 10);
    CHECK(image->GetOrigin()[0] == Approx(-24.0).margin(1e-4));
    CHECK(image->GetOrigin()[1] == Approx(-21.6).margin(1e-4));
    CHECK(image->GetOrigin()[2] == Approx(-10.0).margin(1e-4));
    CHECK(image->GetSpacing()[0] == Approx(0.75).margin(1e-6));
    CHECK(image->GetSpacing()[1] == Approx(0.9).margin(1e-6));
    CHECK(image->GetSpacing()[2] == Approx(2.5).margin(1e-6));
    CHECK(image->GetDirection()[0][0] == Approx(1.0));
    CHECK(image->GetDirection()[1][1] == Approx(1.0));
    CHECK(image->GetDirection()[2][2] == Approx(1.0));
    for (const auto& [i, j, k] :
        std::vector<std::tuple<int, int, int>> { { 0, 0, 0 }, { 10, 20, 4 }, { 63, 47, 9 }, { 5, 40, 7 } }) {
        INFO(i << "," << j << "," << k);
        CHECK(image->GetPixel({ { i, j, k } }) == exportTestHu(i, j, k));
    }
    const std::string header = gunzip(niftiFolder + "/image.nii.gz").substr(0, 348);
    float srow[12];
    std::memcpy(srow, header.data() + 280, sizeof srow); // srow_x, srow_y, srow_z
    std::int16_t sformCode = 0;
    std::memcpy(&sformCode, header.data() + 254, sizeof sformCode);
    CHECK(sformCode > 0);
    const float expectedAffine[12] = { -0.75f, 0, 0, 24.0f, 0, -0.9f, 0, 21.6f, 0, 0, 2.5f, -10.0f };
    for (int index = 0; index < 12; ++index) {
        INFO(index);
        CHECK(srow[index] == Approx(expectedAffine[index]).margin(1e-5));
    }

    const JsonValue sidecar = parseJson(fileBytes(niftiFolder + "/marks.json"));
    std::map<std::string, int> labelOfShape;
    for (const JsonValue& mark : member(sidecar, "marks").items) {
        labelOfShape[member(mark, "shape").string] = static_cast<int>(member(mark, "label_value").number);
        if (member(mark, "shape").string == "recist") {
            const JsonValue& start = member(mark, "long_axis").items.at(0);
            CHECK(numbersOf(member(start, "voxel")) == std::vector<double> { 20.5, 10.25, 4 });
            const auto lps = numbersOf(member(start, "lps_mm"));
            CHECK(lps[0] == Approx(-24.0 + 20.5 * 0.75).margin(1e-9));
            CHECK(lps[1] == Approx(-21.6 + 10.25 * 0.9).margin(1e-9));
            CHECK(lps[2] == Approx(-10.0 + 4 * 2.5).margin(1e-9));
            CHECK(member(mark, "long_axis_mm").number == Approx(std::hypot(15.0, 18.0)).epsilon(1e-12));
        }
    }
    REQUIRE(labelOfShape.size() == 3);
    const auto label = readNifti<std::uint16_t>(niftiFolder + "/label.nii.gz");
    const int boxLabel = labelOfShape.at("box3d");
    CHECK(label->GetPixel({ { 6, 7, 2 } }) == boxLabel); // first voxel centre inside the 3D box
    CHECK(label->GetPixel({ { 12, 14, 6 } }) == boxLabel); // last
    CHECK(label->GetPixel({ { 5, 7, 2 } }) == 0); // column 5 < 5.5
    CHECK(label->GetPixel({ { 6, 7, 1 } }) == 0); // before the first slice
    CHECK(label->GetPixel({ { 6, 7, 7 } }) == 0); // after the last
    CHECK(label->GetPixel({ { 21, 11, 4 } }) == labelOfShape.at("recist"));
    CHECK(label->GetPixel({ { 40, 30, 4 } }) == labelOfShape.at("recist"));
    CHECK(label->GetPixel({ { 41, 30, 4 } }) == 0);
    CHECK(label->GetPixel({ { 21, 11, 3 } }) == 0);
    CHECK(label->GetPixel({ { 5, 2, 7 } }) == labelOfShape.at("line"));

    // The dataset card.
    const JsonValue card = parseJson(fileBytes(out + "/dataset_card.json"));
    const JsonValue& agreement = member(card, "labeller_human_agreement");
    CHECK(member(agreement, "compared").number == 1);
    CHECK(member(agreement, "agreed").number == 0);
    CHECK(member(member(member(card, "labels"), "effusion"), "uncertain").number == 1);
    CHECK(member(member(card, "lesion_types"), "liver").number == 1);
    CHECK(member(member(card, "modalities"), "CT").number == 2);
    CHECK(member(member(card, "sites"), "site 1").number + member(member(card, "sites"), "site 2").number == 2);
    CHECK(member(member(member(card, "recist_long_axis_mm"), "bins"), "20-30 mm").number == 1);
    CHECK(member(card, "command").string == "radmark export test");

    // No identifying value of the input in any byte of the dataset (gzip members unpacked).
    for (const std::string& file : filesUnder(out)) {
        const std::string bytes = bytesWithGzipUnpacked(file);
        for (const std::string& value : test.identifyingValues()) {
            INFO(file << " contains " << value);
            CHECK(bytes.find(value) == std::string::npos);
        }
    }
}

TEST_CASE("Export is deterministic with a seed and a salt, the mapping goes only where asked", "[export]")
{
    ExportTestProject test = makeExportTestProject(6);
    const std::string base = makeTemporaryFolder("radmark-export-repeat");
    ExportRequest request = requestFor(base + "/first", { "deeplesion", "labels", "coco" });
    request.mappingPath = base + "/mapping.csv";
    runDatasetExport(*test.project, request);
    request.outputDir = base + "/second";
    request.mappingPath.clear();
    runDatasetExport(*test.project, request);
    for (const char* file :
        { "/labels/labels.csv", "/deeplesion/DL_info.csv", "/coco/annotations/instances_train.json" }) {
        INFO(file);
        CHECK(fileBytes(base + "/first" + file) == fileBytes(base + "/second" + file));
    }
    // No patient in two splits.
    std::map<std::string, std::set<std::string>> splits;
    for (const auto& row : csvTable(base + "/first/labels/labels.csv")) {
        splits[row.at("patient")].insert(row.at("split"));
    }
    CHECK(splits.size() == 6);
    for (const auto& [patient, patientSplits] : splits) {
        CHECK(patientSplits.size() == 1);
    }

    const std::string mapping = fileBytes(base + "/mapping.csv");
    CHECK(mapping.find("patient_id,PID-SECRET-7781,RM-005dc5c2e41a") != std::string::npos);
    CHECK(mapping.find(test.patients[0].studyUid) != std::string::npos);
    for (const std::string& file : filesUnder(base + "/first")) {
        CHECK(fileBytes(file).find("PID-SECRET") == std::string::npos);
    }

    request.outputDir = base + "/third";
    request.mappingPath = base + "/third/mapping.csv";
    CHECK_THROWS_WITH(runDatasetExport(*test.project, request), Catch::Contains("outside the dataset folder"));
    CHECK_FALSE(fs::exists(base + "/third"));

    request.mappingPath.clear();
    request.identity.salt = "another-salt";
    runDatasetExport(*test.project, request);
    CHECK(fileBytes(base + "/third/labels/labels.csv") != fileBytes(base + "/first/labels/labels.csv"));
}

TEST_CASE("A non-empty output folder is refused unless overwrite, a failed export leaves no dataset", "[export]")
{
    ExportTestProject test = makeExportTestProject(1);
    const std::string base = makeTemporaryFolder("radmark-export-refuse");
    const std::string out = base + "/dataset";
    fs::create_directories(out);
    std::ofstream(out + "/keep.txt") << "earlier work";
    ExportRequest request = requestFor(out, { "deeplesion", "labels" });
    CHECK_THROWS_WITH(runDatasetExport(*test.project, request), Catch::Contains("not empty"));
    CHECK(fileBytes(out + "/keep.txt") == "earlier work");

    // The mapping fails after every format has written: the old folder stays, no new dataset appears.
    request.overwrite = true;
    request.mappingPath = "/proc/radmark-no-such-folder/mapping.csv";
    CHECK_THROWS_AS(runDatasetExport(*test.project, request), ProjectError);
    CHECK(fileBytes(out + "/keep.txt") == "earlier work");
    CHECK_FALSE(fs::exists(out + "/dataset_card.md"));
    CHECK(std::distance(fs::directory_iterator(base), fs::directory_iterator()) == 1); // no partial folder left

    // Overwrite replaces only what RadMark wrote: a folder that is not a RadMark export is refused as it is.
    request.mappingPath.clear();
    CHECK_THROWS_WITH(runDatasetExport(*test.project, request), Catch::Contains("not a RadMark export"));
    CHECK(fileBytes(out + "/keep.txt") == "earlier work");
    fs::rename(out + "/keep.txt", base + "/keep.txt");
    runDatasetExport(*test.project, request);
    CHECK(fs::exists(out + "/deeplesion/DL_info.csv"));
    const std::string manifest = fileBytes(out + "/radmark_export_manifest.txt");
    CHECK(manifest.find("\ndeeplesion/DL_info.csv\n") != std::string::npos);
    CHECK(manifest.find("\ndataset_card.md\n") != std::string::npos);
    // A file the user put into the export (beside it or inside one of its folders) is never deleted: the
    // overwrite is refused and names it, and every file stays.
    std::ofstream(out + "/notes.txt") << "my notes";
    std::ofstream(out + "/deeplesion/mine.csv") << "mine";
    CHECK_THROWS_WITH(runDatasetExport(*test.project, request),
        Catch::Contains("notes.txt") && Catch::Contains("deeplesion/mine.csv") && Catch::Contains("did not write"));
    CHECK(fileBytes(out + "/notes.txt") == "my notes");
    CHECK(fileBytes(out + "/deeplesion/mine.csv") == "mine");
    CHECK(fs::exists(out + "/deeplesion/DL_info.csv"));
    fs::remove(out + "/notes.txt");
    fs::remove(out + "/deeplesion/mine.csv");
    request.formats = { "labels" };
    runDatasetExport(*test.project, request); // replaces the earlier export, files of both listed
    CHECK_FALSE(fs::exists(out + "/deeplesion"));
    CHECK(fs::exists(out + "/labels/labels.csv"));
    request.formats = { "deeplesion", "labels" };
    CHECK(std::distance(fs::directory_iterator(base), fs::directory_iterator()) == 2); // dataset, keep.txt

    // A folder that cannot be written: a clear error, nothing created.
    request.outputDir = "/proc/radmark-no-such-folder/dataset";
    CHECK_THROWS_WITH(runDatasetExport(*test.project, request), Catch::Contains("/proc/radmark-no-such-folder"));

    request.outputDir = base + "/other";
    request.stratifyLabel = "no-such-label";
    CHECK_THROWS_WITH(runDatasetExport(*test.project, request), Catch::Contains("no-such-label"));
    request.stratifyLabel = "effusion";
    CHECK_NOTHROW(runDatasetExport(*test.project, request));
    request.outputDir = base + "/another";
    request.stratifyLabel.clear();
    request.formats = { "dicom-xyz" };
    CHECK_THROWS_WITH(runDatasetExport(*test.project, request), Catch::Contains("unknown export format"));
}

TEST_CASE("Images missing on disk and burned-in images are excluded and reported", "[export]")
{
    ExportTestProject test = makeExportTestProject(1);
    fs::remove(test.patients[0].files.back()); // slice 10, not the key slice
    const std::string base = makeTemporaryFolder("radmark-export-missing");
    ExportRequest request = requestFor(base + "/dataset", { "deeplesion", "nifti" });
    const ExportOutcome outcome = runDatasetExport(*test.project, request);
    REQUIRE(outcome.log.excluded.size() == 1);
    CHECK(outcome.log.excluded[0].path == test.patients[0].files.back());
    CHECK(outcome.log.excluded[0].reason == "file missing on disk");
    const JsonValue card = parseJson(fileBytes(base + "/dataset/dataset_card.json"));
    REQUIRE(member(card, "excluded").items.size() == 1);
    CHECK(member(member(card, "excluded").items[0], "reason").string == "file missing on disk");
    CHECK(fileBytes(base + "/dataset/dataset_card.md").find("file missing on disk") != std::string::npos);
    const auto rows = csvTable(base + "/dataset/deeplesion/DL_info.csv");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].at("Key_slice_index") == "5");
    CHECK(rows[0].at("Slice_range") == "1, 9");

    if (std::system("command -v dcmodify >/dev/null 2>&1") != 0) {
        WARN("skipped the burned-in part: dcmodify (Debian dcmtk) is not installed");
        return;
    }
    const std::string burned = test.patients[0].files[1];
    REQUIRE(std::system(("dcmodify -nb -i \"(0028,0301)=YES\" \"" + burned + "\" >/dev/null").c_str()) == 0);
    test.project.reset();
    test.project = ProjectStore::open(test.projectPath, ProjectStore::OpenMode::ReadWrite);
    importPaths(*test.project, { test.folder + "/dicom" });
    request.outputDir = base + "/burned";
    const ExportOutcome burnedOutcome = runDatasetExport(*test.project, request);
    std::set<std::string> reasons;
    for (const auto& problem : burnedOutcome.log.excluded) {
        reasons.insert(problem.reason);
    }
    CHECK(reasons.count("BurnedInAnnotation is YES (identifying text may be burned into the pixels)") == 1);
    request.includeBurnedIn = true;
    request.outputDir = base + "/included";
    CHECK(runDatasetExport(*test.project, request).log.excluded.size() == 1); // only the missing file
}

TEST_CASE("Marks on a series without pixel spacing are exported in pixels and flagged", "[export]")
{
    if (std::system("command -v dcmodify >/dev/null 2>&1") != 0) {
        WARN("skipped: dcmodify (Debian dcmtk) is not installed to remove PixelSpacing");
        return;
    }
    ExportTestProject test = makeExportTestProject(1);
    for (const std::string& file : test.patients[0].files) {
        REQUIRE(std::system(("dcmodify -nb -e \"(0028,0030)\" \"" + file + "\" >/dev/null").c_str()) == 0);
    }
    test.project.reset();
    test.project = ProjectStore::open(test.projectPath, ProjectStore::OpenMode::ReadWrite);
    importPaths(*test.project, { test.folder + "/dicom" });
    const std::string out = makeTemporaryFolder("radmark-export-nospacing") + "/dataset";
    const ExportOutcome outcome = runDatasetExport(*test.project, requestFor(out, { "deeplesion", "coco", "nifti" }));
    CHECK(std::any_of(outcome.log.warnings.begin(), outcome.log.warnings.end(),
        [](const std::string& warning) { return warning.find("has no pixel spacing") != std::string::npos; }));
    const auto rows = csvTable(out + "/deeplesion/DL_info.csv");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].at("Spacing_mm_px_") == "0, 0, 2.5");
    CHECK(rows[0].at("Measurement_coordinates") == "20.5, 10.25, 40.5, 30.25, 35.5, 15.25, 25.5, 25.25");
    const JsonValue card = parseJson(fileBytes(out + "/dataset_card.json"));
    CHECK(member(member(card, "recist_long_axis_mm"), "marks_in_pixels_only").number == 1);
    bool recistSeen = false;
    for (const auto& entry : fs::recursive_directory_iterator(out + "/nifti")) {
        if (entry.path().filename() == "marks.json") {
            const JsonValue sidecar = parseJson(fileBytes(entry.path().string()));
            CHECK_FALSE(member(sidecar, "pixel_spacing_known").boolean);
            for (const JsonValue& mark : member(sidecar, "marks").items) {
                if (member(mark, "shape").string == "recist") {
                    recistSeen = true;
                    CHECK(member(mark, "long_axis_mm").type == JsonValue::Type::Null);
                    CHECK(member(mark, "long_axis_px").number == Approx(std::sqrt(800.0)));
                }
            }
        }
    }
    CHECK(recistSeen);
}

TEST_CASE("Every format of the registry in one export: nothing identifying survives, the SR references the images",
    "[export]")
{
    ExportTestProject test = makeExportTestProject(2);
    const std::string out = makeTemporaryFolder("radmark-export-all") + "/dataset";
    std::vector<std::string> everyFormat;
    for (const ExportFormatEntry& entry : exportFormats()) {
        everyFormat.push_back(entry.name);
    }
    CHECK(everyFormat == std::vector<std::string> { "deeplesion", "coco", "nifti", "labels", "dicom-sr", "dicom" });
    ExportRequest request = requestFor(out, everyFormat);
    request.identity.shiftDates = true; // the DICOM formats carry dates; unshifted they would be identifying
    const ExportOutcome outcome = runDatasetExport(*test.project, request);
    CHECK(outcome.studies == 2);
    CHECK(outcome.log.excluded.empty());
    CHECK(outcome.log.filesWritten.at("dicom-sr") == 2);

    std::set<std::string> imageSopUids;
    std::string srBytes;
    for (const std::string& file : filesUnder(out)) {
        const std::string bytes = bytesWithGzipUnpacked(file);
        for (const std::string& value : test.identifyingValues()) {
            INFO(file << " contains " << value);
            CHECK(bytes.find(value) == std::string::npos);
        }
        if (file.find("/dicom-sr/") != std::string::npos) {
            srBytes += bytes;
        } else if (file.find("/dicom/") != std::string::npos) {
            DcmFileFormat image;
            REQUIRE(image.loadFile(file.c_str()).good());
            OFString sopUid;
            image.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, sopUid);
            imageSopUids.insert(sopUid.c_str());
        }
    }
    // Every de-identified image UID the marks sit on appears in an SR (same pseudonyms in both formats).
    REQUIRE(imageSopUids.size() == test.patients[0].sopUids.size() + test.patients[1].sopUids.size());
    int referenced = 0;
    for (const std::string& uid : imageSopUids) {
        referenced += srBytes.find(uid) != std::string::npos ? 1 : 0;
    }
    CHECK(referenced >= 2); // at least the key image of each series' RECIST
}

TEST_CASE("When an earlier image is missing, marks follow their images in the exported volume", "[export]")
{
    ExportTestProject test = makeExportTestProject(1);
    fs::remove(test.patients[0].files.front()); // slice 1: every later slice moves down by one
    const std::string out = makeTemporaryFolder("radmark-export-shift") + "/dataset";
    const ExportOutcome outcome = runDatasetExport(*test.project, requestFor(out, { "deeplesion", "coco", "nifti" }));
    REQUIRE(outcome.log.excluded.size() == 1);
    const auto rows = csvTable(out + "/deeplesion/DL_info.csv");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].at("Key_slice_index") == std::to_string(kRecistSlice)); // was kRecistSlice + 1
    CHECK(rows[0].at("Slice_range") == "1, 9");
    std::string split;
    for (const char* candidate : { "train", "validation", "test" }) {
        const JsonValue coco = parseJson(fileBytes(out + "/coco/annotations/instances_" + candidate + ".json"));
        for (const JsonValue& annotation : member(coco, "annotations").items) {
            if (member(annotation, "shape").string == "box3d") {
                split = candidate;
                CHECK(numbersOf(member(annotation, "slice_range")) == std::vector<double> { kBox3dFirst, kBox3dLast });
            }
        }
    }
    CHECK(!split.empty());
    const std::string stem = rows[0].at("File_name").substr(0, 12);
    const auto image = readNifti<std::int16_t>(out + "/nifti/" + stem + "/image.nii.gz");
    CHECK(image->GetLargestPossibleRegion().GetSize()[2] == 9);
    CHECK(image->GetPixel({ { 10, 20, 0 } }) == exportTestHu(10, 20, 1));
    CHECK(image->GetOrigin()[2] == Approx(-10.0 + 2.5).margin(1e-4));
    const auto label = readNifti<std::uint16_t>(out + "/nifti/" + stem + "/label.nii.gz");
    CHECK(label->GetPixel({ { 6, 7, kBox3dFirst - 1 } }) != 0);
    CHECK(label->GetPixel({ { 6, 7, kBox3dLast - 1 } }) != 0);
    CHECK(label->GetPixel({ { 6, 7, kBox3dLast } }) == 0);
}

TEST_CASE("A cancelled export removes what it wrote", "[export]")
{
    ExportTestProject test = makeExportTestProject(2);
    const std::string base = makeTemporaryFolder("radmark-export-cancel");
    ExportRequest request = requestFor(base + "/dataset", { "deeplesion", "nifti" });
    std::vector<std::string> stages;
    request.progress = [&stages](const std::string& stage, double) {
        stages.push_back(stage);
        return stage != "Writing nifti"; // cancel once deeplesion has written its files
    };
    CHECK_THROWS_WITH(runDatasetExport(*test.project, request), Catch::Contains("cancelled"));
    CHECK(std::find(stages.begin(), stages.end(), "Writing deeplesion") != stages.end());
    CHECK(fs::is_empty(base));
}

TEST_CASE(
    "Burned-in images included on request are warned (lower-case yes too), the card holds no input path", "[export]")
{
    if (std::system("command -v dcmodify >/dev/null 2>&1") != 0) {
        WARN("skipped: dcmodify (Debian dcmtk) is not installed");
        return;
    }
    ExportTestProject test = makeExportTestProject(1);
    const std::string burned = test.patients[0].files[1];
    REQUIRE(std::system(("dcmodify -nb -i \"(0028,0301)=yes\" \"" + burned + "\" >/dev/null").c_str()) == 0);
    test.project.reset();
    test.project = ProjectStore::open(test.projectPath, ProjectStore::OpenMode::ReadWrite);
    importPaths(*test.project, { test.folder + "/dicom" });
    const std::string base = makeTemporaryFolder("radmark-export-burned");
    ExportRequest request = requestFor(base + "/excluded", { "deeplesion", "dicom" });
    request.identity.shiftDates = true;
    const ExportOutcome excluded = runDatasetExport(*test.project, request);
    REQUIRE(excluded.log.excluded.size() == 1);
    CHECK(excluded.log.excluded[0].path == burned);

    request.outputDir = base + "/included";
    request.includeBurnedIn = true;
    const ExportOutcome included = runDatasetExport(*test.project, request);
    CHECK(included.log.excluded.empty());
    CHECK(included.log.filesWritten.at("dicom") == kExportSlices);
    int warned = 0;
    for (const std::string& warning : included.log.warnings) {
        warned += warning.find("INCLUDED on request although BurnedInAnnotation is YES") != std::string::npos ? 1 : 0;
    }
    CHECK(warned == 1);
    const std::string card = fileBytes(base + "/included/dataset_card.md");
    CHECK(card.find("1 image(s) INCLUDED on request although BurnedInAnnotation is YES") != std::string::npos);
    // No byte of the dataset names an input file or folder.
    for (const std::string& file : filesUnder(base + "/included")) {
        const std::string bytes = fileBytes(file);
        INFO(file);
        CHECK(bytes.find(test.folder) == std::string::npos);
        CHECK(bytes.find(fs::path(burned).filename().string()) == std::string::npos);
    }
}

TEST_CASE("A box derived from a RECIST is the same lesion in every format", "[export]")
{
    ExportTestProject test = makeExportTestProject(1);
    {
        MarkStore marks(*test.project);
        using namespace radmark::annotation;
        AnnotationDocument document(Author { "Dr Marker", AuthorRole::Radiologist });
        document.reset(marks.loadMarks(test.patients[0].seriesUid));
        document.addObserver([&](const DocumentChange& change) { marks.applyChange(change, document); });
        std::string recistId;
        for (const LesionMark& mark : document.marks()) {
            if (std::holds_alternative<RecistMark>(mark.shape)) {
                recistId = mark.id;
            }
        }
        REQUIRE_FALSE(recistId.empty());
        const EditResult derived = document.deriveBoxFromRecist(recistId);
        REQUIRE(derived);
        // The user widens the derived box (corner x2, y2): that box, not the computed one, is the lesion's.
        REQUIRE(document.moveHandle(derived.markId, 2, { 50.5, 40.25 }));
        REQUIRE(marks.loadMarks(test.patients[0].seriesUid).size() == 4);
    }
    const std::string out = makeTemporaryFolder("radmark-export-derived") + "/dataset";
    ExportRequest request = requestFor(out, { "deeplesion", "coco", "nifti", "dicom-sr" });
    const ExportOutcome outcome = runDatasetExport(*test.project, request);
    CHECK(outcome.marks == 3); // RECIST (with its box), 3D box, line

    // DeepLesion: one row, the box of the DeepLesion rule (the derived box was not moved).
    const auto rows = csvTable(out + "/deeplesion/DL_info.csv");
    REQUIRE(rows.size() == 1);
    // COCO: one annotation for the lesion (the line has no box), plus the 3D box.
    int recistAnnotations = 0;
    int annotations = 0;
    for (const char* split : { "train", "validation", "test" }) {
        const JsonValue coco = parseJson(fileBytes(out + "/coco/annotations/instances_" + split + ".json"));
        for (const JsonValue& annotation : member(coco, "annotations").items) {
            ++annotations;
            if (member(annotation, "shape").string == "recist") {
                ++recistAnnotations;
                const auto box = numbersOf(member(annotation, "bbox"));
                REQUIRE(box.size() == 4);
                CHECK(box == std::vector<double> { 16.0, 5.75, 35.0, 35.0 }); // the derived box, widened
            }
            CHECK(member(annotation, "shape").string != "box2d");
        }
    }
    CHECK(annotations == 2);
    CHECK(recistAnnotations == 1);
    // NIfTI: two marks with a label (RECIST, 3D box) and the line; the RECIST's label has its voxels.
    const std::string stem = rows[0].at("File_name").substr(0, 12);
    const JsonValue sidecar = parseJson(fileBytes(out + "/nifti/" + stem + "/marks.json"));
    std::map<std::string, int> labelOfShape;
    for (const JsonValue& mark : member(sidecar, "marks").items) {
        labelOfShape[member(mark, "shape").string] = static_cast<int>(member(mark, "label_value").number);
    }
    CHECK(labelOfShape.size() == 3);
    CHECK(labelOfShape.count("box2d") == 0);
    const auto label = readNifti<std::uint16_t>(out + "/nifti/" + stem + "/label.nii.gz");
    CHECK(label->GetPixel({ { 21, 11, kRecistSlice } }) == labelOfShape.at("recist"));
    CHECK(label->GetPixel({ { 40, 30, kRecistSlice } }) == labelOfShape.at("recist"));
    CHECK(label->GetPixel({ { 48, 38, kRecistSlice } }) == labelOfShape.at("recist")); // inside the widened box
    CHECK(label->GetPixel({ { 48, 38, kRecistSlice + 1 } }) == 0);
    CHECK(rows[0].at("Bounding_boxes") == "15.5, 5.25, 50.5, 40.25");
    // DICOM SR: one measurement group per lesion (RECIST, line, 3D box), none for the derived box.
    std::string sr;
    for (const std::string& file : filesUnder(out + "/dicom-sr")) {
        sr += fileBytes(file);
    }
    std::size_t groups = 0;
    for (std::size_t at = sr.find("Measurement Group"); at != std::string::npos;
         at = sr.find("Measurement Group", at + 1)) {
        ++groups;
    }
    CHECK(groups == 3);
}

TEST_CASE("An image whose pixels cannot be decoded is excluded with the reason, the rest of the series is exported",
    "[export]")
{
    ExportTestProject test = makeExportTestProject(1);
    // Slice 9: its pixel data cut short after the import (the header still reads).
    const std::string damaged = test.patients[0].files[8];
    const auto size = fs::file_size(damaged);
    fs::resize_file(damaged, size - 1000);
    const std::string out = makeTemporaryFolder("radmark-export-undecodable") + "/dataset";
    const ExportOutcome outcome = runDatasetExport(*test.project, requestFor(out, { "deeplesion", "nifti" }));
    std::set<std::string> formats;
    for (const ExportLog::Problem& problem : outcome.log.excluded) {
        CHECK(problem.path == damaged);
        formats.insert(problem.reason.substr(0, problem.reason.find(':')));
        CHECK(problem.reason.find("image left out") != std::string::npos);
    }
    CHECK(formats == std::set<std::string> { "deeplesion", "nifti" });
    const auto rows = csvTable(out + "/deeplesion/DL_info.csv");
    REQUIRE(rows.size() == 1);
    const std::string stem = rows[0].at("File_name").substr(0, 12);
    const auto image = readNifti<std::int16_t>(out + "/nifti/" + stem + "/image.nii.gz");
    CHECK(image->GetLargestPossibleRegion().GetSize()[2] == kExportSlices - 1);
}
