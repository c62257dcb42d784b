// A broad filter typed into the study browser of the real main window: its first patients show at once (exactly
// the first matching patients in display order), the count under the filter box says "256+ of 600 patients, counting…"
// and then the exact count once the event loop has run; typing does not queue a count per key; scrolling to the end
// while counting shows every matching patient in order; a narrow filter (names) is complete and expanded at once.
#include "StudyRecordFixture.h"
#include "TestPaths.h"
#include "gui/MainWindow.h"
#include "gui/StudyBrowserModel.h"
#include "gui/StudyBrowserPanel.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QTest>
#include <QTreeView>

#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
using radmark::app::MainWindow;
using radmark::app::StudyBrowserModel;

namespace {

constexpr int patientCount = 600;

QString patientId(int patient)
{
    char id[16];
    std::snprintf(id, sizeof(id), "P%04d", patient);
    return id;
}

// Patient i, imported in the order 0, 241, 482, ... (the index's rowids do not follow the display order): one study
// (accession ACC<i>) of two series, "Abdomen 5mm" and "Portal venous"; Garcia^Maria every 10th, Smith^<i> otherwise.
fs::path makeProject()
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-browser-broad");
    const fs::path path = folder / "broad.radmark";
    auto project = storage::ProjectStore::open(path.string(), storage::ProjectStore::OpenMode::CreateIfMissing);
    std::vector<storage::InstanceRecord> batch;
    for (int order = 0; order < patientCount; ++order) {
        const int patient = (order * 241) % patientCount;
        for (int series = 1; series <= 2; ++series) {
            const std::string studyUid = "1.2.826.0.1.3680043.9.7.10." + std::to_string(patient);
            storage::InstanceRecord record = radmark::testing::studyRecord(
                "/nonexistent/" + std::to_string(patient) + "/" + std::to_string(series) + ".dcm", studyUid,
                "ACC" + std::to_string(patient));
            record.patientId = patientId(patient).toStdString();
            record.patientName = patient % 10 == 0 ? "Garcia^Maria" : "Smith^" + std::to_string(patient);
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

bool countedWithin(const StudyBrowserModel& model, int milliseconds)
{
    QElapsedTimer timer;
    timer.start();
    while (!model.isMatchCountComplete() && timer.elapsed() < milliseconds) {
        QApplication::processEvents();
    }
    return model.isMatchCountComplete();
}

} // namespace

TEST_CASE("Browser: a broad filter by keys shows its first patients at once, then the exact count", "[gui][browser]")
{
    const fs::path project = makeProject();
    MainWindow window;
    window.setInteractiveDialogs(false);
    window.resize(1280, 720);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.openProject(QString::fromStdString(project.string())));
    QTreeView* tree = window.browser()->treeView();
    StudyBrowserModel* model = window.browser()->model();
    auto* filter = window.browser()->findChild<QLineEdit*>("browserFilter");
    REQUIRE(filter != nullptr);
    QLabel* count = window.browser()->matchCountLabel();
    CHECK(count->isVisible());
    CHECK(count->text() == "600 patients");
    CHECK(count->geometry().top() >= filter->geometry().bottom()); // on its own line under the filter box
    CHECK(count->geometry().bottom() <= tree->geometry().top());

    SECTION("a series description in every study: the first page at once, no count queued per key, then 600")
    {
        filter->setFocus();
        const int stepsBefore = model->matchingSteps();
        QTest::keyClicks(filter, "portal venous"); // 13 key presses, no event loop turn between them
        CHECK(model->matchingSteps() == stepsBefore); // no count step ran for "p", "po", ... "portal venou"
        CHECK_FALSE(model->isMatchCountComplete());
        CHECK(model->shownPatientCount() == StudyBrowserModel::firstFilterPatients);
        REQUIRE(model->rowCount() == StudyBrowserModel::patientsPerFetch);
        for (int row = 0; row < model->rowCount(); ++row) {
            INFO("row " << row);
            CHECK(model->index(row, 0).data().toString().contains("(" + patientId(row) + ")"));
        }
        CHECK_FALSE(tree->isExpanded(model->index(0, 0)));
        CHECK(count->text() == "256+ of 600 patients, counting…");
        // The first patient's study shows only its matching series.
        const QModelIndex first = model->index(0, 0);
        model->fetchMore(first);
        const QModelIndex study = model->index(0, 0, first);
        model->fetchMore(study);
        REQUIRE(model->rowCount(study) == 1);
        CHECK(model->index(0, 0, study).data().toString() == "Portal venous");

        REQUIRE(countedWithin(*model, 10000));
        CHECK(model->matchingSteps() > stepsBefore);
        CHECK(model->shownPatientCount() == patientCount);
        CHECK(count->text() == "600 of 600 patients");
        // The rows shown stay (the view may have fetched a page more meanwhile), in display order.
        REQUIRE(model->rowCount() >= StudyBrowserModel::patientsPerFetch);
        for (int row = 0; row < model->rowCount(); ++row) {
            INFO("row " << row);
            CHECK(model->index(row, 0).data().toString().contains("(" + patientId(row) + ")"));
        }
    }

    SECTION("scrolling down while counting fetches on in display order, every patient once")
    {
        filter->setFocus();
        QTest::keyClicks(filter, "portal");
        REQUIRE_FALSE(model->isMatchCountComplete());
        // What the view does when scrolled to the last row (before the event loop has run a count step).
        for (int page = 0; page < 10 && model->canFetchMore({}); ++page) {
            model->fetchMore({});
        }
        REQUIRE(model->rowCount() == patientCount);
        for (int row = 0; row < patientCount; ++row) {
            INFO("row " << row);
            CHECK(model->index(row, 0).data().toString().contains("(" + patientId(row) + ")"));
        }
        REQUIRE(countedWithin(*model, 10000));
        CHECK(model->rowCount() == patientCount);
        CHECK(count->text() == "600 of 600 patients");
    }

    SECTION("a name of 1 patient in 10: complete at once, exactly its patients, expanded; Escape: every patient")
    {
        filter->setFocus();
        QTest::keyClicks(filter, "garcia");
        CHECK(model->isMatchCountComplete());
        REQUIRE(model->rowCount() == patientCount / 10);
        for (int row = 0; row < model->rowCount(); ++row) {
            INFO("row " << row);
            CHECK(model->index(row, 0).data().toString().startsWith("Garcia Maria  (" + patientId(row * 10) + ")"));
            CHECK(tree->isExpanded(model->index(row, 0)));
        }
        CHECK(count->text() == "60 of 600 patients");
        filter->selectAll();
        QTest::keyClicks(filter, "acc417");
        REQUIRE(model->rowCount() == 1);
        CHECK(model->index(0, 0).data().toString().contains("(P0417)"));
        CHECK(count->text() == "1 of 600 patients");
        QTest::keyClick(filter, Qt::Key_Escape);
        CHECK(count->text() == "600 patients");
        CHECK(model->shownPatientCount() == patientCount);
    }
}
