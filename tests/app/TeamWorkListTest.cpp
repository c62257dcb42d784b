// The annotator's work list in the real main window, driven by key presses: an annotator file split from a team
// project shows its studies with the progress, Ctrl+J opens the next study to do, Enter in the label table
// confirms and the list counts it done, Enter on a row opens that study; the team project shows no work list.
#include "MainWindowTestInput.h"
#include "RadmarkProcess.h"
#include "TeamProjectFixture.h"
#include "gui/LabelPanel.h"
#include "gui/LabelReviewSession.h"
#include "gui/LabellingWorkflow.h"
#include "gui/MainWindow.h"
#include "gui/WorkListPanel.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTreeWidget>

#include <filesystem>

namespace fs = std::filesystem;
using radmark::app::MainWindow;
using radmark::app::WorkListPanel;
using radmark::testing::runRadmark;

namespace {

// A key press where the user's keyboard focus is (the window's shortcuts see it there).
void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* focus = QApplication::focusWidget();
    REQUIRE(focus != nullptr);
    QTest::keyClick(focus, static_cast<Qt::Key>(key), modifiers);
}

QString rowStatus(const WorkListPanel& panel, int row)
{
    return panel.list()->topLevelItem(row)->text(1);
}

} // namespace

TEST_CASE("An annotator works through their work list by keyboard in the main window", "[team][gui]")
{
    const auto fixture = radmark::testing::makeTeamProjectFixture("radmark-gui-worklist", 4);
    const fs::path out = fixture.folder / "annotators";
    const auto split = runRadmark({ "team", "split", fixture.project.string(), "--annotators", "alice,bob", "--seed",
        "5", "--out", out.string() });
    INFO(split.standardError);
    REQUIRE(split.exitCode == 0);
    const fs::path file = out / "alice.radmark";
    const std::vector<std::string> accessions = radmark::testing::workListAccessions(file);
    REQUIRE(accessions.size() == 2);

    MainWindow window;
    radmark::testing::showActive(window, 1500);
    REQUIRE(window.openProject(QString::fromStdString(file.string())));
    WorkListPanel& workList = *window.workList();
    auto& session = *window.labelling()->session();

    REQUIRE(workList.dock()->isVisible());
    CHECK(workList.progressText() == "alice: 0 of 2 done, 2 to do");
    CHECK(window.findChild<QLabel*>("workListSummary")->text() == "alice: 0 of 2 done, 2 to do");
    REQUIRE(workList.list()->topLevelItemCount() == 2);
    CHECK(workList.list()->topLevelItem(0)->text(2).startsWith(QString::fromStdString(accessions[0]) + " · CT CHEST"));
    CHECK(workList.list()->topLevelItem(0)->text(3) == "0/3");
    CHECK(rowStatus(workList, 0) == "To do");

    // Ctrl+J opens the first study to do and its images.
    QSignalSpy opened(&window, &MainWindow::seriesOpened);
    workList.list()->setFocus();
    press(Qt::Key_J, Qt::ControlModifier);
    REQUIRE(opened.wait(60000));
    REQUIRE(session.studyState() != nullptr);
    CHECK(session.studyState()->accessionNumber == accessions[0]);
    CHECK(window.openSeriesUid().toStdString() == fixture.seriesOfAccession.at(accessions[0]));
    CHECK(workList.list()->currentItem() == workList.list()->topLevelItem(0));

    // Enter in the label table confirms the study (as alice, the file's author) and opens the next one.
    window.labelling()->labelPanel()->focusLabels();
    QTest::keyClick(window.labelling()->labelPanel()->table(), Qt::Key_Return);
    REQUIRE(opened.wait(60000));
    CHECK(session.studyState()->accessionNumber == accessions[1]);
    CHECK(workList.progressText() == "alice: 1 of 2 done, 1 to do");
    CHECK(rowStatus(workList, 0) == "Done");
    CHECK(workList.list()->topLevelItem(0)->text(3) == "3/3");
    CHECK(rowStatus(workList, 1) == "To do");
    CHECK(radmark::testing::queryProject(file,
              "SELECT author_name, author_role, COUNT(*) FROM label_decisions GROUP "
              "BY author_name")
        == "alice,radiologist,3");

    // Enter on a row of the list opens that study.
    workList.list()->setFocus();
    workList.list()->setCurrentItem(workList.list()->topLevelItem(0));
    QTest::keyClick(workList.list(), Qt::Key_Return);
    REQUIRE(opened.wait(60000));
    CHECK(session.studyState()->accessionNumber == accessions[0]);

    // Ctrl+J skips the done study; the last one confirmed leaves nothing to do.
    press(Qt::Key_J, Qt::ControlModifier);
    REQUIRE(opened.wait(60000));
    CHECK(session.studyState()->accessionNumber == accessions[1]);
    window.labelling()->labelPanel()->focusLabels();
    QTest::keyClick(window.labelling()->labelPanel()->table(), Qt::Key_Return);
    QTest::qWait(200);
    CHECK(workList.progressText() == "alice: 2 of 2 done, 0 to do");
    press(Qt::Key_J, Qt::ControlModifier);
    CHECK(window.statusBar()->currentMessage() == "Work list: every study is done");
    CHECK(runRadmark({ "team", "worklist", file.string() }).standardOutput == "alice: 2 done, 0 to do (2 studies)\n");

    // The team project itself has no annotator's work list.
    REQUIRE(window.openProject(QString::fromStdString(fixture.project.string())));
    CHECK_FALSE(workList.dock()->isVisible());
    CHECK_FALSE(workList.nextToDoAction()->isEnabled());
}
