// dicom-sr export: marks drawn -> TID 1500 SR -> read back with DCMTK (not RadMark's reader): lengths in mm,
// SCOORD points (half-pixel convention), references to the de-identified images, lesion types, labels;
// dciodvfy finds no error.
#include "DicomExportFixture.h"
#include "SrReadBack.h"

#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/dataset/DicomExportFormats.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>

using namespace radmark::annotation;
using namespace radmark::storage;
using namespace radmark::testing;

namespace {

std::vector<std::pair<float, float>> scoord(std::initializer_list<PixelPoint> points)
{
    std::vector<std::pair<float, float>> result;
    for (const PixelPoint& point : points) {
        result.emplace_back(static_cast<float>(point.column + 0.5), static_cast<float>(point.row + 0.5));
    }
    return result;
}

std::vector<std::pair<float, float>> boxOutline(const PixelBox& box)
{
    return scoord(
        { { box.x1, box.y1 }, { box.x2, box.y1 }, { box.x2, box.y2 }, { box.x1, box.y2 }, { box.x1, box.y1 } });
}

std::string sopInstanceUidOf(const std::string& path)
{
    DcmFileFormat file;
    REQUIRE(file.loadFile(path.c_str()).good());
    OFString uid;
    file.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, uid);
    return uid.c_str();
}

// dciodvfy's findings about a file: its output lines starting with "Error".
std::vector<std::string> dciodvfyErrors(const std::string& path, std::string& output)
{
    const std::string command = "dciodvfy '" + path + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer {};
    while (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) {
        output += buffer.data();
    }
    pclose(pipe);
    std::vector<std::string> errors;
    std::size_t start = 0;
    while (start < output.size()) {
        const std::size_t end = output.find('\n', start);
        const std::string line = output.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (line.rfind("Error", 0) == 0) {
            errors.push_back(line);
        }
        start = end == std::string::npos ? output.size() : end + 1;
    }
    return errors;
}

bool hasDciodvfy()
{
    return std::system("command -v dciodvfy >/dev/null 2>&1") == 0;
}

struct Exported {
    DicomExportFixture fixture;
    MapIdentity identity { -100, true, true };
    ExportLog log;
    std::string outputDir;

    Exported()
    {
        outputDir = fixture.folder + "/export";
        ExportContext context { outputDir, identity, fixture.studies, fixture.lesionTypes, "0.1.0-test",
            "radmark export test", log };
        makeDeidentifiedDicomFormat()->write(context);
        makeDicomSrFormat()->write(context);
    }

    std::string srPath()
    {
        const ExportStudy& study = fixture.studies.at(0);
        return outputDir + "/dicom-sr/ANON1/" + identity.uid(study.study.studyUid) + "/"
            + identity.uid(study.series.at(0).series.seriesUid) + ".dcm";
    }
};

const ReadGroup& groupOf(const ReadReport& report, const LesionMark& mark)
{
    for (const ReadGroup& group : report.groups) {
        if (group.trackingUid == toDicomUid(mark.id)) {
            return group;
        }
    }
    static const ReadGroup none;
    FAIL("no measurement group with the tracking UID of mark " << mark.id);
    return none;
}

} // namespace

