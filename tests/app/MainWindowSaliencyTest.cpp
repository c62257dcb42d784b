// The saliency review in the real main window, driven by keys: open a map from the list, judge it with
// a verdict key, type a note, Enter saves and opens the next study with its map; the project keeps it.
#include "MainWindowTestInput.h"
#include "RadmarkProcess.h"
#include "SaliencyTestSeries.h"
#include "TestPaths.h"

#include "gui/AnnotationSession.h"
#include "gui/MainWindow.h"
#include "gui/saliency/SaliencyReviewPanel.h"
#include "gui/saliency/SaliencyReviewTable.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/SaliencyStore.h"
#include "radmark/storage/saliency/SaliencyMapWriter.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"
#include "radmark/viewer/SaliencyOverlay.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
namespace annotation = radmark::annotation;
using radmark::app::MainWindow;
using radmark::app::SaliencyReviewPanel;
using radmark::app::SaliencyReviewTable;

namespace {

// One small study per patient, with one map each: study A's map is in the body centre, study B's in a
// corner (worse, so listed first).
struct ReviewProject {
    fs::path project;
    std::string seriesA;
    std::string seriesB;
};

ReviewProject makeReviewProject(const fs::path& folder)
{
    ReviewProject result;
    std::ofstream manifest(folder / "manifest.csv");
    manifest << "series_uid,map_path,model,target,score,method\n";
    for (const char* name : { "A", "B" }) {
        storage::SyntheticSeriesSpec spec = radmark::testing::saliencyTestSeriesSpec(6);
        spec.patientId = std::string("P-") + name;
        spec.accessionNumber = std::string("ACC-") + name;
        spec.huAt = [](const annotation::Vector3& p) { return std::hypot(p.x, p.y) < 25.0 ? 40.0 : -1000.0; };
        const auto written = storage::writeSyntheticSeries(spec, (folder / "dicom" / name).string());
        (std::string(name) == "A" ? result.seriesA : result.seriesB) = written.seriesInstanceUid;
        annotation::ImageVolume map(radmark::testing::saliencyTestSeriesGrid(6), annotation::VoxelType::Float32);
        const int i = std::string(name) == "A" ? 32 : 2;
        for (int k = 0; k < 6; ++k) {
            static_cast<float*>(map.data())[(k * 64 + i) * 64 + i] = 1.0f;
        }
        const std::string file = (folder / (std::string(name) + ".mha")).string();
        storage::writeSaliencyMetaImage(map, file);
        manifest << written.seriesInstanceUid << "," << file << ",netA,nodule,0.9,Grad-CAM\n";
    }
    manifest.close();
    result.project = folder / "review.radmark";
    radmark::testing::importSeriesWithSaliencyMaps(result.project, folder / "dicom", folder / "manifest.csv");
    return result;
}

} // namespace

