// The saliency review without widgets: verdicts are commands on the window's one undo stack; undo removes the
// verdict's row (the map's previous verdict counts again), redo writes it again, a new verdict ends the redo.
#include "RadmarkProcess.h"
#include "SaliencyTestSeries.h"
#include "TestPaths.h"

#include "gui/saliency/SaliencyReviewSession.h"
#include "radmark/annotation/UndoStack.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/SaliencyStore.h"
#include "radmark/storage/saliency/SaliencyMapLoader.h"
#include "radmark/storage/saliency/SaliencyMapWriter.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QSignalSpy>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
namespace annotation = radmark::annotation;
using radmark::app::SaliencyReviewSession;

namespace {

// One series with one map (a hot voxel in the middle of every slice).
fs::path makeProjectWithOneMap(const fs::path& folder)
{
    const auto written
        = storage::writeSyntheticSeries(radmark::testing::saliencyTestSeriesSpec(6), (folder / "dicom").string());
    annotation::ImageVolume map(radmark::testing::saliencyTestSeriesGrid(6), annotation::VoxelType::Float32);
    static_cast<float*>(map.data())[(3 * 64 + 32) * 64 + 32] = 1.0f;
    const std::string file = (folder / "map.mha").string();
    storage::writeSaliencyMetaImage(map, file);
    std::ofstream manifest(folder / "manifest.csv");
    manifest << "series_uid,map_path,model,target,score,method\n"
             << written.seriesInstanceUid << "," << file << ",netA,nodule,0.9,Grad-CAM\n";
    manifest.close();
    const fs::path project = folder / "verdicts.radmark";
    radmark::testing::importSeriesWithSaliencyMaps(project, folder / "dicom", folder / "manifest.csv");
    return project;
}

} // namespace

TEST_CASE("saliency verdicts are undone and redone on the shared undo stack", "[saliency][undo]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-saliency-session");
    const fs::path path = makeProjectWithOneMap(folder);
    auto project = storage::ProjectStore::open(path.string(), storage::ProjectStore::OpenMode::ReadWrite);
    annotation::UndoStack undo;
    SaliencyReviewSession session(undo);
    session.openProject(project.get());
    REQUIRE(session.rows().size() == 1);
    const std::int64_t mapId = session.rows().front().map.id;
    CHECK_FALSE(session.row(mapId)->review);
    QSignalSpy changed(&session, &SaliencyReviewSession::reviewChanged);

    const annotation::Author reviewer { "Dr Saliency", annotation::AuthorRole::Reviewer };
    REQUIRE(session.saveReview(mapId, annotation::SaliencyVerdict::Plausible, "", reviewer));
    REQUIRE(session.saveReview(mapId, annotation::SaliencyVerdict::OutsideBody, "corner", reviewer));
    CHECK(changed.count() == 2);
    CHECK(session.row(mapId)->review->verdict == annotation::SaliencyVerdict::OutsideBody);
    CHECK(session.reviewedCount() == 1);
    CHECK(undo.count() == 2);
    CHECK(
        undo.undoText() == "Verdict Outside the body (netA / nodule, " + session.row(mapId)->map.accessionNumber + ")");

    storage::SaliencyStore store(*project);
    REQUIRE(undo.undo());
    CHECK(session.row(mapId)->review->verdict == annotation::SaliencyVerdict::Plausible);
    CHECK(store.reviews(mapId).size() == 1); // the undone verdict's row is gone
    REQUIRE(undo.undo());
    CHECK_FALSE(session.row(mapId)->review);
    CHECK(session.reviewedCount() == 0);
    CHECK(store.reviews(mapId).empty());
    CHECK(changed.count() == 4);

    REQUIRE(undo.redo());
    REQUIRE(session.row(mapId)->review);
    CHECK(session.row(mapId)->review->verdict == annotation::SaliencyVerdict::Plausible);
    CHECK(session.row(mapId)->review->reviewer == reviewer);
    CHECK(store.reviews(mapId).size() == 1);
    // A new verdict ends the redo branch (the OutsideBody verdict cannot come back).
    REQUIRE(session.saveReview(mapId, annotation::SaliencyVerdict::Unsure, "later", reviewer));
    CHECK_FALSE(undo.canRedo());
    CHECK(store.latestReview(mapId)->verdict == annotation::SaliencyVerdict::Unsure);
    CHECK(store.latestReview(mapId)->note == "later");
    CHECK(store.reviews(mapId).size() == 2);

    // Another project forgets this one's verdicts on the stack.
    session.openProject(nullptr);
    CHECK(undo.count() == 0);
    CHECK(session.rows().empty());
}

