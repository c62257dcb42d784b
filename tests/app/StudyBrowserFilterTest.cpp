// The study browser in the real main window: patient rows and the filter at every level.
#include "TestPaths.h"
#include "gui/MainWindow.h"
#include "gui/StudyBrowserPanel.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <QAbstractItemModel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <filesystem>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
using radmark::app::MainWindow;

namespace {

storage::WrittenSeries writeSeries(const std::string& folder, const std::string& patientId, const std::string& name,
    const std::string& sex, const std::string& studyDescription, const std::string& accession,
    const std::string& seriesDescription, const std::string& modality)
{
    storage::SyntheticSeriesSpec spec;
    spec.patientId = patientId;
    spec.patientName = name;
    spec.patientSex = sex;
    spec.studyDescription = studyDescription;
    spec.accessionNumber = accession;
    spec.seriesDescription = seriesDescription;
    spec.modality = modality;
    spec.columns = 16;
    spec.rows = 16;
    spec.slices = 3;
    return storage::writeSyntheticSeries(spec, folder);
}

QString cell(const QAbstractItemModel* model, const QModelIndex& parent, int row, int column)
{
    return model->index(row, column, parent).data().toString();
}

} // namespace

TEST_CASE("Browser: patient rows show who the patient is, a filter on a patient or study leads to openable series",
    "[gui][browser]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-browser");
    const auto alpha
        = writeSeries((folder / "in/a").string(), "PAT-A", "Alpha^Anna", "F", "CT CHEST", "ACC-A", "Axial lung", "CT");
    const auto beta
        = writeSeries((folder / "in/b").string(), "PAT-B", "Beta^Bert", "M", "MR BRAIN", "ACC-B", "T1 axial", "MR");
    const auto nameless
        = writeSeries((folder / "in/c").string(), "PAT-C", "", "", "CT ABDOMEN", "", "Portal venous", "CT");

    MainWindow window;
    window.setInteractiveDialogs(false);
    window.resize(1280, 720);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.openProject(QString::fromStdString((folder / "browser.radmark").string()), true));
    QSignalSpy imported(&window, &MainWindow::importFinished);
    REQUIRE(window.importPaths({ QString::fromStdString((folder / "in").string()) }));
    REQUIRE(imported.wait(60000));
    REQUIRE(window.browser()->seriesCount() == 3);

    QTreeView* tree = window.browser()->treeView();
    const QAbstractItemModel* model = tree->model();
    REQUIRE(model->rowCount() == 3);
    const auto patientRow = [&](const QString& labelStart) {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (cell(model, {}, row, 0).startsWith(labelStart)) {
                return row;
            }
        }
        return -1;
    };

    SECTION("patient rows: name, ID and sex in the label, nothing under Mod. and Date")
    {
        const int a = patientRow("Alpha");
        const int c = patientRow("PAT-C");
        REQUIRE(a >= 0);
        REQUIRE(c >= 0);
        CHECK(cell(model, {}, a, 0) == QString::fromUtf8("Alpha Anna  (PAT-A)  · F"));
        CHECK(cell(model, {}, a, 1).isEmpty());
        CHECK(cell(model, {}, a, 2).isEmpty());
        CHECK(cell(model, {}, c, 0) == "PAT-C  (no name)");
        CHECK(cell(model, {}, c, 1).isEmpty());
        CHECK(model->index(a, 0).data(Qt::ToolTipRole).toString().contains("Patient ID: PAT-A"));
        // The study row's Mod. lists its series' modalities; its Date is the study date.
        const QModelIndex alphaPatient = model->index(a, 0);
        CHECK(cell(model, alphaPatient, 0, 1) == "CT");
        CHECK(cell(model, alphaPatient, 0, 2) == "2026-01-01");
    }

    SECTION("a patient name match shows the patient's study and series, and the series opens with Enter")
    {
        window.browser()->setFilterText("alpha");
        REQUIRE(model->rowCount() == 1);
        const QModelIndex patient = model->index(0, 0);
        REQUIRE(model->rowCount(patient) == 1);
        const QModelIndex study = model->index(0, 0, patient);
        CHECK(study.data().toString() == "CT CHEST  [ACC-A]");
        REQUIRE(model->rowCount(study) == 1);
        const QModelIndex series = model->index(0, 0, study);
        CHECK(series.data().toString() == "Axial lung");

        QSignalSpy opened(&window, &MainWindow::seriesOpened);
        tree->setFocus();
        tree->setCurrentIndex(series);
        QTest::keyClick(tree, Qt::Key_Return);
        REQUIRE(opened.wait(60000));
        CHECK(window.openSeriesUid() == QString::fromStdString(alpha.seriesInstanceUid));
    }

    SECTION("in the filter box Enter opens the first series shown, Down goes into the tree, Escape clears it")
    {
        auto* filter = window.browser()->findChild<QLineEdit*>("browserFilter");
        REQUIRE(filter != nullptr);
        filter->setFocus();
        QTest::keyClicks(filter, "mr brain");
        REQUIRE(model->rowCount() == 1);
        QSignalSpy opened(&window, &MainWindow::seriesOpened);
        QTest::keyClick(filter, Qt::Key_Return);
        REQUIRE(opened.wait(60000));
        CHECK(window.openSeriesUid() == QString::fromStdString(beta.seriesInstanceUid));
        CHECK(filter->text() == "mr brain");

        filter->setFocus();
        QTest::keyClick(filter, Qt::Key_Down);
        CHECK(window.focusWidget() == tree);
        CHECK(tree->currentIndex().data().toString() == "T1 axial");

        filter->setFocus();
        QTest::keyClick(filter, Qt::Key_Escape);
        CHECK(filter->text().isEmpty());
        CHECK(model->rowCount() == 3);
    }

    SECTION("a patient ID, study description or accession match shows the studies and series below it")
    {
        for (const char* filter : { "PAT-B", "mr brain", "ACC-B" }) {
            INFO("filter " << filter);
            window.browser()->setFilterText(filter);
            REQUIRE(model->rowCount() == 1);
            const QModelIndex patient = model->index(0, 0);
            CHECK(patient.data().toString().startsWith("Beta Bert"));
            REQUIRE(model->rowCount(patient) == 1);
            const QModelIndex study = model->index(0, 0, patient);
            REQUIRE(model->rowCount(study) == 1);
            CHECK(model->index(0, 0, study).data().toString() == "T1 axial");
            CHECK(model->index(0, 1, study).data().toString() == "MR");
        }
        // A series match still shows just that series' path.
        window.browser()->setFilterText("portal");
        REQUIRE(model->rowCount() == 1);
        const QModelIndex study = model->index(0, 0, model->index(0, 0));
        REQUIRE(model->rowCount(study) == 1);
        CHECK(model->index(0, 0, study).data().toString() == "Portal venous");
        (void)beta;
        (void)nameless;
    }
}
