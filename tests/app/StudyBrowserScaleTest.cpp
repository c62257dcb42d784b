// The study browser as a lazy model over the project, in the real main window, by key presses: a project of 300
// patients (index rows only, no files) opens with one page of patient rows, collapsed; End in the tree fetches the
// rest page by page; typing in the filter box narrows the rows to exactly the matching patients and expands them;
// Down and Enter reach the first matching series; opening a series far down the list selects it in the tree.
#include "StudyRecordFixture.h"
#include "TestPaths.h"
#include "gui/MainWindow.h"
#include "gui/StudyBrowserModel.h"
#include "gui/StudyBrowserPanel.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
using radmark::app::MainWindow;
using radmark::app::StudyBrowserModel;

namespace {

constexpr int patientCount = 300;

std::string patientId(int patient)
{
    char id[16];
    std::snprintf(id, sizeof(id), "P%04d", patient);
    return id;
}

// Patient i: one study with accession ACC<i> and two series ("Abdomen 5mm", "Portal venous"); every 50th patient
// is named Garcia^Maria, patient 123 Quintanilla^Ximena, the others Smith^<i>.
fs::path makeProject()
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-browser-scale");
    const fs::path path = folder / "scale.radmark";
    auto project = storage::ProjectStore::open(path.string(), storage::ProjectStore::OpenMode::CreateIfMissing);
    std::vector<storage::InstanceRecord> batch;
    for (int patient = 0; patient < patientCount; ++patient) {
        for (int series = 1; series <= 2; ++series) {
            const std::string studyUid = "1.2.826.0.1.3680043.9.7.8." + std::to_string(patient);
            storage::InstanceRecord record = radmark::testing::studyRecord(
                "/nonexistent/" + std::to_string(patient) + "/" + std::to_string(series) + ".dcm", studyUid,
                "ACC" + std::to_string(patient));
            record.patientId = patientId(patient);
            record.patientName = patient == 123 ? "Quintanilla^Ximena"
                : patient % 50 == 0             ? "Garcia^Maria"
                                                : "Smith^" + std::to_string(patient);
            record.studyDescription = "CT ABDOMEN";
            record.seriesInstanceUid = studyUid + "." + std::to_string(series);
            record.sopInstanceUid = record.seriesInstanceUid + ".1";
            record.seriesNumber = series;
            record.seriesDescription = series == 1 ? "Abdomen 5mm" : "Portal venous";
            batch.push_back(record);
        }
    }
    project->writeImportBatch(batch, {}, true);
    return path;
}

} // namespace

