// Audit mode in the real main window, by key presses: Labels ▸ Draw Audit Sample… (size and seed typed into the
// dialog), the drawn studies shown one after the other, a label key corrects, Enter confirms and opens the next
// drawn study; the label panel's audit table then shows each label's precision, recall and kappa with their 95%
// intervals, the same figures `radmark labels --accuracy` prints from the project.
#include "LabelledStudiesProject.h"
#include "RadmarkProcess.h"
#include "TestPaths.h"
#include "gui/AnnotationSession.h"
#include "gui/AuditDrawDialog.h"
#include "gui/LabelPanel.h"
#include "gui/LabelReviewSession.h"
#include "gui/LabellingWorkflow.h"
#include "gui/MainWindow.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTimer>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
namespace annotation = radmark::annotation;
using radmark::app::AuditDrawDialog;
using radmark::app::LabelPanel;
using radmark::app::LabelReviewSession;
using radmark::app::MainWindow;

namespace {

const std::string schemaJson = radmark::testing::threeLabelSchemaJson("gui-audit", "GUI audit");

// ACC1, ACC2 (reports, proposals), ACC3 (no report: not drawable)
using Fixture = radmark::testing::LabelledStudiesProject;

Fixture makeProject()
{
    return radmark::testing::makeLabelledStudiesProject(
        "radmark-gui-audit", "audit.radmark", "IMPRESSION: Large right pneumothorax.\n", schemaJson);
}

template <typename Condition> bool waitUntil(Condition condition, int timeoutMs = 60000)
{
    return QTest::qWaitFor(condition, timeoutMs);
}

QString auditCell(LabelPanel& panel, int row, int column)
{
    const QTableWidgetItem* item = panel.auditTable()->item(row, column);
    return item != nullptr ? item->text() : QString();
}

std::string seriesOfStudy(const Fixture& fixture, const std::string& accession)
{
    return fixture.series[static_cast<std::size_t>(accession.back() - '1')].seriesInstanceUid;
}

} // namespace

