// The saliency review without widgets: verdicts are commands on the window's one undo stack; undo removes the
// verdict's row (the map's previous verdict counts again), redo writes it again, a new verdict ends the redo.
#include "RadmarkProcess.h"
#include "SaliencyTestSeries.h"
#include "TestPaths.h"

#include "gui/saliency/SaliencyReviewSession.h"
#include "radmark/annotation/UndoStack.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/SaliencyStore.h"
#include "radmark/storage/saliency/SaliencyMapWriter.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>

#include <filesystem>
#include <fstream>

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
    REQUIRE(
        radmark::testing::runRadmark({ "import", project.string(), (folder / "dicom").string(), "--quiet" }).exitCode
        == 0);
    REQUIRE(radmark::testing::runRadmark({ "saliency", "import", project.string(), (folder / "manifest.csv").string() })
                .exitCode
        == 0);
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