TEST_CASE("a read-only project refuses verdicts and leaves the undo stack empty", "[saliency][undo]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-saliency-session-ro");
    const fs::path path = makeProjectWithOneMap(folder);
    auto project = storage::ProjectStore::open(path.string(), storage::ProjectStore::OpenMode::ReadOnly);
    annotation::UndoStack undo;
    SaliencyReviewSession session(undo);
    session.openProject(project.get());
    REQUIRE(session.rows().size() == 1);
    CHECK_FALSE(session.isEditable());
    QSignalSpy messages(&session, &SaliencyReviewSession::message);
    CHECK_FALSE(session.saveReview(session.rows().front().map.id, annotation::SaliencyVerdict::Plausible, "",
        annotation::Author { "Dr Saliency", annotation::AuthorRole::Reviewer }));
    CHECK(messages.count() == 1);
    CHECK(undo.count() == 0);
}

namespace {

// One 6-slice series with a map imported without checks (`--no-checks`): 1.0 in slice 3, 2.0 in slice 4, and a NaN
// in slice 5 when `withNan`.
struct NeverCheckedMap {
    fs::path project;
    std::string seriesUid;
    std::string mapFile;
};

NeverCheckedMap makeProjectWithNeverCheckedMap(const fs::path& folder, bool withNan)
{
    const auto written
        = storage::writeSyntheticSeries(radmark::testing::saliencyTestSeriesSpec(6), (folder / "dicom").string());
    annotation::ImageVolume map(radmark::testing::saliencyTestSeriesGrid(6), annotation::VoxelType::Float32);
    auto* values = static_cast<float*>(map.data());
    values[(3 * 64 + 32) * 64 + 32] = 1.0f;
    values[(4 * 64 + 10) * 64 + 12] = 2.0f;
    if (withNan) {
        values[(5 * 64 + 1) * 64 + 1] = std::numeric_limits<float>::quiet_NaN();
    }
    NeverCheckedMap made;
    made.seriesUid = written.seriesInstanceUid;
    made.mapFile = (folder / "map.mha").string();
    storage::writeSaliencyMetaImage(map, made.mapFile);
    std::ofstream manifest(folder / "manifest.csv");
    manifest << "series_uid,map_path,model,target,score,method\n"
             << written.seriesInstanceUid << "," << made.mapFile << ",netA,nodule,0.9,Grad-CAM\n";
    manifest.close();
    made.project = folder / "values.radmark";
    radmark::testing::importSeriesWithSaliencyMaps(
        made.project, folder / "dicom", folder / "manifest.csv", { "--no-checks" });
    return made;
}

} // namespace

TEST_CASE("a map never summed up is shown with one slice checked, completed on a worker and kept in the project",
    "[saliency][values]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-saliency-session-values");
    const NeverCheckedMap made = makeProjectWithNeverCheckedMap(folder, true);
    auto project = storage::ProjectStore::open(made.project.string(), storage::ProjectStore::OpenMode::ReadWrite);
    storage::SaliencyStore store(*project);
    annotation::UndoStack undo;
    SaliencyReviewSession session(undo);
    session.openProject(project.get());
    REQUIRE(session.rows().size() == 1);
    const std::int64_t mapId = session.rows().front().map.id;
    CHECK_FALSE(session.row(mapId)->checks);
    CHECK_FALSE(store.fileValues(mapId));

    QSignalSpy placedSpy(&session, &SaliencyReviewSession::mapPlaced);
    QSignalSpy completedSpy(&session, &SaliencyReviewSession::valuesCompleted);
    QSignalSpy checksSpy(&session, &SaliencyReviewSession::checksUpdated);
    session.showSeries(made.seriesUid);
    session.place(mapId, radmark::testing::saliencyTestSeriesGrid(6), 3); // the view shows slice 3
    REQUIRE((placedSpy.count() == 1 || placedSpy.wait(20000)));
    const SaliencyReviewSession::PlacedMap* placed = session.placed(mapId);
    REQUIRE(placed);
    REQUIRE(placed->error.isEmpty());
    // Shown at once with slice 3 alone summed up, unless the worker was even quicker.
    if (completedSpy.count() == 0) {
        CHECK_FALSE(placed->map.summaryComplete);
        CHECK(placed->map.summary.maximum == 1.0);
        CHECK(placed->map.summary.nonZeroCount == 1);
    }
    // Checks asked for now wait for the rest of the values.
    session.computeChecks(mapId, storage::loadSeries(*project, made.seriesUid).volume);

    REQUIRE((completedSpy.count() == 1 || completedSpy.wait(20000)));
    placed = session.placed(mapId);
    REQUIRE(placed);
    CHECK(placed->map.summaryComplete);
    CHECK(placed->map.summary.maximum == 2.0);
    CHECK(placed->map.summary.nonZeroCount == 2);
    CHECK(placed->map.summary.nonFiniteCount == 1);
    CHECK(placed->map.values->valueRange() == std::pair<double, double> { 0.0, 2.0 });
    // The NaN of slice 5 is 0 in the map shown now (a clean copy).
    CHECK(placed->map.values->valueAt(1, 1, 5) == 0.0);
    CHECK(placed->map.values->valueAt(12, 10, 4) == 2.0);
    CHECK(placed->map.warnings.front() == made.mapFile + ": 1 voxels are NaN or infinite (shown and counted as 0)");

    // Kept in the project with the file's stamp, for the next switch.
    const std::optional<storage::SaliencyFileValues> kept = store.fileValues(mapId);
    REQUIRE(kept);
    CHECK(kept->stamp.sizeBytes == static_cast<std::int64_t>(fs::file_size(made.mapFile)));
    CHECK(kept->summary.maximum == 2.0);
    CHECK(kept->summary.minimum == 0.0);
    CHECK(kept->summary.nonZeroCount == 2);
    CHECK(kept->summary.nonFiniteCount == 1);

    // Then the checks, on the clean values: the peak is the 2.0 of slice 4.
    REQUIRE((checksSpy.count() == 1 || checksSpy.wait(20000)));
    REQUIRE(session.row(mapId)->checks);
    CHECK(session.row(mapId)->checks->checks.peakK == 4);
    CHECK(session.row(mapId)->checks->checks.peakValue == 2.0);
}