TEST_CASE("dicom-sr writes one TID 1500 report per annotated series that DCMTK reads back exactly", "[export][sr]")
{
    Exported exported;
    const DicomExportFixture& fixture = exported.fixture;
    REQUIRE(exported.log.filesWritten["dicom-sr"] == 1);
    REQUIRE(filesUnder(exported.outputDir + "/dicom-sr") == std::vector<std::string> { exported.srPath() });

    const ReadReport report = readReportWithDcmtk(exported.srPath());
    REQUIRE(report.read);
    CHECK(report.documentType == "Comprehensive SR");
    CHECK(report.rootConcept.value == "126000");
    CHECK(report.rootConcept.scheme == "DCM");
    CHECK(report.rootTemplate == "1500");
    CHECK(report.patientName == "Anonymous^ANON1");
    CHECK(report.patientId == "ANON1");
    CHECK(report.patientSex == "F");
    CHECK(report.studyUid == exported.identity.uid(fixture.written.studyInstanceUid));
    CHECK(report.studyDate == "20231208"); // 2024-03-17 shifted by -100 days
    REQUIRE(report.groups.size() == 4);

    // The de-identified images, by SOP Instance UID: every SR reference must name one of them.
    std::set<std::string> exportedImages;
    for (const std::string& path : filesUnder(exported.outputDir + "/dicom")) {
        exportedImages.insert(sopInstanceUidOf(path));
    }
    REQUIRE(exportedImages.size() == 24);
    for (const std::string& uid : report.evidenceInstanceUids) {
        CHECK(exportedImages.count(uid) == 1);
    }

    const auto imageOf = [&](const LesionMark& mark) { return exported.identity.uid(mark.slice.sopInstanceUid); };
    const LesionMark& recistMark = fixture.marks.at(0);
    const auto& recist = std::get<RecistMark>(recistMark.shape);
    const ReadGroup& recistGroup = groupOf(report, recistMark);
    CHECK(recistGroup.templateId == "1501");
    CHECK(recistGroup.trackingIdentifier == "recist 1 (liver)");
    CHECK(recistGroup.finding.value == "52988006");
    CHECK(recistGroup.findingSite.value == "10200004"); // liver
    CHECK(recistGroup.findingSite.scheme == "SCT");
    REQUIRE(recistGroup.numbers.size() == 2);
    const ReadNumber& longAxis = recistGroup.numbers[0];
    const ReadNumber& shortAxis = recistGroup.numbers[1];
    CHECK(longAxis.concept.value == "103339001");
    CHECK(shortAxis.concept.value == "103340004");
    CHECK(longAxis.unit.value == "mm");
    CHECK(longAxis.unit.scheme == "UCUM");
    // 40.5 px along a row at 0.75 mm per column; 18.5 px down a column at 0.8 mm per row.
    CHECK(longAxis.floatingPoint == lengthMm(recist.longAxisPx, recistMark.plane.spacing));
    CHECK(longAxis.floatingPoint == 30.375);
    CHECK(longAxis.text == "30.375");
    CHECK(shortAxis.floatingPoint == Approx(14.8).epsilon(1e-15));
    CHECK(std::stod(shortAxis.text) == Approx(14.8).epsilon(1e-14));
    REQUIRE(longAxis.inferredFrom.size() == 1);
    CHECK(longAxis.inferredFrom[0].graphicType == "POLYLINE");
    CHECK(longAxis.inferredFrom[0].points == scoord({ { 40.25, 50.5 }, { 80.75, 50.5 } }));
    CHECK(shortAxis.inferredFrom.at(0).points == scoord({ { 60.5, 40.25 }, { 60.5, 58.75 } }));
    CHECK(longAxis.inferredFrom[0].sopInstanceUid == imageOf(recistMark));
    CHECK(longAxis.inferredFrom[0].sopClassUid == UID_CTImageStorage);
    CHECK(longAxis.inferredFrom[0].frames.empty());

    const LesionMark& lineMark = fixture.marks.at(1);
    const ReadGroup& lineGroup = groupOf(report, lineMark);
    CHECK(lineGroup.findingSite.value == "39607008"); // lung
    REQUIRE(lineGroup.numbers.size() == 1);
    CHECK(lineGroup.numbers[0].concept.value == "410668003");
    CHECK(lineGroup.numbers[0].floatingPoint
        == lengthMm(std::get<LineMark>(lineMark.shape).segmentPx, lineMark.plane.spacing));
    CHECK(lineGroup.numbers[0].inferredFrom.at(0).points == scoord({ { 20.5, 30.25 }, { 50.125, 60.875 } }));
    CHECK(lineGroup.numbers[0].inferredFrom.at(0).sopInstanceUid == imageOf(lineMark));

    const LesionMark& boxMark = fixture.marks.at(2);
    const ReadGroup& boxGroup = groupOf(report, boxMark);
    CHECK(boxGroup.templateId == "1410");
    CHECK(boxGroup.findingSite.value.empty()); // unknown lesion type: no finding site
    REQUIRE(boxGroup.regions.size() == 1);
    CHECK(boxGroup.regions[0].concept == "111030");
    CHECK(boxGroup.regions[0].points == boxOutline({ 30.5, 20.25, 60.75, 44.5 }));
    CHECK(boxGroup.regions[0].sopInstanceUid == imageOf(boxMark));
    REQUIRE(boxGroup.numbers.size() == 1);
    CHECK(boxGroup.numbers[0].concept.value == "42798000");
    CHECK(boxGroup.numbers[0].floatingPoint == Approx(30.25 * 0.75 * 24.25 * 0.8).epsilon(1e-15));
    CHECK(boxGroup.numbers[0].unit.value == "mm2");

    const LesionMark& box3dMark = fixture.marks.at(3);
    const ReadGroup& box3dGroup = groupOf(report, box3dMark);
    CHECK(box3dGroup.templateId == "1411");
    CHECK(box3dGroup.findingSite.value == "64033007"); // kidney
    REQUIRE(box3dGroup.regions.size() == 5);
    CHECK(box3dGroup.regions[0].sopInstanceUid == imageOf(box3dMark)); // the slice it was drawn on first
    const std::array<int, 5> slices { 17, 15, 16, 18, 19 };
    for (std::size_t index = 0; index < slices.size(); ++index) {
        CHECK(box3dGroup.regions[index].points == boxOutline({ 90.25, 60.5, 110.75, 80.125 }));
        CHECK(box3dGroup.regions[index].sopInstanceUid
            == exported.identity.uid(fixture.written.sopInstanceUids.at(static_cast<std::size_t>(slices[index]))));
    }

    REQUIRE(report.qualitativeEvaluations.size() == 3);
    CHECK(report.qualitativeEvaluations.at("ascites").value == "10828004");
    CHECK(report.qualitativeEvaluations.at("hernia").value == "260385009");
    CHECK(report.qualitativeEvaluations.at("appendicitis").value == "42425007");
}

