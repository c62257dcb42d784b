// Import back: an SR written by the dicom-sr export (or by another TID 1500 writer) becomes lesion marks on the
// referenced images; the SR is not listed as a skipped file when its content was used.
#include "DicomExportFixture.h"
#include "TestPaths.h"

#include "radmark/storage/dataset/DicomExportFormats.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/MarkStore.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using namespace radmark::annotation;
using namespace radmark::storage;
using namespace radmark::testing;

namespace {

bool listedAsSkipped(const ImportSummary& summary, const std::string& fileName)
{
    return std::any_of(summary.skippedThisRun.begin(), summary.skippedThisRun.end(),
        [&](const SkippedFile& file) { return std::filesystem::path(file.filePath).filename() == fileName; });
}

bool mentions(const std::vector<std::string>& lines, const std::string& text)
{
    return std::any_of(
        lines.begin(), lines.end(), [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

} // namespace

TEST_CASE("SR round trip: marks drawn -> dicom-sr -> radmark import -> the same marks", "[export][sr][import]")
{
    DicomExportFixture fixture;
    MapIdentity identity(-100, true, true);
    ExportLog log;
    const std::string out = fixture.folder + "/export";
    ExportContext context { out, identity, fixture.studies, fixture.lesionTypes, "0.1.0", "test", log };
    makeDeidentifiedDicomFormat()->write(context);
    makeDicomSrFormat()->write(context);

    const auto project
        = ProjectStore::open(fixture.folder + "/reimported.radmark", ProjectStore::OpenMode::CreateIfMissing);
    const ImportSummary summary = importPaths(*project, { out + "/dicom", out + "/dicom-sr" });
    INFO((summary.measurementsNotImported.empty() ? "" : summary.measurementsNotImported[0]));
    CHECK(summary.marksImported == 4);
    CHECK(summary.measurementsNotImported.empty());
    CHECK(summary.skippedThisRun.empty()); // the SR's content was used: not a skipped file
    CHECK(summary.reportsImported == 0); // tracking identifiers and observer names are no report text
    CHECK(project->counts().skippedFiles == 0);
    CHECK(project->counts().instances == 24);

    const std::string seriesUid = identity.uid(fixture.written.seriesInstanceUid);
    const std::vector<LesionMark> restored = MarkStore(*project).loadMarks(seriesUid);
    REQUIRE(restored.size() == 4);
    for (const LesionMark& original : fixture.marks) {
        const auto found = std::find_if(
            restored.begin(), restored.end(), [&](const LesionMark& mark) { return mark.id == original.id; });
        REQUIRE(found != restored.end());
        INFO(shapeKindName(original.shape));
        CHECK(found->shape == original.shape);
        CHECK(found->lesionType == original.lesionType);
        CHECK(found->slice.seriesUid == seriesUid);
        CHECK(found->slice.sopInstanceUid == identity.uid(original.slice.sopInstanceUid));
        CHECK(found->slice.frameIndex == original.slice.frameIndex);
        CHECK(found->slice.sliceIndex == original.slice.sliceIndex);
        CHECK(found->plane.spacing.columnMm == original.plane.spacing.columnMm);
        CHECK(found->plane.spacing.rowMm == original.plane.spacing.rowMm);
        CHECK(found->plane.originLpsMm == original.plane.originLpsMm);
    }

    // Importing again adds nothing and keeps the marks as they are.
    const ImportSummary again = importPaths(*project, { out + "/dicom-sr" });
    CHECK(again.marksImported == 0);
    CHECK(again.marksAlreadyPresent == 4);
    CHECK(MarkStore(*project).markCount() == 4);
}

TEST_CASE("SR measurements whose images are not in the project are reported, the SR still counts as read",
    "[export][sr][import]")
{
    DicomExportFixture fixture;
    MapIdentity identity(0, true, true);
    ExportLog log;
    const std::string out = fixture.folder + "/export";
    ExportContext context { out, identity, fixture.studies, fixture.lesionTypes, "0.1.0", "test", log };
    makeDicomSrFormat()->write(context); // references de-identified images that are never imported
    const auto project = ProjectStore::open(fixture.folder + "/other.radmark", ProjectStore::OpenMode::CreateIfMissing);
    const ImportSummary summary = importPaths(*project, { out + "/dicom-sr" });
    CHECK(summary.marksImported == 0);
    for (const std::string& line : summary.measurementsNotImported) {
        UNSCOPED_INFO(line);
    }
    REQUIRE(summary.measurementsNotImported.size() == 4);
    CHECK(mentions(summary.measurementsNotImported, "is not in the project (import its series first)"));
    CHECK(summary.skippedThisRun.empty());
}

TEST_CASE("SR import of highdicom's TID 1500 documents maps what it can and lists the rest", "[export][sr][import]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::string folder = sharedDataPath("dicom/highdicom/test_files");
    const auto project = ProjectStore::open(
        makeTemporaryFolder("radmark-highdicom-sr") + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    const ImportSummary summary = importPaths(*project,
        { folder + "/ct_image.dcm", folder + "/sr_document_with_multiple_groups.dcm", folder + "/sr_document.dcm" });
    CHECK_FALSE(listedAsSkipped(summary, "sr_document_with_multiple_groups.dcm"));
    CHECK_FALSE(listedAsSkipped(summary, "sr_document.dcm"));

    // The aorta group outlines a rectangle (4 corners, SCOORD 25,45 .. 45,65): a 2D box, half a pixel shifted.
    CHECK(summary.marksImported == 1);
    const std::vector<LesionMark> marks = MarkStore(*project).loadMarks();
    REQUIRE(marks.size() == 1);
    CHECK(std::get<Box2dMark>(marks[0].shape).boxPx == PixelBox { 24.5, 44.5, 44.5, 64.5 });
    CHECK(marks[0].slice.sopInstanceUid == "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322");
    CHECK(marks[0].slice.sliceIndex == 0);
    CHECK(marks[0].lesionType == kUnknownLesionType);
    CHECK(marks[0].author.name == "Doe^John");

    const std::vector<std::string>& problems = summary.measurementsNotImported;
    INFO(problems.size());
    CHECK(mentions(problems, "'Image0001': no image coordinates"));
    CHECK(mentions(problems, "'LungNodule0001': CIRCLE"));
    CHECK(mentions(problems, "'Vertebra0001': SCOORD3D"));
    CHECK(mentions(problems, "sr_document.dcm: measurement group 'Planar ROI Measurements': CIRCLE"));
}