TEST_CASE("Browser at scale: lazy rows, End fetches more, the filter by keys, a far series selected", "[gui][browser]")
{
    const fs::path project = makeProject();
    MainWindow window;
    window.setInteractiveDialogs(false);
    window.resize(1280, 720);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.openProject(QString::fromStdString(project.string())));
    QTreeView* tree = window.browser()->treeView();
    auto* model = qobject_cast<StudyBrowserModel*>(tree->model());
    REQUIRE(model != nullptr);
    auto* filter = window.browser()->findChild<QLineEdit*>("browserFilter");
    REQUIRE(filter != nullptr);

    // One page of patients, collapsed (more than StudyBrowserPanel::expandAllUpTo); rows read only as shown.
    CHECK(window.browser()->seriesCount() == 2 * patientCount);
    CHECK(filter->placeholderText() == "Filter 300 patients, their studies, series…");
    CHECK(model->shownPatientCount() == patientCount);
    CHECK(model->rowCount() == StudyBrowserModel::patientsPerFetch);
    CHECK(model->canFetchMore({}));
    CHECK(model->index(0, 0).data().toString().startsWith("Garcia Maria  (P0000)"));
    CHECK(model->patientRowsRead() <= 2 * 64);
    const QModelIndex first = model->index(0, 0);
    CHECK_FALSE(tree->isExpanded(first));
    CHECK(model->rowCount(first) == 0);
    CHECK(model->hasChildren(first));
    CHECK(model->canFetchMore(first));

    // Expanding a patient (Right arrow) reads its study; the study's series come on its own expansion.
    tree->setFocus();
    tree->setCurrentIndex(first);
    QTest::keyClick(tree, Qt::Key_Right);
    REQUIRE(model->rowCount(first) == 1);
    const QModelIndex study = model->index(0, 0, first);
    CHECK(study.data().toString() == "CT ABDOMEN  [ACC0]");
    CHECK(model->index(0, 3, first).data().toString() == "2 series");
    QTest::keyClick(tree, Qt::Key_Down);
    QTest::keyClick(tree, Qt::Key_Right);
    REQUIRE(model->rowCount(study) == 2);
    CHECK(model->index(1, 0, study).data().toString() == "Portal venous");

    // End scrolls to the last row: the view fetches the following pages as they come into view.
    for (int press = 0; press < 5 && model->rowCount() < patientCount; ++press) {
        QTest::keyClick(tree, Qt::Key_End);
        QApplication::processEvents();
    }
    CHECK(model->rowCount() == patientCount);
    CHECK_FALSE(model->canFetchMore({}));
    CHECK(model->index(patientCount - 1, 0).data().toString().startsWith("Smith 299  (P0299)"));

    SECTION("typing a name narrows to exactly its patients, expanded; Down and Enter reach the first series")
    {
        filter->setFocus();
        QTest::keyClicks(filter, "garcia");
        REQUIRE(model->rowCount() == patientCount / 50);
        for (int row = 0; row < model->rowCount(); ++row) {
            INFO("row " << row);
            CHECK(model->index(row, 0).data().toString().startsWith(
                "Garcia Maria  (" + QString::fromStdString(patientId(row * 50))));
            CHECK(tree->isExpanded(model->index(row, 0)));
        }
        const QModelIndex garciaStudy = model->index(0, 0, model->index(0, 0));
        CHECK(model->rowCount(garciaStudy) == 2);
        QTest::keyClick(filter, Qt::Key_Down);
        CHECK(window.focusWidget() == tree);
        CHECK(tree->currentIndex().data().toString() == "Abdomen 5mm");

        QSignalSpy activated(window.browser(), &radmark::app::StudyBrowserPanel::seriesActivated);
        filter->setFocus();
        filter->selectAll();
        QTest::keyClicks(filter, "acc123"); // ACC123 only (no ACC1230: 300 patients)
        REQUIRE(model->rowCount() == 1);
        CHECK(model->index(0, 0).data().toString().startsWith("Quintanilla Ximena"));
        QTest::keyClick(filter, Qt::Key_Return);
        REQUIRE(activated.count() == 1);
        CHECK(activated.at(0).at(0).toString() == "1.2.826.0.1.3680043.9.7.8.123.1");

        // A series match shows only that series; Escape brings every patient back (one page, collapsed).
        filter->selectAll();
        QTest::keyClicks(filter, "portal");
        // Every patient matches: the first 256 at once, the count on the event loop.
        CHECK(model->shownPatientCount() == StudyBrowserModel::firstFilterPatients);
        for (int turn = 0; turn < 1000 && !model->isMatchCountComplete(); ++turn) {
            QApplication::processEvents();
        }
        CHECK(model->shownPatientCount() == patientCount);
        CHECK(model->rowCount() >= StudyBrowserModel::patientsPerFetch); // the view may have fetched a page more
        CHECK(model->index(model->rowCount() - 1, 0)
                  .data()
                  .toString()
                  .contains(QString::fromStdString("(" + patientId(model->rowCount() - 1) + ")")));
        QTest::keyClick(filter, Qt::Key_Escape);
        CHECK(filter->text().isEmpty());
        CHECK(model->rowCount() == StudyBrowserModel::patientsPerFetch);
        CHECK(model->shownPatientCount() == patientCount);
    }

    SECTION("a series of a patient not fetched yet is selected and scrolled to when it is opened")
    {
        window.browser()->showProject(window.project());
        REQUIRE(model->rowCount() == StudyBrowserModel::patientsPerFetch);
        window.browser()->setCurrentSeries("1.2.826.0.1.3680043.9.7.8.250.2");
        CHECK(model->rowCount() >= 251);
        CHECK(tree->currentIndex().data(StudyBrowserModel::seriesUidRole).toString()
            == "1.2.826.0.1.3680043.9.7.8.250.2");
        CHECK(tree->currentIndex().parent().parent().data().toString().startsWith("Garcia Maria  (P0250)"));
        CHECK(tree->visualRect(tree->currentIndex()).isValid());
    }
}
