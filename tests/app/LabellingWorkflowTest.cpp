// The labelling workflow in the real main window, driven by synthetic key presses and clicks: a label's
// schema key cycles its value (even where the key is also a viewer shortcut), Enter confirms the study and
// opens the next unconfirmed one, the filters, one undo history across marks and labels, decisions visible
// to a separate `radmark labels` process at once, and the report panel's evidence highlighting both ways.
#include "gui/LabellingWorkflow.h"
#include "LabelledStudiesProject.h"
#include "RadmarkProcess.h"
#include "TestPaths.h"
#include "gui/AnnotationSession.h"
#include "gui/LabelPanel.h"
#include "gui/LabelReviewSession.h"
#include "gui/LabelSchemaEditor.h"
#include "gui/MainWindow.h"
#include "gui/ReportPanel.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
namespace annotation = radmark::annotation;
using radmark::app::AnnotationSession;
using radmark::app::LabelPanel;
using radmark::app::LabelReviewSession;
using radmark::app::MainWindow;

namespace {

// "s" and "r" are also the Select and RECIST tool keys: in the label table they label.
const std::string schemaJson = radmark::testing::threeLabelSchemaJson("gui-test", "GUI test");

using Fixture = radmark::testing::LabelledStudiesProject;

Fixture makeProject()
{
    // Latin-1 (as some RIS exports are): "é" is one byte in the file, two in UTF-8, one character on screen.
    return radmark::testing::makeLabelledStudiesProject("radmark-gui-labels", "labels.radmark",
        "IMPRESSION: Caf\xE9 au lait spots. Large right pneumothorax.\n", schemaJson);
}

std::string labelsCsv(const Fixture& fixture)
{
    const auto result = radmark::testing::runRadmark({ "labels", fixture.project.string() });
    REQUIRE(result.exitCode == 0);
    return result.standardOutput;
}

void openAndShow(MainWindow& window, const Fixture& fixture, const std::string& seriesUid)
{
    radmark::testing::showWithProject(window, fixture.project, "Dr Test");
    QSignalSpy opened(&window, &MainWindow::seriesOpened);
    window.openSeries(QString::fromStdString(seriesUid));
    REQUIRE(opened.wait(60000));
}

QAction* toolAction(MainWindow& window, const QString& text)
{
    for (QAction* action : window.annotations()->toolActions()->actions()) {
        if (action->text() == text) {
            return action;
        }
    }
    return nullptr;
}

QString cellText(LabelPanel& panel, int row, int column)
{
    const QTableWidgetItem* item = panel.table()->item(row, column);
    return item != nullptr ? item->text() : QString();
}

} // namespace

