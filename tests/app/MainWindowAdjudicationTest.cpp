// Adjudication in the real main window by key presses: two readers' answers entered through the command line
// (labels and marks with their author), the studies assigned to both; Team ▸ Adjudicate Disagreements (Ctrl+Shift+D)
// gives the queue the keys; 1 takes reader 1's answer, N says "no lesion", Enter goes to the next disputed item,
// E cycles the reviewer's own label answer, Ctrl+Z undoes it. Every answer is recorded with the role reviewer, and
// `radmark export --disputed exclude` then writes the adjudicated answers (rows compared through the pseudonym map).
#include "CsvFields.h"
#include "LabelledStudiesProject.h"
#include "MainWindowTestInput.h"
#include "RadmarkProcess.h"
#include "TeamAssignmentFixture.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "gui/AnnotationSession.h"
#include "gui/MainWindow.h"
#include "gui/team/AdjudicationPanel.h"
#include "gui/team/AgreementPanel.h"
#include "gui/team/TeamReviewWorkflow.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QTest>
#include <QTextBrowser>

#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
namespace annotation = radmark::annotation;
using radmark::app::AdjudicationPanel;
using radmark::app::MainWindow;
using radmark::testing::csvFields;
using radmark::testing::readTextFile;
using radmark::testing::runRadmark;

namespace {

template <typename Condition> bool waitUntil(Condition condition, int timeoutMs = 60000)
{
    for (int waited = 0; waited < timeoutMs; waited += 20) {
        if (condition()) {
            return true;
        }
        QTest::qWait(20);
    }
    return condition();
}

void run(const std::vector<std::string>& arguments)
{
    const auto result = runRadmark(arguments);
    INFO(result.standardError);
    REQUIRE(result.exitCode == 0);
}

// A key as a user types it: to the widget with the keyboard focus (which must be the queue), shortcuts first.
void press(AdjudicationPanel& panel, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* focus = QApplication::focusWidget();
    REQUIRE(focus == panel.queueTable());
    QTest::keyClick(focus, key, modifiers);
}

QString compareCell(AdjudicationPanel& panel, int row, int column)
{
    const QTableWidgetItem* item = panel.compareTable()->item(row, column);
    return item != nullptr ? item->text() : QString();
}

} // namespace