TEST_CASE("Audit mode: draw a sample, confirm and correct by keys, the label panel shows the measured accuracy",
    "[gui][labels][audit]")
{
    const Fixture fixture = makeProject();
    MainWindow window;
    radmark::testing::showWithProject(window, fixture.project, "Dr Audit");
    LabelReviewSession& session = *window.labelling()->session();
    LabelPanel& panel = *window.labelling()->labelPanel();
    CHECK_FALSE(panel.auditTable()->isVisibleTo(&window)); // no sample yet: no figures
    CHECK(session.eligibleAuditStudies() == 2); // ACC3 has no proposals

    // Labels ▸ Draw Audit Sample…: 3 is more than there is (the box stops at 2); type 2 and seed 17, Enter.
    bool dialogSeen = false;
    QTimer::singleShot(0, [&] {
        auto* dialog = qobject_cast<AuditDrawDialog*>(QApplication::activeModalWidget());
        CHECK(dialog != nullptr);
        if (dialog == nullptr) {
            return;
        }
        dialogSeen = true;
        CHECK(dialog->sizeBox()->maximum() == 2);
        dialog->sizeBox()->setFocus();
        dialog->sizeBox()->selectAll();
        QTest::keyClicks(dialog->sizeBox(), "3");
        CHECK(dialog->sizeBox()->value() != 3);
        dialog->sizeBox()->selectAll();
        QTest::keyClicks(dialog->sizeBox(), "2");
        dialog->seedEdit()->setFocus();
        dialog->seedEdit()->selectAll();
        QTest::keyClicks(dialog->seedEdit(), "17");
        QTest::keyClick(dialog->seedEdit(), Qt::Key_Return);
    });
    window.labelling()->drawAuditAction()->trigger();
    REQUIRE(dialogSeen);
    REQUIRE(session.auditSamples().size() == 1);
    CHECK(session.auditSamples()[0].seed == 17);
    CHECK(session.auditDrawnStudies() == 2);
    CHECK(session.auditMode());
    CHECK(panel.filterCombo()->currentData().toInt() == static_cast<int>(LabelReviewSession::Filter::Audit));
    CHECK(panel.auditTable()->isVisibleTo(&window));

    // The first drawn study is shown with its series; the table has the keys.
    REQUIRE(session.studyState() != nullptr);
    const std::string first = session.studyState()->accessionNumber;
    REQUIRE(waitUntil([&] { return window.openSeriesUid().toStdString() == seriesOfStudy(fixture, first); }));
    REQUIRE(waitUntil([&] { return window.focusWidget() == panel.table(); }));

    // Review both: on ACC1 the reviewer corrects Effusion (positive → negative, key "s"); Enter confirms.
    for (int reviewed = 0; reviewed < 2; ++reviewed) {
        const std::string shown = session.studyState()->accessionNumber;
        REQUIRE(waitUntil([&] { return window.openSeriesUid().toStdString() == seriesOfStudy(fixture, shown); }));
        if (shown == "ACC1") {
            QTest::keyClick(panel.table(), Qt::Key_S);
            CHECK(panel.table()->item(0, LabelPanel::HumanColumn)->text() == "negative");
        }
        QTest::keyClick(panel.table(), Qt::Key_Return);
        if (reviewed == 0) {
            CHECK(session.studyState()->accessionNumber != shown); // Enter opened the other drawn study
        }
    }
    CHECK(session.auditedStudies() == 2);

    // Effusion: proposed positive on ACC1, negative by the reviewer; not mentioned on ACC2 by both.
    // Precision 0/1 (Wilson [0, 0.79]), no human positive (recall undefined), kappa 1/3 (po 0.5, pe 0.25).
    CHECK(panel.auditSummary()->text().contains("2 of 2 drawn studies reviewed"));
    CHECK(panel.auditSummary()->text().contains("seed 17"));
    REQUIRE(panel.auditTable()->rowCount() == 3);
    CHECK(auditCell(panel, 0, 0) == "Effusion");
    CHECK(auditCell(panel, 0, 1) == "2");
    CHECK(auditCell(panel, 0, 2) == "0.00 (0/1)\n[0.00, 0.79]");
    CHECK(auditCell(panel, 0, 3) == "-");
    CHECK(auditCell(panel, 0, 4) == "0.33\n[-0.59, 1.00]");
    // Pneumothorax: negative / negative on ACC1, positive / positive on ACC2.
    CHECK(auditCell(panel, 1, 2) == "1.00 (1/1)\n[0.21, 1.00]");
    CHECK(auditCell(panel, 1, 3) == "1.00 (1/1)\n[0.21, 1.00]");
    CHECK(auditCell(panel, 1, 4) == "1.00\n[1.00, 1.00]");

    // On a 1280x720 screen the label dock is narrow: every figure, Kappa the last, stays in view.
    window.resize(1280, 720);
    REQUIRE(waitUntil([&] { return window.width() == 1280 && panel.auditTable()->viewport()->width() < 600; }));
    const QHeaderView* header = panel.auditTable()->horizontalHeader();
    const int viewportWidth = panel.auditTable()->viewport()->width();
    INFO("audit table viewport " << viewportWidth << " px, Kappa column ends at "
                                 << header->sectionViewportPosition(4) + header->sectionSize(4));
    CHECK(viewportWidth < 600);
    CHECK(header->sectionViewportPosition(4) >= 0);
    CHECK(header->sectionViewportPosition(4) + header->sectionSize(4) <= viewportWidth);
    CHECK(header->sectionSize(0) >= 40); // the label column keeps a readable width

    // Written at once as audit-mode decisions: a separate process measures the same.
    const auto accuracy = radmark::testing::runRadmark({ "labels", fixture.project.string(), "--accuracy" });
    REQUIRE(accuracy.exitCode == 0);
    CHECK(accuracy.standardOutput.find("Effusion: precision 0.00 [0.00, 0.79] (0/1), recall -, kappa 0.33 "
                                       "[-0.59, 1.00], same answer 0.50 [0.09, 0.91], from 2 audited studies\n")
        != std::string::npos);

    // Undo the last confirmation: its Pneumothorax decision no longer counts; redo brings it back.
    window.annotations()->undoAction()->trigger();
    CHECK(auditCell(panel, 1, 1) == "1");
    window.annotations()->redoAction()->trigger();
    CHECK(auditCell(panel, 1, 1) == "2");
}