TEST_CASE("a reviewer judges saliency maps with the keyboard in the main window", "[gui][saliency]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-gui-saliency");
    const ReviewProject fixture = makeReviewProject(folder);

    MainWindow window;
    radmark::testing::showActive(window);
    REQUIRE(window.openProject(QString::fromStdString(fixture.project.string())));
    SaliencyReviewPanel& panel = *window.saliencyPanel();
    SaliencyReviewTable& table = *panel.table();
    REQUIRE(table.rowCount() == 2);
    CHECK(panel.parentWidget()->isVisible()); // the dock shows itself for a project with maps
    // Worst first: B's map lies in the air corner (all its mass outside the body).
    const std::int64_t first = table.mapIdAt(0);
    const std::int64_t second = table.mapIdAt(1);
    REQUIRE(table.rowData(first)->map.seriesUid == fixture.seriesB);
    CHECK(table.item(0, SaliencyReviewTable::OutsideBodyColumn)->text() == "100.0 %");
    CHECK(table.item(1, SaliencyReviewTable::OutsideBodyColumn)->text() == "0.0 %");

    QSignalSpy shown(&panel, &SaliencyReviewPanel::mapShown);
    panel.showMap(first);
    REQUIRE(shown.wait(60000));
    CHECK(window.openSeriesUid().toStdString() == fixture.seriesB);
    const auto& overlay = window.sliceView()->sliceRenderer().saliencyOverlay();
    REQUIRE(overlay.hasMap());
    CHECK(overlay.valueAt(2, 2, 3) == 1.0);

    // Keys as a reviewer types them: X (outside the body), a note, Enter.
    window.sliceView()->setFocus();
    QTest::keyClick(window.sliceView(), Qt::Key_X);
    QSignalSpy messages(&panel, &SaliencyReviewPanel::message);
    panel.noteEdit()->setFocus();
    QTest::keyClicks(panel.noteEdit(), "hot spot in the corner");
    shown.clear();
    QTest::keyClick(panel.noteEdit(), Qt::Key_Return);
    INFO((messages.isEmpty() ? QString() : messages.last().at(0).toString()).toStdString());
    REQUIRE(shown.wait(60000));
    CHECK(panel.currentMapId() == second);
    CHECK(window.openSeriesUid().toStdString() == fixture.seriesA);
    CHECK(overlay.valueAt(32, 32, 0) == 1.0);
    CHECK(table.item(table.rowOfMap(first), SaliencyReviewTable::VerdictColumn)->text() == "Outside the body");

    // Enter without a verdict saves nothing.
    window.sliceView()->setFocus();
    QTest::keyClick(window.sliceView(), Qt::Key_Return);
    CHECK(panel.currentMapId() == second);
    QTest::keyClick(window.sliceView(), Qt::Key_P);
    QTest::keyClick(window.sliceView(), Qt::Key_Return);

    // What the project file holds (another connection, as a report would read it).
    auto project = storage::ProjectStore::open(fixture.project.string(), storage::ProjectStore::OpenMode::ReadOnly);
    storage::SaliencyStore store(*project);
    const auto reviewB = store.latestReview(first);
    REQUIRE(reviewB);
    CHECK(reviewB->verdict == annotation::SaliencyVerdict::OutsideBody);
    CHECK(reviewB->note == "hot spot in the corner");
    CHECK_FALSE(reviewB->reviewer.name.empty());
    const auto reviewA = store.latestReview(second);
    REQUIRE(reviewA);
    CHECK(reviewA->verdict == annotation::SaliencyVerdict::Plausible);
    CHECK(reviewA->note.empty());
    CHECK(store.reviews(second).size() == 1);

    // Ctrl+Z undoes the last saved verdict like any other edit (Edit > Undo names it); the project forgets it
    // at once and the list shows the map unreviewed; redo saves it again.
    QAction* undo = window.annotations()->undoAction();
    CHECK(undo->text() == "&Undo Verdict Plausible (netA / nodule, ACC-A)");
    undo->trigger();
    CHECK(store.reviews(second).empty());
    CHECK(table.item(table.rowOfMap(second), SaliencyReviewTable::VerdictColumn)->text().isEmpty());
    CHECK(undo->text() == "&Undo Verdict Outside the body (netA / nodule, ACC-B)");
    window.annotations()->redoAction()->trigger();
    CHECK(store.latestReview(second)->verdict == annotation::SaliencyVerdict::Plausible);
    CHECK(table.item(table.rowOfMap(second), SaliencyReviewTable::VerdictColumn)->text() == "Plausible");
}

TEST_CASE("two maps of one series: M switches, Compare shows the other side by side", "[gui][saliency]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-gui-saliency-compare");
    const auto written
        = storage::writeSyntheticSeries(radmark::testing::saliencyTestSeriesSpec(6), (folder / "dicom").string());
    std::ofstream manifest(folder / "manifest.csv");
    manifest << "series_uid,map_path,model,target,score,method\n";
    for (int n = 0; n < 2; ++n) {
        annotation::ImageVolume map(radmark::testing::saliencyTestSeriesGrid(6), annotation::VoxelType::Float32);
        static_cast<float*>(map.data())[(3 * 64 + 10 + 30 * n) * 64 + 10 + 30 * n] = 1.0f;
        const std::string file = (folder / ("map" + std::to_string(n) + ".mha")).string();
        storage::writeSaliencyMetaImage(map, file);
        manifest << written.seriesInstanceUid << "," << file << ",net" << n << ",nodule,0.5,\n";
    }
    manifest.close();
    const fs::path project = folder / "compare.radmark";
    radmark::testing::importSeriesWithSaliencyMaps(project, folder / "dicom", folder / "manifest.csv");

    MainWindow window;
    radmark::testing::showActive(window);
    REQUIRE(window.openProject(QString::fromStdString(project.string())));
    SaliencyReviewPanel& panel = *window.saliencyPanel();
    QSignalSpy shown(&panel, &SaliencyReviewPanel::mapShown);
    window.openSeries(QString::fromStdString(written.seriesInstanceUid)); // from the browser: its first map shows
    REQUIRE(shown.wait(60000));
    const auto& overlay = window.sliceView()->sliceRenderer().saliencyOverlay();
    CHECK(overlay.valueAt(10, 10, 3) == 1.0);
    CHECK(window.sliceView()->sliceIndex() == 3); // the view goes to the map's peak

    shown.clear();
    QTest::keyClick(window.sliceView(), Qt::Key_M);
    if (shown.isEmpty()) {
        REQUIRE(shown.wait(60000));
    }
    CHECK(overlay.valueAt(40, 40, 3) == 1.0);
    CHECK(overlay.valueAt(10, 10, 3) == 0.0);

    auto* compare = panel.findChild<QCheckBox*>("saliencyCompare");
    REQUIRE(compare != nullptr);
    compare->setChecked(true);
    REQUIRE(panel.compareView() != nullptr);
    CHECK(panel.compareView()->isVisible());
    CHECK(panel.compareView()->sliceRenderer().saliencyOverlay().valueAt(10, 10, 3) == 1.0); // the other map
    window.sliceView()->setSliceIndex(2);
    CHECK(panel.compareView()->sliceIndex() == 2); // follows the main view
}
