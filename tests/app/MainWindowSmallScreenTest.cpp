// The main window on laptop screens: at 1280×720 and 1366×768 it really is that size, the label panel's
// Confirm button and its Key / Label / Proposed / Human columns lie inside the window, and every dock
// can be hidden and brought back from View ▸ Panels.
#include "RadmarkProcess.h"
#include "TestPaths.h"
#include "gui/LabelPanel.h"
#include "gui/LabellingWorkflow.h"
#include "gui/MainWindow.h"
#include "gui/saliency/SaliencyDisplayControls.h"
#include "gui/saliency/SaliencyReviewPanel.h"
#include "gui/saliency/SaliencyReviewTable.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QWheelEvent>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;
using radmark::app::LabelPanel;
using radmark::app::MainWindow;

namespace {

// `widget`'s rectangle in window coordinates lies inside the window and is not clipped by its parents.
bool insideWindow(const QWidget& widget, const QWidget& window)
{
    if (!widget.isVisible() || widget.width() <= 0 || widget.height() <= 0) {
        return false;
    }
    const QRect inWindow(widget.mapTo(&window, QPoint(0, 0)), widget.size());
    if (!window.rect().contains(inWindow)) {
        return false;
    }
    for (const QWidget* parent = widget.parentWidget(); parent != nullptr && parent != &window;
         parent = parent->parentWidget()) {
        if (!QRect(parent->mapTo(&window, QPoint(0, 0)), parent->size()).contains(inWindow)) {
            return false;
        }
    }
    return true;
}

// The name cells of the series rows (third level: patient > study > series) of `tree`.
QModelIndexList seriesNameIndexes(const QTreeView& tree)
{
    QModelIndexList names;
    const QAbstractItemModel& model = *tree.model();
    for (int patient = 0; patient < model.rowCount(); ++patient) {
        const QModelIndex patientIndex = model.index(patient, 0);
        for (int study = 0; study < model.rowCount(patientIndex); ++study) {
            const QModelIndex studyIndex = model.index(study, 0, patientIndex);
            for (int series = 0; series < model.rowCount(studyIndex); ++series) {
                names << model.index(series, 0, studyIndex);
            }
        }
    }
    return names;
}

} // namespace