TEST_CASE("Label keys, Enter, filters and one undo history drive the labelling workflow", "[gui][labels]")
{
    const Fixture fixture = makeProject();
    MainWindow window;
    openAndShow(window, fixture, fixture.series[0].seriesInstanceUid);
    LabelReviewSession& session = *window.labelling()->session();
    LabelPanel& panel = *window.labelling()->labelPanel();

    // Opening a series shows its study's labels: the labeller's proposals, no human value yet.
    REQUIRE(session.studyState() != nullptr);
    CHECK(session.studyState()->accessionNumber == "ACC1");
    REQUIRE(panel.table()->rowCount() == 3);
    CHECK(cellText(panel, 0, LabelPanel::NameColumn) == "Effusion");
    CHECK(cellText(panel, 0, LabelPanel::KeyColumn) == "S");
    CHECK(cellText(panel, 0, LabelPanel::ProposedColumn) == "positive");
    CHECK(cellText(panel, 1, LabelPanel::ProposedColumn) == "negative");
    CHECK(cellText(panel, 2, LabelPanel::ProposedColumn) == "yes");
    CHECK(cellText(panel, 0, LabelPanel::SourceColumn) == "auto");
    CHECK(cellText(panel, 0, LabelPanel::HumanColumn).isEmpty());

    // "s" in the label table cycles Effusion positive → negative, and does not pick the Select tool.
    panel.focusLabels();
    QTest::keyClick(panel.table(), Qt::Key_S);
    CHECK(window.annotations()->activeToolKind() == AnnotationSession::ToolKind::View);
    CHECK(cellText(panel, 0, LabelPanel::HumanColumn) == "negative");
    CHECK(cellText(panel, 0, LabelPanel::SourceColumn) == "human");
    CHECK(cellText(panel, 0, LabelPanel::AuthorColumn) == "Dr Test (reviewer)");
    // Written at once: a separate process sees the decision while the window is open.
    CHECK(labelsCsv(fixture)
        == "accession,study_uid,Effusion,Pneumothorax,Follow-up,source,author\n"
           "ACC1,"
            + fixture.series[0].studyInstanceUid
            + ",0,0,1,human,Dr Test\n"
              "ACC2,"
            + fixture.series[1].studyInstanceUid
            + ",,1,0,auto,\n"
              "ACC3,"
            + fixture.series[2].studyInstanceUid + ",,,,,\n");
    QTest::keyClick(panel.table(), Qt::Key_S); // negative → uncertain
    CHECK(cellText(panel, 0, LabelPanel::HumanColumn) == "uncertain");

    // Filters: the disagreement shows; ACC3 has no report and no proposal.
    panel.filterCombo()->setCurrentIndex(
        panel.filterCombo()->findData(static_cast<int>(LabelReviewSession::Filter::Disagreements)));
    REQUIRE(session.filteredStudies().size() == 1);
    CHECK(session.states()[session.filteredStudies()[0]].accessionNumber == "ACC1");
    panel.filterCombo()->setCurrentIndex(
        panel.filterCombo()->findData(static_cast<int>(LabelReviewSession::Filter::Unlabelled)));
    REQUIRE(session.filteredStudies().size() == 1);
    CHECK(session.states()[session.filteredStudies()[0]].accessionNumber == "ACC3");
    panel.filterCombo()->setCurrentIndex(
        panel.filterCombo()->findData(static_cast<int>(LabelReviewSession::Filter::All)));
    CHECK(session.filteredStudies().size() == 3);

    // Enter confirms ACC1 (the other labels as proposed) and opens ACC2's series in the slice view.
    QSignalSpy opened(&window, &MainWindow::seriesOpened);
    QTest::keyClick(panel.table(), Qt::Key_Return);
    REQUIRE(opened.wait(60000));
    CHECK(window.openSeriesUid().toStdString() == fixture.series[1].seriesInstanceUid);
    CHECK(session.studyState()->accessionNumber == "ACC2");
    CHECK(window.focusWidget() == panel.table()); // the keys keep labelling
    CHECK(labelsCsv(fixture).find("ACC1," + fixture.series[0].studyInstanceUid + ",-1,0,1,human,Dr Test\n")
        != std::string::npos);
    panel.filterCombo()->setCurrentIndex(
        panel.filterCombo()->findData(static_cast<int>(LabelReviewSession::Filter::Confirmed)));
    REQUIRE(session.filteredStudies().size() == 1);
    CHECK(session.states()[session.filteredStudies()[0]].accessionNumber == "ACC1");
    panel.filterCombo()->setCurrentIndex(
        panel.filterCombo()->findData(static_cast<int>(LabelReviewSession::Filter::All)));

    // A mark drawn on ACC2, then Ctrl+Z: the mark goes first, then the confirmation of ACC1 (which shows
    // ACC1 again), and the project forgets the confirmation at once; redo brings it back.
    toolAction(window, "Line")->trigger();
    auto& view = *window.sliceView();
    const auto toDisplay = [&view](double column, double row) {
        const auto [x, y] = view.sliceRenderer().displayPositionOfPixel({ column, row });
        return QPointF(x / view.devicePixelRatioF(), y / view.devicePixelRatioF());
    };
    const auto send = [&view](QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent event(type, at, view.mapToGlobal(at), button, buttons, Qt::NoModifier);
        QApplication::sendEvent(&view, &event);
    };
    send(QEvent::MouseButtonPress, toDisplay(10, 10), Qt::LeftButton, Qt::LeftButton);
    send(QEvent::MouseMove, toDisplay(30, 10), Qt::NoButton, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, toDisplay(40, 10), Qt::LeftButton, Qt::NoButton);
    REQUIRE(window.annotations()->document().marks().size() == 1);
    QAction* undo = window.annotations()->undoAction();
    QAction* redo = window.annotations()->redoAction();
    CHECK(undo->shortcut() == QKeySequence::Undo);
    undo->trigger();
    CHECK(window.annotations()->document().marks().empty());
    CHECK(undo->text() == "&Undo Confirm study ACC1");
    undo->trigger();
    CHECK(session.studyState()->accessionNumber == "ACC1");
    CHECK(cellText(panel, 1, LabelPanel::HumanColumn).isEmpty());
    CHECK(cellText(panel, 0, LabelPanel::HumanColumn) == "uncertain");
    CHECK(labelsCsv(fixture).find("ACC1," + fixture.series[0].studyInstanceUid + ",-1,0,1,human,Dr Test\n")
        != std::string::npos); // Effusion is still decided; the confirmation's rows are undone
    CHECK_FALSE(session.isConfirmed(*session.studyState()));
    undo->trigger(); // uncertain → negative
    CHECK(cellText(panel, 0, LabelPanel::HumanColumn) == "negative");
    redo->trigger();
    CHECK(cellText(panel, 0, LabelPanel::HumanColumn) == "uncertain");
    redo->trigger();
    CHECK(session.isConfirmed(*session.studyState()));
    redo->trigger();
    CHECK(window.annotations()->document().marks().size() == 1);
    CHECK_FALSE(redo->isEnabled());

    // The audit trail keeps the undone rows: 1 + 1 + 2 confirmed + 1 redone + 2 redone confirmation rows.
    const auto history
        = radmark::testing::runRadmark({ "labels", fixture.project.string(), "--study", "ACC1", "--history" });
    REQUIRE(history.exitCode == 0);
    CHECK(std::count(history.standardOutput.begin(), history.standardOutput.end(), '\n') == 1 + 7);
}

