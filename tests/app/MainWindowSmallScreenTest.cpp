// The main window on laptop screens: at 1280×720 and 1366×768 it really is that size, the label panel's
// Confirm button and its Key / Label / Proposed / Human columns lie inside the window, and every dock
// can be hidden and brought back from View ▸ Panels.
#include "RadmarkProcess.h"
#include "TestPaths.h"
#include "gui/LabelPanel.h"
#include "gui/LabellingWorkflow.h"
#include "gui/MainWindow.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

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
