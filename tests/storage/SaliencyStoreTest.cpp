// Saliency maps, reviews and checks in the project (schema 4), and the manifest import.
#include "ImportTestFiles.h"
#include "StudyRecordFixture.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/SaliencyStore.h"
#include "radmark/storage/saliency/SaliencyManifest.h"
#include "radmark/storage/saliency/SaliencyMapWriter.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace radmark::storage;
using radmark::annotation::AuthorRole;
using radmark::annotation::SaliencyVerdict;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::studyRecord;
using radmark::testing::writeTextFile;

namespace {

// Two studies: 1.9.1 (accession A1, one series 1.9.1.1) and 1.9.2 (accession A2, one series 1.9.2.1).
std::unique_ptr<ProjectStore> projectWithTwoStudies(const std::string& folder)
{
    auto project = ProjectStore::open(folder + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    project->writeImportBatch(
        { studyRecord(folder + "/a.dcm", "1.9.1", "A1"), studyRecord(folder + "/b.dcm", "1.9.2", "A2") }, {});
    return project;
}

} // namespace

TEST_CASE("saliency maps, reviews and checks are stored and read back", "[saliency][store]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-store");
    auto project = projectWithTwoStudies(folder);
    CHECK(project->schemaVersion() >= 4);
    SaliencyStore store(*project);

    SaliencyMapRecord map;
    map.mapPath = folder + "/m.nii.gz";
    map.model = "densenet";
    map.target = "nodule";
    map.score = 0.75;
    map.method = "Grad-CAM";
    map.importedMs = 1000;
    bool added = false;
    const std::int64_t id = store.putMap("1.9.1.1", map, &added);
    CHECK(added);
    map.score = 0.5;
    map.sliceIndex = 3;
    CHECK(store.putMap("1.9.1.1", map, &added) == id);
    CHECK_FALSE(added);
    CHECK_THROWS_WITH(store.putMap("9.9.9", map), Catch::Contains("no series with UID 9.9.9"));

    const auto maps = store.maps();
    REQUIRE(maps.size() == 1);
    CHECK(maps[0].seriesUid == "1.9.1.1");
    CHECK(maps[0].studyUid == "1.9.1");
    CHECK(maps[0].accessionNumber == "A1");
    CHECK(maps[0].score == 0.5);
    CHECK(maps[0].sliceIndex == 3);
    CHECK(store.maps("1.9.2.1").empty());

    CHECK_FALSE(store.latestReview(id));
    store.addReview({ id, SaliencyVerdict::Unsure, "first look", { "Ana", AuthorRole::Trainee }, 2000 });
    store.addReview(
        { id, SaliencyVerdict::ArtefactOrText, "looks at the label", { "Bo", AuthorRole::Radiologist }, 3000 });
    const auto latest = store.latestReview(id);
    REQUIRE(latest);
    CHECK(latest->verdict == SaliencyVerdict::ArtefactOrText);
    CHECK(latest->note == "looks at the label");
    CHECK(latest->reviewer.name == "Bo");
    CHECK(latest->reviewer.role == AuthorRole::Radiologist);
    CHECK(latest->reviewedMs == 3000);
    CHECK(store.reviews(id).size() == 2);

    StoredSaliencyChecks checks;
    checks.checks.totalMass = 16.0;
    checks.checks.peakI = 4;
    checks.checks.peakJ = 5;
    checks.checks.peakK = 6;
    checks.checks.massInsideMarksFraction = 0.25;
    checks.checks.peakInsideMark = false;
    checks.checks.massOutsideBodyFraction = 0.6875;
    checks.checks.massOnTextOrCornersFraction = 0.1875;
    checks.markCount = 1;
    checks.grid = "series grid";
    checks.computedMs = 4000;
    store.putChecks(id, checks);
    const auto stored = store.checks(id);
    REQUIRE(stored);
    CHECK(stored->checks.totalMass == 16.0);
    CHECK(stored->checks.peakK == 6);
    CHECK(stored->checks.massInsideMarksFraction == 0.25);
    CHECK(stored->checks.peakInsideMark == false);
    CHECK(stored->checks.massOutsideBodyFraction == 0.6875);
    CHECK(stored->checks.massOnTextOrCornersFraction == 0.1875);
    CHECK(stored->markCount == 1);
    CHECK(stored->grid == "series grid");
}