TEST_CASE("a map whose values the project keeps is shown without a pass over its voxels", "[saliency][values]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-saliency-session-kept");
    const NeverCheckedMap made = makeProjectWithNeverCheckedMap(folder, false);
    auto project = storage::ProjectStore::open(made.project.string(), storage::ProjectStore::OpenMode::ReadWrite);
    storage::SaliencyStore store(*project);
    const std::int64_t mapId = store.maps().front().id;
    // A kept summary of this very file whose maximum is deliberately wrong: shown, it proves no voxel was summed.
    storage::SaliencyFileValues kept;
    kept.stamp = *storage::saliencyFileStamp(made.mapFile);
    kept.summary.nonZeroCount = 2;
    kept.summary.maximum = 7.5;
    store.putFileValues(mapId, kept);

    annotation::UndoStack undo;
    SaliencyReviewSession session(undo);
    session.openProject(project.get());
    QSignalSpy placedSpy(&session, &SaliencyReviewSession::mapPlaced);
    QSignalSpy completedSpy(&session, &SaliencyReviewSession::valuesCompleted);
    session.showSeries(made.seriesUid);
    session.place(mapId, radmark::testing::saliencyTestSeriesGrid(6), 0);
    REQUIRE((placedSpy.count() == 1 || placedSpy.wait(20000)));
    const SaliencyReviewSession::PlacedMap* placed = session.placed(mapId);
    REQUIRE(placed);
    CHECK(placed->map.summaryComplete);
    CHECK(placed->map.summaryFromCache);
    CHECK(placed->map.summary.maximum == 7.5);
    CHECK(placed->map.values->valueRange() == std::pair<double, double> { 0.0, 7.5 });
    CHECK(placed->map.values->valueAt(12, 10, 4) == 2.0);
    QCoreApplication::processEvents();
    CHECK(completedSpy.count() == 0);
    CHECK(store.fileValues(mapId)->summary.maximum == 7.5); // not written again

    SECTION("the file changed since: read through, and kept again")
    {
        session.openProject(nullptr);
        fs::last_write_time(made.mapFile, fs::last_write_time(made.mapFile) + std::chrono::seconds(3));
        session.openProject(project.get());
        session.showSeries(made.seriesUid);
        QSignalSpy placedAgain(&session, &SaliencyReviewSession::mapPlaced);
        QSignalSpy completedAgain(&session, &SaliencyReviewSession::valuesCompleted);
        session.place(mapId, radmark::testing::saliencyTestSeriesGrid(6), 4);
        REQUIRE((placedAgain.count() == 1 || placedAgain.wait(20000)));
        REQUIRE((completedAgain.count() == 1 || completedAgain.wait(20000)));
        CHECK_FALSE(session.placed(mapId)->map.summaryFromCache);
        CHECK(session.placed(mapId)->map.summary.maximum == 2.0);
        CHECK(store.fileValues(mapId)->summary.maximum == 2.0);
        CHECK(store.fileValues(mapId)->stamp.modifiedNs == kept.stamp.modifiedNs + 3'000'000'000LL);
    }
}