TEST_CASE("Clicking a label selects its sentence in the report, clicking the phrase selects the label",
    "[gui][labels][report]")
{
    const Fixture fixture = makeProject();
    MainWindow window;
    openAndShow(window, fixture, fixture.series[0].seriesInstanceUid);
    LabelPanel& panel = *window.labelling()->labelPanel();
    radmark::app::ReportPanel& report = *window.labelling()->reportPanel();
    const QString text = report.textView()->toPlainText();
    REQUIRE(text.startsWith("FINDINGS: Small pleural effusion."));

    // The impression wins for Effusion? No: "effusion" alone is not the schema's phrase, so the findings'
    // "pleural effusion" is the evidence. Pneumothorax: "No pneumothorax." (negated).
    const int effusionSentence = static_cast<int>(text.indexOf("Small pleural effusion."));
    const int pneumothoraxSentence = static_cast<int>(text.indexOf("No pneumothorax."));
    CHECK(report.mentionRange(0)
        == std::pair<int, int>(static_cast<int>(text.indexOf("pleural effusion")),
            static_cast<int>(text.indexOf("pleural effusion")) + 16));

    // Click the Pneumothorax row: its sentence is selected in the report.
    QTableWidget* table = panel.table();
    QTest::mouseClick(
        table->viewport(), Qt::LeftButton, {}, table->visualItemRect(table->item(1, LabelPanel::NameColumn)).center());
    CHECK(panel.selectedLabel() == 1);
    CHECK(report.selectedRange() == std::pair<int, int>(pneumothoraxSentence, pneumothoraxSentence + 16));
    CHECK(report.textView()->textCursor().selectedText() == "No pneumothorax.");
    QTest::mouseClick(
        table->viewport(), Qt::LeftButton, {}, table->visualItemRect(table->item(0, LabelPanel::NameColumn)).center());
    CHECK(report.textView()->textCursor().selectedText() == "Small pleural effusion.");
    CHECK(report.selectedRange().first == effusionSentence);

    // Click inside the highlighted "pneumothorax": the Pneumothorax row is selected.
    const auto [mentionBegin, mentionEnd] = report.mentionRange(1);
    REQUIRE(mentionBegin > 0);
    QTextCursor inside(report.textView()->document());
    inside.setPosition((mentionBegin + mentionEnd) / 2);
    const QPoint at = report.textView()->cursorRect(inside).center();
    QTest::mouseClick(report.textView()->viewport(), Qt::LeftButton, {}, at);
    CHECK(panel.selectedLabel() == 1);
    CHECK(report.labelAt(mentionBegin) == 1);
    CHECK(report.labelAt(0) == -1); // the heading is no evidence

    // A Latin-1 report: the highlight lands on the word although UTF-8 bytes and characters differ.
    LabelReviewSession& session = *window.labelling()->session();
    QSignalSpy opened(&window, &MainWindow::seriesOpened);
    REQUIRE(session.showStudyOfKey("ACC2"));
    REQUIRE(opened.wait(60000)); // its series opens with it
    CHECK(window.openSeriesUid().toStdString() == fixture.series[1].seriesInstanceUid);
    const QString latin = report.textView()->toPlainText();
    CHECK(latin.startsWith(QString::fromUtf8("IMPRESSION: Caf\xC3\xA9 au lait spots.")));
    const auto [begin, end] = report.mentionRange(1);
    CHECK(latin.mid(begin, end - begin) == "pneumothorax");
    CHECK(report.showLabelEvidence(1));
    CHECK(report.textView()->textCursor().selectedText() == "Large right pneumothorax.");
    CHECK_FALSE(report.showLabelEvidence(0)); // no effusion in this report: nothing to select
    CHECK_FALSE(report.textView()->textCursor().hasSelection());

    // A study without a report says so.
    REQUIRE(session.showStudyOfKey("ACC3"));
    CHECK(report.textView()->toPlainText().isEmpty());
}