TEST_CASE("dicom-sr names a project's own lesion type with a 99RADMARK Finding Site", "[export][sr]")
{
    DicomExportFixture fixture;
    REQUIRE(fixture.lesionTypes.add(12, "adrenal nodule"));
    fixture.studies[0].series[0].marks[1].lesionType = 12;
    MapIdentity identity(0, false, false);
    ExportLog log;
    const std::string out = fixture.folder + "/export";
    ExportContext context { out, identity, fixture.studies, fixture.lesionTypes, "0.1.0", "test", log };
    makeDicomSrFormat()->write(context);
    const std::vector<std::string> files = filesUnder(out);
    REQUIRE(files.size() == 1);
    const ReadReport report = readReportWithDcmtk(files[0]);
    const ReadGroup& group = groupOf(report, fixture.studies[0].series[0].marks[1]);
    CHECK(group.findingSite.value == "12");
    CHECK(group.findingSite.scheme == "99RADMARK");
    CHECK(group.findingSite.meaning == "adrenal nodule");
    CHECK(group.trackingIdentifier == "line 2 (adrenal nodule)");
    CHECK(report.patientSex.empty()); // sex not kept
    CHECK(report.studyDate == "20240317"); // dates not shifted
}

TEST_CASE("dicom-sr skips series without marks", "[export][sr]")
{
    DicomExportFixture fixture;
    fixture.studies[0].series[0].marks.clear();
    MapIdentity identity(0, true, true);
    ExportLog log;
    ExportContext context { fixture.folder + "/export", identity, fixture.studies, fixture.lesionTypes, "0.1.0", "test",
        log };
    makeDicomSrFormat()->write(context);
    CHECK(log.filesWritten["dicom-sr"] == 0);
    CHECK_FALSE(std::filesystem::exists(fixture.folder + "/export/dicom-sr"));
}

TEST_CASE("dciodvfy finds no error in the exported SR nor in a de-identified image", "[export][sr][dciodvfy]")
{
    if (!hasDciodvfy()) {
        WARN("skipped: dciodvfy (Debian package dicom3tools) is not installed");
        return;
    }
    Exported exported;
    std::string output;
    const std::vector<std::string> errors = dciodvfyErrors(exported.srPath(), output);
    INFO(output);
    CHECK(errors.empty());
    CHECK(output.find("ComprehensiveSR") != std::string::npos);

    std::string imageOutput;
    const std::vector<std::string> imageErrors
        = dciodvfyErrors(filesUnder(exported.outputDir + "/dicom").at(0), imageOutput);
    INFO(imageOutput);
    CHECK(imageErrors.empty());
}

TEST_CASE("dicom-sr leaves out marks of a series read from a volume file, with a warning", "[export][sr]")
{
    DicomExportFixture fixture;
    fixture.studies[0].series[0].series.fromVolumeFile = true;
    MapIdentity identity(0, true, true);
    ExportLog log;
    ExportContext context { fixture.folder + "/export", identity, fixture.studies, fixture.lesionTypes, "0.1.0", "test",
        log };
    makeDicomSrFormat()->write(context);
    CHECK(log.filesWritten["dicom-sr"] == 0);
    REQUIRE(log.warnings.size() == 1);
    CHECK(log.warnings[0]
        == "series " + identity.uid(fixture.written.seriesInstanceUid)
            + " comes from a volume file (no DICOM images to reference): its marks are not in the "
              "DICOM SR export");
}

TEST_CASE("dicom-sr references the frame of a multi-frame image (1-based Referenced Frame Number)", "[export][sr]")
{
    DicomExportFixture fixture;
    ExportSeries& series = fixture.studies[0].series[0];
    LesionMark& line = series.marks[1];
    for (InstanceRecord& instance : series.instances) {
        if (instance.sopInstanceUid == line.slice.sopInstanceUid) {
            instance.numberOfFrames = 3;
        }
    }
    line.slice.frameIndex = 2;
    MapIdentity identity(0, true, true);
    ExportLog log;
    const std::string out = fixture.folder + "/export";
    ExportContext context { out, identity, fixture.studies, fixture.lesionTypes, "0.1.0", "test", log };
    makeDicomSrFormat()->write(context);
    const ReadReport report = readReportWithDcmtk(filesUnder(out).at(0));
    const ReadGroup& group = groupOf(report, line);
    CHECK(group.numbers.at(0).inferredFrom.at(0).frames == std::vector<int> { 3 });
    CHECK(groupOf(report, series.marks[0]).numbers.at(0).inferredFrom.at(0).frames.empty());
}