TEST_CASE("Adjudication in the main window: queue, readers side by side, answers by keys, export uses them",
    "[gui][team][adjudication]")
{
    const auto fixture = radmark::testing::makeLabelledStudiesProject("radmark-gui-adjudication", "team.radmark",
        "IMPRESSION: No effusion.\n", radmark::testing::threeLabelSchemaJson("gui-team", "GUI team"));
    const std::string project = fixture.project.string();
    {
        auto store = storage::ProjectStore::open(project, storage::ProjectStore::OpenMode::ReadWrite);
        storage::ReportStore reports(*store);
        radmark::testing::assignStudies(
            *store, { *reports.findStudy("ACC1"), *reports.findStudy("ACC2") }, { "alice", "bob" }, true);
    }
    // ACC1: Effusion alice positive, bob negative; Pneumothorax both negative; bob alone marks a box on slice 2.
    // ACC2: Effusion both negative; alice alone marks a RECIST on slice 3.
    run({ "labels", project, "--study", "ACC1", "--set", "Effusion=1", "--set", "Pneumothorax=0", "--author",
        "alice" });
    run({ "labels", project, "--study", "ACC1", "--set", "Effusion=0", "--set", "Pneumothorax=0", "--author", "bob" });
    run({ "labels", project, "--study", "ACC2", "--set", "Effusion=0", "--author", "alice" });
    run({ "labels", project, "--study", "ACC2", "--set", "Effusion=0", "--author", "bob" });
    run({ "annotate", project, "--series", fixture.series[0].seriesInstanceUid, "--slice", "2", "--box", "10,10,30,30",
        "--author", "bob" });
    run({ "annotate", project, "--series", fixture.series[1].seriesInstanceUid, "--slice", "3", "--recist",
        "20,30,44,30,32,24,32,36", "--author", "alice" });

    MainWindow window;
    radmark::testing::showWithProject(window, fixture.project, "Dr Rev");
    radmark::app::TeamReviewWorkflow& team = *window.teamReview();
    AdjudicationPanel& panel = *team.adjudicationPanel();
    CHECK_FALSE(team.dock()->isVisible());
    CHECK(team.adjudicateAction()->isEnabled());
    CHECK(team.session()->disputedCount() == 3);

    // Ctrl+Shift+D: the queue is shown with the first disputed item selected and has the keys.
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
    QWidget* focus = QApplication::focusWidget();
    QTest::keyClick(focus != nullptr ? focus : &window, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    REQUIRE(team.dock()->isVisible());
    REQUIRE(waitUntil([&] { return window.focusWidget() == panel.queueTable(); }));
    CHECK(panel.queueTable()->rowCount() == 3);
    CHECK(panel.queueTable()->item(0, AdjudicationPanel::StudyColumn)->text() == "ACC1");
    CHECK(panel.queueTable()->item(0, AdjudicationPanel::ItemColumn)->text() == "label Effusion");
    CHECK(panel.queueTable()->item(0, AdjudicationPanel::ReasonColumn)->text() == "alice: positive · bob: negative");
    // Both readers side by side, then the reviewer.
    CHECK(compareCell(panel, 0, 1) == "alice");
    CHECK(compareCell(panel, 0, 2) == "positive");
    CHECK(compareCell(panel, 1, 1) == "bob");
    CHECK(compareCell(panel, 1, 2) == "negative");
    CHECK(compareCell(panel, 2, 2) == "(not settled)");
    REQUIRE(waitUntil([&] { return window.openSeriesUid().toStdString() == fixture.series[0].seriesInstanceUid; }));

    // 1: alice's answer is the reviewer's.
    press(panel, Qt::Key_1);
    CHECK(compareCell(panel, 2, 2) == "positive (Dr Rev)");
    CHECK(panel.queueTable()->item(0, AdjudicationPanel::StateColumn)->text() == "settled");
    CHECK(team.session()->disputedCount() == 2);

    // Enter: bob's box on ACC1, which alice did not mark; its slice is shown, marks coloured by author.
    press(panel, Qt::Key_Return);
    CHECK(panel.queueTable()->currentRow() == 1);
    CHECK(panel.queueTable()->item(1, AdjudicationPanel::ReasonColumn)->text() == "marked by bob only");
    CHECK(compareCell(panel, 0, 2) == "no mark here");
    CHECK(compareCell(panel, 1, 2) == "box2d on slice 2");
    REQUIRE(waitUntil([&] { return window.sliceView()->sliceRenderer().sliceIndex() == 1; }));
    CHECK(window.sliceView()->sliceRenderer().drawnMarkCount() == 1);
    // N: no lesion.
    press(panel, Qt::Key_N);
    CHECK(compareCell(panel, 2, 2) == "no lesion");
    CHECK(team.session()->disputedCount() == 1);

    // Enter: alice's RECIST on ACC2 (series of ACC2 opened, slice 3 shown); 1 takes it as the reviewer's mark.
    press(panel, Qt::Key_Return);
    CHECK(panel.queueTable()->currentRow() == 2);
    REQUIRE(waitUntil([&] { return window.openSeriesUid().toStdString() == fixture.series[1].seriesInstanceUid; }));
    REQUIRE(waitUntil([&] { return window.sliceView()->sliceRenderer().sliceIndex() == 2; }));
    INFO(compareCell(panel, 0, 2).toStdString());
    CHECK(compareCell(panel, 0, 2) == "RECIST on slice 3, 19.2 x 9.6 mm"); // 24 x 12 pixels of 0.8 mm
    press(panel, Qt::Key_1);
    CHECK(team.session()->disputedCount() == 0);
    int reviewerMarks = 0;
    for (const annotation::LesionMark& mark : window.annotations()->document().marks()) {
        if (mark.author.role == annotation::AuthorRole::Reviewer) {
            ++reviewerMarks;
            CHECK(mark.author.name == "Dr Rev");
            CHECK(mark.slice.seriesUid == fixture.series[1].seriesInstanceUid);
            CHECK(mark.slice.sliceIndex == 2);
        }
    }
    CHECK(reviewerMarks == 1);
    CHECK(compareCell(panel, 2, 2).startsWith("RECIST on slice 3, 19.2 x 9.6 mm (Dr Rev)"));
    CHECK(window.sliceView()->sliceRenderer().drawnMarkCount() == 2); // alice's and the reviewer's, both named

    // Enter with nothing left in dispute says so.
    press(panel, Qt::Key_Return);
    CHECK(panel.summaryLabel()->text().contains("Nothing left in dispute"));

    // Up twice to Effusion; E: the reviewer's own answer cycles (positive -> negative); Ctrl+Z undoes it.
    press(panel, Qt::Key_Up);
    press(panel, Qt::Key_Up);
    CHECK(panel.queueTable()->currentRow() == 0);
    press(panel, Qt::Key_E);
    CHECK(compareCell(panel, 2, 2) == "negative (Dr Rev)");
    press(panel, Qt::Key_Z, Qt::ControlModifier);
    REQUIRE(waitUntil([&] { return compareCell(panel, 2, 2) == "positive (Dr Rev)"; }));

    // Every reviewer decision in the project has the role reviewer; the undone one is stamped, not deleted.
    {
        auto store = storage::ProjectStore::open(project, storage::ProjectStore::OpenMode::ReadOnly);
        storage::ReportStore reports(*store);
        int reviewerDecisions = 0;
        for (const auto& record : reports.decisionHistory(*reports.findStudy("ACC1"))) {
            if (record.decision.authorName == "Dr Rev") {
                ++reviewerDecisions;
                CHECK(record.decision.authorRole == "reviewer");
            }
        }
        CHECK(reviewerDecisions == 2);
    }

    // The Agreement tab shows the figures of `radmark team agreement`.
    team.agreementAction()->trigger();
    REQUIRE(waitUntil(
        [&] { return !team.agreementPanel()->isComputing() && !team.agreementPanel()->markdown().isEmpty(); }));
    CHECK(team.agreementPanel()->markdown().contains("| Effusion | 2 | 2 | Cohen"));

    // The export (another process, read-only beside the window) writes the adjudicated answers.
    const fs::path out = fixture.folder / "dataset";
    const fs::path mapping = fixture.folder / "mapping.csv";
    run({ "export", project, "--format", "labels,coco", "--out", out.string(), "--disputed", "exclude", "--mapping",
        mapping.string(), "--salt", "s" });
    std::map<std::string, std::string> accessionOfStudyPseudonym;
    std::map<std::string, std::string> uidToAccession { { fixture.series[0].studyInstanceUid, "ACC1" },
        { fixture.series[1].studyInstanceUid, "ACC2" }, { fixture.series[2].studyInstanceUid, "ACC3" } };
    for (const auto& row : csvFields(readTextFile(mapping.string()))) {
        if (row.size() == 3 && uidToAccession.count(row[1]) != 0) {
            accessionOfStudyPseudonym[row[2]] = uidToAccession[row[1]];
        }
    }
    const auto rows = csvFields(readTextFile((out / "labels" / "labels.csv").string()));
    REQUIRE(rows.size() == 4);
    CHECK(rows[0]
        == std::vector<std::string> {
            "patient", "study", "split", "Effusion", "Follow-up", "Pneumothorax", "source", "author", "disputed" });
    std::map<std::string, std::vector<std::string>> byAccession;
    for (std::size_t index = 1; index < rows.size(); ++index) {
        byAccession[accessionOfStudyPseudonym[rows[index][1]]]
            = std::vector<std::string>(rows[index].begin() + 3, rows[index].end());
    }
    // ACC1: the reviewer's Effusion, the readers' agreed Pneumothorax (alice: the first reader), the labeller's
    // Follow-up.
    CHECK(byAccession["ACC1"] == std::vector<std::string> { "1", "1", "0", "auto+human", "Dr Rev;alice", "" });
    // ACC2: the agreed Effusion, the labeller's Follow-up (default no), Pneumothorax not mentioned.
    CHECK(byAccession["ACC2"] == std::vector<std::string> { "0", "0", "", "auto+human", "alice", "" });
    CHECK(byAccession["ACC3"][3] == ""); // read by nobody: no label
    // One lesion in the dataset: the reviewer's copy of alice's RECIST (bob's box is no lesion).
    std::stringstream all;
    for (const char* split : { "train", "validation", "test" }) {
        std::ifstream file(out / "coco" / "annotations" / (std::string("instances_") + split + ".json"));
        all << file.rdbuf();
    }
    std::size_t annotations = 0;
    for (std::size_t at = all.str().find("\"bbox\""); at != std::string::npos;
         at = all.str().find("\"bbox\"", at + 1)) {
        ++annotations;
    }
    CHECK(annotations == 1);
    const std::string card = radmark::testing::readTextFile((out / "dataset_card.md").string());
    CHECK(card.find("## Reader agreement") != std::string::npos);
    CHECK(card.find("Studies still in dispute: 0") != std::string::npos);
}