TEST_CASE("the main window is usable at 1280x720 and 1366x768", "[gui][layout]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-gui-small");
    const fs::path project = folder / "demo.radmark";
    REQUIRE(radmark::testing::runRadmark({ "demo", project.string() }).exitCode == 0);

    MainWindow window;
    window.setInteractiveDialogs(false);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.openProject(QString::fromStdString(project.string())));
    QSignalSpy opened(&window, &MainWindow::seriesOpened);
    window.openSeries(QString::fromStdString(window.project()->series().front().seriesUid));
    REQUIRE(opened.wait(60000));

    for (const QSize size : { QSize(1280, 720), QSize(1366, 768) }) {
        INFO(size.width() << "x" << size.height());
        CHECK(window.minimumSizeHint().width() <= size.width());
        CHECK(window.minimumSizeHint().height() <= size.height());
        window.resize(size);
        CHECK(QTest::qWaitFor([&] { return window.size() == size; }, 5000));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        LabelPanel& labels = *window.labelling()->labelPanel();
        const auto* confirm = labels.findChild<QPushButton*>("confirmStudyButton");
        REQUIRE(confirm != nullptr);
        CHECK(insideWindow(*confirm, window));
        CHECK(insideWindow(*labels.table(), window));
        // Key, Label, Proposed and Human within the table's visible width.
        QHeaderView* header = labels.table()->horizontalHeader();
        for (int column :
            { LabelPanel::KeyColumn, LabelPanel::NameColumn, LabelPanel::ProposedColumn, LabelPanel::HumanColumn }) {
            INFO("column " << column);
            const int right = header->sectionViewportPosition(column) + header->sectionSize(column);
            CHECK(header->sectionViewportPosition(column) >= 0);
            CHECK(right <= labels.table()->viewport()->width());
            CHECK(header->sectionSize(column) >= 20);
        }
        // The study tree: every series name of the demo is readable in full next to its thumbnail
        // (not "A…"); the columns that stay shown lie inside the tree.
        auto* tree = window.findChild<QTreeView*>("studyTree");
        REQUIRE(tree != nullptr);
        const QModelIndexList names = seriesNameIndexes(*tree);
        REQUIRE(names.size() == 3);
        for (const QModelIndex& name : names) {
            const QString text = name.data().toString();
            INFO(text.toStdString() << ": cell " << tree->visualRect(name).width() << " px");
            const int textRoom = tree->visualRect(name).width() - tree->iconSize().width() - 12;
            CHECK(textRoom >= tree->fontMetrics().horizontalAdvance(text));
            CHECK_FALSE(name.data(Qt::ToolTipRole).toString().isEmpty());
        }
        int right = 0;
        for (int column = 0; column < tree->header()->count(); ++column) {
            if (!tree->isColumnHidden(column)) {
                right = std::max(
                    right, tree->header()->sectionViewportPosition(column) + tree->header()->sectionSize(column));
            }
        }
        CHECK(right <= tree->viewport()->width());
        CHECK_FALSE(tree->isColumnHidden(1)); // modality stays

        // The images keep a useful part of the width.
        CHECK(window.sliceView()->width() >= size.width() / 3);
    }

    // Every dock can be hidden and shown again from View ▸ Panels.
    QMenu* panels = nullptr;
    for (QAction* action : window.findChild<QMenu*>("viewMenu")->actions()) {
        if (action->menu() != nullptr && action->text() == "&Panels") {
            panels = action->menu();
        }
    }
    REQUIRE(panels != nullptr);
    for (const char* name : { "studiesDock", "marksDock", "reportDock", "labelsDock", "saliencyDock" }) {
        INFO(name);
        auto* dock = window.findChild<QDockWidget*>(name);
        REQUIRE(dock != nullptr);
        CHECK(panels->actions().contains(dock->toggleViewAction()));
        CHECK(dock->features().testFlag(QDockWidget::DockWidgetClosable));
    }
    auto* studies = window.findChild<QDockWidget*>("studiesDock");
    studies->toggleViewAction()->trigger();
    CHECK(studies->isHidden());
    studies->toggleViewAction()->trigger();
    CHECK(studies->isVisible());
}