TEST_CASE("a saliency manifest is imported row by row, bad rows are reported, the rest kept", "[saliency][manifest]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-manifest");
    auto project = projectWithTwoStudies(folder);
    std::filesystem::create_directories(folder + "/maps");
    // Only the header is read at import (a map whose header does not fit is not stored, see SaliencyMapSafetyTest).
    const radmark::annotation::ImageVolume map(radmark::annotation::ImageGeometry::regular(4, 4, 2, 1.0, 1.0,
                                                   { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }),
        radmark::annotation::VoxelType::Float32);
    writeSaliencyMetaImage(map, folder + "/maps/one.mha");
    writeSaliencyMetaImage(map, folder + "/maps/two.mha");
    writeTextFile(folder + "/maps/manifest.csv",
        "series_uid,map_path,model,target,score,method,study_uid,accession\n"
        "1.9.1.1,one.mha,densenet,nodule,0.9,Grad-CAM,,\n"
        ",two.mha,densenet,nodule,,,1.9.2,\n"
        ",two.mha,resnet,,0.1,occlusion,,A1\n"
        "4.4.4,one.mha,densenet,nodule,0.9,,,\n"
        "1.9.1.1,missing.nii,densenet,nodule,0.9,,,\n"
        "1.9.1.1,one.mha,densenet,mass,high,,,\n");
    const SaliencyManifestSummary summary = importSaliencyManifest(*project, folder + "/maps/manifest.csv");
    CHECK(summary.rows == 6);
    CHECK(summary.mapsAdded == 3);
    CHECK(summary.mapsUpdated == 0);
    REQUIRE(summary.problems.size() == 3);
    CHECK_THAT(summary.problems[0], Catch::Contains("line 5") && Catch::Contains("no series with UID 4.4.4"));
    CHECK_THAT(summary.problems[1], Catch::Contains("line 6") && Catch::Contains("missing.nii: file not found"));
    CHECK_THAT(summary.problems[2], Catch::Contains("line 7") && Catch::Contains("score 'high' is not a number"));

    SaliencyStore store(*project);
    const auto maps = store.maps();
    REQUIRE(maps.size() == 3);
    CHECK(maps[0].seriesUid == "1.9.1.1");
    CHECK(maps[0].mapPath == folder + "/maps/one.mha");
    CHECK(maps[0].method == "Grad-CAM");
    CHECK(maps[1].seriesUid == "1.9.1.1"); // accession A1
    CHECK(maps[1].model == "resnet");
    CHECK(maps[2].seriesUid == "1.9.2.1"); // study_uid 1.9.2
    CHECK_FALSE(maps[2].score);

    SECTION("importing again updates, never duplicates")
    {
        const SaliencyManifestSummary again = importSaliencyManifest(*project, folder + "/maps/manifest.csv");
        CHECK(again.mapsAdded == 0);
        CHECK(again.mapsUpdated == 3);
        CHECK(store.maps().size() == 3);
    }
}

TEST_CASE("a saliency manifest without the required columns is refused with their names", "[saliency][manifest]")
{
    const std::string folder = makeTemporaryFolder("radmark-saliency-columns");
    auto project = projectWithTwoStudies(folder);
    writeTextFile(folder + "/bad.csv", "series_uid,path,model\n1.9.1.1,x.nii,densenet\n");
    CHECK_THROWS_WITH(importSaliencyManifest(*project, folder + "/bad.csv"),
        Catch::Contains("bad.csv: missing column(s) map_path, target, score, method"));
    CHECK_THROWS_WITH(importSaliencyManifest(*project, folder + "/absent.csv"),
        Catch::Contains("absent.csv: cannot open the manifest"));
    CHECK(SaliencyStore(*project).maps().empty());
}