TEST_CASE("The schema editor refuses an error with its line and stores a valid edit as the next revision",
    "[gui][labels][schema]")
{
    const Fixture fixture = makeProject();
    MainWindow window;
    openAndShow(window, fixture, fixture.series[0].seriesInstanceUid);
    LabelReviewSession& session = *window.labelling()->session();
    const std::string original = session.schemaSource()->jsonText;

    // A duplicate label name on line 4 (names are compared ignoring case).
    std::string broken = original;
    broken.replace(broken.find("\"Pneumothorax\""), 14, "\"effusion\"");
    radmark::app::LabelSchemaEditor editor(broken, "schema", &window);
    editor.accept();
    CHECK(editor.result() != QDialog::Accepted);
    const auto* error = editor.findChild<QLabel*>("schemaError");
    REQUIRE(error != nullptr);
    CHECK(error->text().contains("the edited schema: line 4"));
    CHECK(error->text().contains("duplicate label"));
    CHECK(editor.editor()->textCursor().blockNumber() == 3); // the cursor is put on that line

    // A valid edit: a label renamed. The project keeps both revisions; the panel shows the new name.
    std::string renamed = original;
    renamed.replace(renamed.find("\"Follow-up\""), 11, "\"Follow-up advised\"");
    session.saveSchemaText(renamed);
    CHECK(window.labelling()->labelPanel()->table()->item(2, LabelPanel::NameColumn)->text() == "Follow-up advised");
    const auto printed = radmark::testing::runRadmark({ "labels", fixture.project.string(), "--schema-json" });
    REQUIRE(printed.exitCode == 0);
    CHECK(printed.standardOutput == renamed + "\n");
    CHECK_THROWS(session.saveSchemaText(broken));
}