TEST_CASE("the saliency review fits beside the images at 1280x720, and the wheel scrolls it without changing a value",
    "[gui][layout][saliency]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-gui-small-saliency");
    const fs::path project = folder / "demo.radmark";
    REQUIRE(radmark::testing::runRadmark({ "demo", project.string() }).exitCode == 0);

    MainWindow window;
    window.setInteractiveDialogs(false);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
    const QSize size(1280, 720);
    window.resize(size);
    REQUIRE(QTest::qWaitFor([&] { return window.size() == size; }, 5000));
    REQUIRE(window.openProject(QString::fromStdString(project.string())));
    radmark::app::SaliencyReviewPanel& panel = *window.saliencyPanel();
    auto* dock = window.findChild<QDockWidget*>("saliencyDock");
    auto* scroll = window.findChild<QScrollArea*>("saliencyScroll");
    REQUIRE(dock != nullptr);
    REQUIRE(scroll != nullptr);
    auto* labelsDock = window.findChild<QDockWidget*>("labelsDock");
    REQUIRE(labelsDock != nullptr);
    QTest::qWait(100);
    const int labelsHeightBefore = labelsDock->height();
    // The reviewer brings the Saliency Review tab to the front and clicks the first map.
    dock->raise();
    QSignalSpy shown(&panel, &radmark::app::SaliencyReviewPanel::mapShown);
    panel.showMap(panel.table()->mapIdAt(0));
    REQUIRE(shown.wait(60000));
    QTest::qWait(200);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    REQUIRE(dock->isVisible());

    // The list, every verdict, the note and Save & Next are on screen at once, without scrolling, and nothing
    // is cut off at the right (the button read "Save & Next (Ente" in a dock narrower than the panel).
    const QWidget& viewport = *scroll->viewport();
    const auto wholeInView = [&](const QWidget& widget) {
        const QRect inViewport(widget.mapTo(&viewport, QPoint(0, 0)), widget.size());
        return widget.isVisible() && viewport.rect().contains(inViewport) && insideWindow(widget, window);
    };
    INFO("viewport " << viewport.width() << " x " << viewport.height() << ", panel needs "
                     << panel.minimumSizeHint().width() << " x " << panel.minimumSizeHint().height() << ", table "
                     << panel.table()->height() << ", labels dock "
                     << window.findChild<QDockWidget*>("labelsDock")->height() << " (at least "
                     << window.findChild<QDockWidget*>("labelsDock")->minimumSizeHint().height() << "), panel "
                     << panel.height() << " scrolled " << scroll->verticalScrollBar()->value());
    CHECK(panel.minimumSizeHint().width() <= viewport.width());
    CHECK(wholeInView(*panel.table()));
    CHECK(panel.table()->rowViewportPosition(1) >= 0); // both maps of the demo listed
    CHECK(panel.table()->rowViewportPosition(1) + panel.table()->rowHeight(1) <= panel.table()->viewport()->height());
    CHECK(wholeInView(*panel.noteEdit()));
    // Nothing drawn over the list: the map's checks start below it (they covered its scroll bar).
    const auto* details = panel.findChild<QLabel*>("saliencyDetails");
    REQUIRE(details != nullptr);
    CHECK(details->geometry().top() >= panel.table()->geometry().bottom());
    const auto* saveNext = panel.findChild<QPushButton*>("saliencySaveNext");
    REQUIRE(saveNext != nullptr);
    CHECK(wholeInView(*saveNext));
    const QList<QRadioButton*> verdicts = panel.findChildren<QRadioButton*>();
    REQUIRE(verdicts.size() == 5);
    for (const QRadioButton* verdict : verdicts) {
        INFO(verdict->text().toStdString());
        CHECK(wholeInView(*verdict));
        CHECK(verdict->width() >= verdict->sizeHint().width()); // its text whole
    }
    auto* displayToggle = panel.findChild<QToolButton*>("saliencyDisplayToggle");
    auto* displaySection = panel.findChild<QWidget*>("saliencyDisplaySection");
    REQUIRE(displayToggle != nullptr);
    REQUIRE(displaySection != nullptr);
    CHECK(wholeInView(*displayToggle));
    // The label panel below keeps its Confirm button on screen.
    const auto* confirm = window.labelling()->labelPanel()->findChild<QPushButton*>("confirmStudyButton");
    REQUIRE(confirm != nullptr);
    CHECK(insideWindow(*confirm, window));
    // and its hint below the label rows, not squeezed over them.
    const auto* labelTable = window.labelling()->labelPanel()->table();
    CHECK(labelTable->height() >= labelTable->horizontalHeader()->height() + 3 * labelTable->rowHeight(0));

    // The display options unfold into view; a wheel turned over the threshold or the colour map while
    // scrolling the panel leaves them as they are.
    QTest::mouseClick(displayToggle, Qt::LeftButton);
    REQUIRE(displaySection->isVisible());
    auto* threshold = panel.findChild<QDoubleSpinBox*>("saliencyThreshold");
    auto* colours = panel.findChild<QComboBox*>("saliencyColormap");
    REQUIRE(threshold != nullptr);
    REQUIRE(colours != nullptr);
    const double thresholdBefore = threshold->value();
    const int coloursBefore = colours->currentIndex();
    for (QWidget* field : { static_cast<QWidget*>(threshold), static_cast<QWidget*>(colours) }) {
        const QPointF at(field->width() / 2.0, field->height() / 2.0);
        QWheelEvent wheel(at, field->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
            Qt::NoScrollPhase, false);
        QApplication::sendEvent(field, &wheel);
    }
    CHECK(threshold->value() == thresholdBefore);
    CHECK(colours->currentIndex() == coloursBefore);
    // Clicked first, the field takes the wheel as usual.
    threshold->setFocus();
    const QPointF at(threshold->width() / 2.0, threshold->height() / 2.0);
    QWheelEvent wheel(at, threshold->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
        Qt::NoScrollPhase, false);
    QApplication::sendEvent(threshold, &wheel);
    CHECK(threshold->value() > thresholdBefore);

    // Back on the report tab (display options folded again), the label panel gets its height back.
    QTest::mouseClick(displayToggle, Qt::LeftButton);
    window.findChild<QDockWidget*>("reportDock")->raise();
    CHECK(QTest::qWaitFor([&] { return labelsDock->height() >= labelsHeightBefore - 2; }, 2000));
}
