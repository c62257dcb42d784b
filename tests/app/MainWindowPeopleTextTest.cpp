// What the window says to people: undo texts name the edit and the slice (not a mark id), tooltips give
// the labeller's reason without byte offsets, counts agree with their nouns, and a label whose "sentence"
// is the whole report (a report without full stops) selects its phrase, not the whole report.
#include "MainWindowTestInput.h"
#include "RadmarkProcess.h"
#include "TestPaths.h"
#include "gui/AnnotationSession.h"
#include "gui/ImportController.h"
#include "gui/LabelPanel.h"
#include "gui/LabelReviewSession.h"
#include "gui/LabellingWorkflow.h"
#include "gui/MainWindow.h"
#include "gui/MarksPanel.h"
#include "gui/PeopleText.h"
#include "gui/ReportPanel.h"
#include "gui/saliency/SaliencyReviewPanel.h"
#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTextCursor>
#include <QTextDocument>
#include <QTreeView>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
namespace annotation = radmark::annotation;
namespace storage = radmark::storage;
using radmark::app::LabelPanel;
using radmark::app::MainWindow;
using radmark::testing::openSeries;

namespace {

void showProject(MainWindow& window, const fs::path& project)
{
    window.setInteractiveDialogs(false);
    window.resize(1400, 1000);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.openProject(QString::fromStdString(project.string())));
}

} // namespace

TEST_CASE("counts agree with their nouns, explanations lose their byte offsets", "[gui][text]")
{
    using radmark::app::countText;
    using radmark::app::readableExplanation;
    CHECK(countText(1, "mark was", "marks were") == "1 mark was");
    CHECK(countText(0, "mark was", "marks were") == "0 marks were");
    CHECK(countText(2, "study", "studies") == "2 studies");
    CHECK(readableExplanation(std::string("negative: \"appendicitis\", cue \"No evidence of\", impression sentence at "
                                          "758-786"))
        == "negative: \"appendicitis\", cue \"No evidence of\", in the impression");
    CHECK(readableExplanation(std::string("default (yes: the report does not say)"))
        == "default (yes: the report does not say)");
}

TEST_CASE("undo texts, tooltips and counts in the main window on the demo project", "[gui][text]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-gui-text");
    const fs::path project = folder / "demo.radmark";
    REQUIRE(radmark::testing::runRadmark({ "demo", project.string() }).exitCode == 0);
    MainWindow window;
    showProject(window, project);
    // Before a series is open the empty view says how to open one (the project is already open).
    const auto* placeholder = window.findChild<QLabel*>("viewerPlaceholder");
    REQUIRE(placeholder != nullptr);
    CHECK(
        placeholder->text() == "Double-click a series in the Studies panel (or select it and press Enter) to open it.");
    std::string uid;
    for (const auto& series : window.project()->series()) {
        if (series.description == "Axial 5mm") {
            uid = series.seriesUid;
        }
    }
    openSeries(window, uid);

    // One mark: "1 mark in this study"; the undo text names the edit.
    annotation::AnnotationDocument& document = window.annotations()->document();
    const annotation::SliceContext context = window.sliceView()->sliceContext();
    annotation::LesionMark mark;
    mark.slice = context.reference;
    mark.plane = context.plane;
    mark.shape = annotation::LineMark { { { 10.0, 10.0 }, { 40.0, 10.0 } } };
    REQUIRE(document.addMark(mark).applied);
    const auto* summary = window.marksPanel()->findChildren<QLabel*>().value(0);
    REQUIRE(summary != nullptr);
    CHECK(summary->text() == "1 mark in this study");
    CHECK(window.annotations()->undoAction()->text()
        == QString("&Undo Add line on slice %1").arg(context.reference.sliceIndex + 1));

    // Saliency: "2 maps, 0 reviewed".
    CHECK(window.saliencyPanel()->findChildren<QLabel*>().value(0)->text() == "2 maps, 0 reviewed");

    // Tooltips: the labeller's reason, where in the report, no character offsets.
    LabelPanel& labels = *window.labelling()->labelPanel();
    radmark::app::ReportPanel& report = *window.labelling()->reportPanel();
    const QString proposedTip = labels.table()->item(0, LabelPanel::ProposedColumn)->toolTip(); // Appendicitis
    CHECK(proposedTip == "negative: \"appendicitis\", cue \"No evidence of\", in the impression");
    const auto [begin, end] = report.mentionRange(0);
    REQUIRE(begin > 0);
    QTextCursor inside(report.textView()->document());
    inside.setPosition(begin + 1);
    CHECK(inside.charFormat().toolTip()
        == "Appendicitis: negative: \"appendicitis\", cue \"No evidence of\", in the impression");
}

TEST_CASE(
    "a yes/no label in a report without full stops selects its phrase, not the whole report", "[gui][text][report]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-gui-one-sentence");
    storage::SyntheticSeriesSpec spec;
    spec.columns = 32;
    spec.rows = 32;
    spec.slices = 2;
    spec.accessionNumber = "ACC1";
    const auto written = storage::writeSyntheticSeries(spec, (folder / "dicom").string());
    std::ofstream(folder / "ACC1.txt") << "CT abdomen unremarkable apart from small ascites follow-up advised\n";
    std::ofstream(folder / "schema.json")
        << R"({"format": "radmark-label-schema", "version": 1, "name": "one", "title": "One",
  "labels": [
    {"name": "Ascites", "kind": "finding", "synonyms": ["ascites"], "shortcut": "a"},
    {"name": "Follow-up", "kind": "yesno", "synonyms": ["follow-up"], "default": "no", "shortcut": "u"}]})";
    const fs::path project = folder / "one.radmark";
    REQUIRE(radmark::testing::runRadmark(
                { "import", project.string(), (folder / "dicom").string(), (folder / "ACC1.txt").string(), "--quiet" })
                .exitCode
        == 0);
    REQUIRE(radmark::testing::runRadmark(
                { "label-reports", project.string(), "--schema", (folder / "schema.json").string() })
                .exitCode
        == 0);
    MainWindow window;
    showProject(window, project);
    openSeries(window, written.seriesInstanceUid);
    LabelPanel& labels = *window.labelling()->labelPanel();
    radmark::app::ReportPanel& report = *window.labelling()->reportPanel();
    QTableWidget* table = labels.table();
    for (int row : { 1, 0 }) {
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
            table->visualItemRect(table->item(row, LabelPanel::NameColumn)).center());
        CHECK(report.textView()->textCursor().selectedText() == (row == 1 ? "follow-up" : "ascites"));
    }
}

TEST_CASE("importing one file says \"1 file\", in the status bar, the cancel message and the series tooltip",
    "[gui][text][import]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-gui-text-import");
    const fs::path project = folder / "demo.radmark";
    REQUIRE(radmark::testing::runRadmark({ "demo", project.string() }).exitCode == 0);
    storage::SyntheticSeriesSpec spec;
    spec.patientId = "ONE-FILE";
    spec.seriesDescription = "Single slice";
    spec.columns = 32;
    spec.rows = 32;
    spec.slices = 1;
    const fs::path source = folder / "one";
    storage::writeSyntheticSeries(spec, source.string());

    MainWindow window;
    showProject(window, project);
    QSignalSpy finished(&window, &MainWindow::importFinished);
    REQUIRE(window.importPaths({ QString::fromStdString(source.string()) }));
    REQUIRE(finished.wait(60000));
    const QString message = window.statusBar()->currentMessage();
    CHECK(message.startsWith("1 file read in "));
    CHECK(message.contains(": 1 new or changed, 0 unchanged, 0 skipped."));

    auto* tree = window.findChild<QTreeView*>("studyTree");
    REQUIRE(tree != nullptr);
    const QModelIndexList found = tree->model()->match(
        tree->model()->index(0, 0), Qt::DisplayRole, "Single slice", 1, Qt::MatchRecursive | Qt::MatchStartsWith);
    REQUIRE(found.size() == 1);
    const QString tooltip = found.front().data(Qt::ToolTipRole).toString();
    CHECK(tooltip.startsWith("Single slice · CT · 2026-01-01\nSeries UID "));
    CHECK(tooltip.endsWith("32 × 32, 1 file, 1 image"));

    storage::ImportSummary summary;
    summary.cancelled = true;
    summary.progress.filesImported = 1;
    summary.progress.filesProcessed = 1;
    CHECK(radmark::app::ImportController::cancelledMessage(summary).startsWith(
        "Import cancelled: 1 new or changed file was committed to the project (1 file read, 0 unchanged, 0 "
        "skipped)."));
}

TEST_CASE("a study without an accession number is named by the end of its UID in the label panel", "[gui][text]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-gui-text-uid");
    storage::SyntheticSeriesSpec spec;
    spec.accessionNumber.clear();
    spec.studyInstanceUid = "1.2.826.0.1.3680043.9.4245.176071706449108652832586978815691566";
    spec.columns = 16;
    spec.rows = 16;
    spec.slices = 2;
    const auto written = storage::writeSyntheticSeries(spec, (folder / "in").string());
    const fs::path project = folder / "uid.radmark";
    REQUIRE(radmark::testing::runRadmark({ "import", project.string(), (folder / "in").string(), "--quiet" }).exitCode
        == 0);
    MainWindow window;
    showProject(window, project);
    openSeries(window, written.seriesInstanceUid);
    const QLabel* heading = window.labelling()->labelPanel()->studyLabel();
    CHECK(heading->text().startsWith(QString::fromUtf8("<b>Study …978815691566</b> — ")));
    CHECK(heading->toolTip() == "Study Instance UID " + QString::fromStdString(spec.studyInstanceUid));
}
