// Every key the README names, pressed in the real main window on the demo project as a user types it
// (to whatever widget has the keyboard focus), with its effect checked; no key bound twice; the focus
// after each step where a user continues with the keyboard (saliency Enter, label Enter, lists).
#include "MainWindowTestInput.h"
#include "RadmarkProcess.h"
#include "TestPaths.h"
#include "gui/AnnotationSession.h"
#include "gui/ExportDialog.h"
#include "gui/KeyboardHelp.h"
#include "gui/LabelPanel.h"
#include "gui/LabelReviewSession.h"
#include "gui/LabellingWorkflow.h"
#include "gui/MainWindow.h"
#include "gui/ShortcutConflicts.h"
#include "gui/StudyBrowserPanel.h"
#include "gui/saliency/SaliencyReviewPanel.h"
#include "gui/saliency/SaliencyReviewTable.h"
#include "radmark/annotation/WindowPresets.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/SaliencyStore.h"
#include "radmark/viewer/MprViewWidget.h"
#include "radmark/viewer/SaliencyOverlay.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"
#include "radmark/viewer/ViewerLayoutWidget.h"
#include "radmark/viewer/VolumeRenderer3d.h"
#include "radmark/viewer/VolumeViewWidget.h"

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <cmath>
#include <filesystem>

namespace fs = std::filesystem;
namespace annotation = radmark::annotation;
namespace storage = radmark::storage;
using radmark::app::AnnotationSession;
using radmark::app::MainWindow;
using radmark::app::SaliencyReviewPanel;
using ToolKind = AnnotationSession::ToolKind;
using radmark::testing::displayOf;
using radmark::testing::openSeries;
using radmark::testing::sendMouse;
using radmark::testing::showActive;

namespace {

// The demo project (two studies with reports and proposed labels, two saliency maps), made once.
fs::path demoProject()
{
    static const fs::path project = [] {
        const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-gui-keys");
        const fs::path path = folder / "demo.radmark";
        const auto result = radmark::testing::runRadmark({ "demo", path.string() });
        INFO(result.standardError);
        REQUIRE(result.exitCode == 0);
        return path;
    }();
    // Each test works on its own copy, so verdicts and labels of one do not change another.
    static int copies = 0;
    const fs::path copy = project.parent_path() / ("copy" + std::to_string(++copies) + ".radmark");
    fs::copy_file(project, copy);
    return copy;
}

// A key as a user types it: to the widget with the keyboard focus, shortcuts first.
void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* focus = QApplication::focusWidget();
    REQUIRE(focus != nullptr);
    QTest::keyClick(focus, static_cast<Qt::Key>(key), modifiers);
}

QString focusName()
{
    QWidget* focus = QApplication::focusWidget();
    return focus == nullptr ? QStringLiteral("(none)")
                            : QString("%1 %2").arg(focus->metaObject()->className(), focus->objectName());
}

std::string seriesWithDescription(const MainWindow& window, const std::string& description)
{
    for (const auto& series : window.project()->series()) {
        if (series.description == description) {
            return series.seriesUid;
        }
    }
    FAIL("no series " << description);
    return {};
}

void drag(radmark::viewer::SliceViewWidget& view, const annotation::PixelPoint& fromPx,
    const annotation::PixelPoint& toPx, bool release = true)
{
    sendMouse(view, QEvent::MouseButtonPress, displayOf(view, fromPx), Qt::LeftButton, Qt::LeftButton);
    sendMouse(view, QEvent::MouseMove,
        displayOf(view, { (fromPx.column + toPx.column) / 2, (fromPx.row + toPx.row) / 2 }), Qt::NoButton,
        Qt::LeftButton);
    sendMouse(view, QEvent::MouseMove, displayOf(view, toPx), Qt::NoButton, Qt::LeftButton);
    if (release) {
        sendMouse(view, QEvent::MouseButtonRelease, displayOf(view, toPx), Qt::LeftButton, Qt::NoButton);
    }
}

annotation::WindowLevel presetWindow(char key)
{
    for (const auto& preset : annotation::ctWindowPresets()) {
        if (preset.shortcutKey == key) {
            return preset.window;
        }
    }
    FAIL("no preset " << key);
    return {};
}

// Screen x and y of a patient direction in the 3D view (parallel projection: any two points will do).
std::pair<double, double> screenDirection(const radmark::viewer::VolumeRenderer3d& scene, const annotation::Vector3& d)
{
    const auto [x0, y0] = scene.displayPositionOf({ 0.0, 0.0, 0.0 });
    const auto [x1, y1] = scene.displayPositionOf({ 50.0 * d.x, 50.0 * d.y, 50.0 * d.z });
    return { x1 - x0, y1 - y0 };
}

} // namespace

TEST_CASE("no two actions of the main window share a key sequence", "[gui][keys]")
{
    MainWindow window;
    showActive(window);
    REQUIRE(window.openProject(QString::fromStdString(demoProject().string())));
    const auto conflicts = radmark::app::findShortcutConflicts(&window);
    INFO(radmark::app::describeShortcutConflicts(conflicts).join("\n").toStdString());
    CHECK(conflicts.empty());
    // Redo answers to both usual keys, each bound once.
    const QList<QKeySequence> redo = window.annotations()->redoAction()->shortcuts();
    CHECK(redo.count(QKeySequence("Ctrl+Shift+Z")) == 1);
    CHECK(redo.count(QKeySequence("Ctrl+Y")) == 1);

    // The check itself finds a key bound twice in one window, and one action listing a key twice.
    auto* first = new QAction("First", &window);
    auto* second = new QAction("Second", &window);
    first->setShortcut(QKeySequence("Ctrl+Shift+K"));
    second->setShortcuts({ QKeySequence("Ctrl+Shift+K"), QKeySequence("Ctrl+Shift+J"), QKeySequence("Ctrl+Shift+J") });
    window.addAction(first);
    window.addAction(second);
    CHECK(radmark::app::describeShortcutConflicts(radmark::app::findShortcutConflicts(&window))
        == QStringList { "Ctrl+Shift+K: \"First\" and \"Second\"", "Ctrl+Shift+J: listed twice by \"Second\"" });
}

TEST_CASE("every shortcut the README names works in the main window", "[gui][keys]")
{
    MainWindow window;
    showActive(window);
    REQUIRE(window.openProject(QString::fromStdString(demoProject().string())));
    radmark::viewer::SliceViewWidget& view = *window.sliceView();
    AnnotationSession& marks = *window.annotations();
    openSeries(window, seriesWithDescription(window, "Axial 5mm"));
    INFO("focus: " << focusName().toStdString());
    REQUIRE(QApplication::focusWidget() == &view); // an opened series takes the keyboard

    // Slices: arrows, Page Up/Down (10), Home/End.
    press(Qt::Key_Home);
    CHECK(view.sliceIndex() == 0);
    press(Qt::Key_Down);
    CHECK(view.sliceIndex() == 1);
    press(Qt::Key_PageDown);
    CHECK(view.sliceIndex() == 11);
    press(Qt::Key_Up);
    CHECK(view.sliceIndex() == 10);
    press(Qt::Key_PageUp);
    CHECK(view.sliceIndex() == 0);
    press(Qt::Key_End);
    CHECK(view.sliceIndex() == 35);
    press(Qt::Key_Home);

    // Windows 1-7 and 0 (the header's).
    const annotation::WindowLevel header = view.windowLevel();
    for (char key = '1'; key <= '7'; ++key) {
        press(Qt::Key_0 + (key - '0'));
        CHECK(view.windowLevel().width == presetWindow(key).width);
        CHECK(view.windowLevel().level == presetWindow(key).level);
    }
    press(Qt::Key_0);
    CHECK(view.windowLevel().width == header.width);
    CHECK(view.windowLevel().level == header.level);

    // F fits after a zoom; I and O hide text.
    const double fitted = view.sliceRenderer().zoomFactor();
    view.sliceRenderer().zoomBy(2.0, 10.0, 10.0);
    CHECK(view.sliceRenderer().zoomFactor() == Approx(2.0 * fitted));
    press(Qt::Key_F);
    CHECK(view.sliceRenderer().zoomFactor() == Approx(fitted));
    CHECK(view.sliceRenderer().identifyingTextVisible());
    press(Qt::Key_I);
    CHECK_FALSE(view.sliceRenderer().identifyingTextVisible());
    press(Qt::Key_I);
    CHECK(view.sliceRenderer().identifyingTextVisible());
    press(Qt::Key_O);
    CHECK_FALSE(view.sliceRenderer().overlayVisible());
    press(Qt::Key_O);
    CHECK(view.sliceRenderer().overlayVisible());

    // Tools.
    press(Qt::Key_S);
    CHECK(marks.activeToolKind() == ToolKind::Edit);
    press(Qt::Key_L);
    CHECK(marks.activeToolKind() == ToolKind::Line);
    press(Qt::Key_B);
    CHECK(marks.activeToolKind() == ToolKind::Box2d);
    press(Qt::Key_B, Qt::ShiftModifier);
    CHECK(marks.activeToolKind() == ToolKind::Box3d);
    press(Qt::Key_V);
    CHECK(marks.activeToolKind() == ToolKind::View);
    press(Qt::Key_R);
    CHECK(marks.activeToolKind() == ToolKind::Recist);
    CHECK(QApplication::focusWidget() == &view);

    // Esc cancels a RECIST half drawn (the long axis without its width): nothing is added.
    view.setSliceIndex(11);
    const std::size_t before = marks.document().marks().size();
    drag(view, { 100.0, 100.0 }, { 160.0, 100.0 });
    press(Qt::Key_Escape);
    drag(view, { 130.0, 140.0 }, { 130.0, 160.0 });
    CHECK(marks.document().marks().size() == before);
    // A whole RECIST, then Ctrl+Z, Ctrl+Shift+Z, Ctrl+Z, Ctrl+Y.
    drag(view, { 100.0, 100.0 }, { 160.0, 100.0 });
    drag(view, { 130.0, 140.0 }, { 130.0, 160.0 });
    REQUIRE(marks.document().marks().size() == before + 1);
    CHECK(marks.undoAction()->text() == "&Undo Add RECIST on slice 12");
    press(Qt::Key_Z, Qt::ControlModifier);
    CHECK(marks.document().marks().size() == before);
    CHECK(marks.redoAction()->text() == "&Redo Add RECIST on slice 12");
    press(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(marks.document().marks().size() == before + 1);
    press(Qt::Key_Z, Qt::ControlModifier);
    CHECK(marks.document().marks().size() == before);
    press(Qt::Key_Y, Qt::ControlModifier);
    REQUIRE(marks.document().marks().size() == before + 1);
    // Delete removes the selected mark.
    press(Qt::Key_S);
    view.setSelectedMarkId(QString::fromStdString(marks.document().marks().back().id));
    press(Qt::Key_Delete);
    CHECK(marks.document().marks().size() == before);
    CHECK(marks.undoAction()->text() == "&Undo Delete RECIST on slice 12");
    press(Qt::Key_V);

    // Layouts Ctrl+2, Ctrl+3 (3D: A / P / L / S look from a side, R resets), Ctrl+1.
    radmark::viewer::ViewerLayoutWidget& layout = *window.viewerLayout();
    press(Qt::Key_2, Qt::ControlModifier);
    CHECK(layout.viewerLayout() == radmark::viewer::ViewerLayout::ThreePlanes);
    // The keyboard follows into the planes (arrows scroll the axial plane), not into a panel.
    CHECK(QApplication::focusWidget() == layout.mprView(annotation::MprOrientation::Axial));
    press(Qt::Key_1, Qt::ControlModifier);
    CHECK(QApplication::focusWidget() == &view);
    press(Qt::Key_3, Qt::ControlModifier);
    REQUIRE(layout.viewerLayout() == radmark::viewer::ViewerLayout::PlanesAnd3d);
    radmark::viewer::VolumeViewWidget& volumeView = *layout.volumeView();
    QTest::mouseClick(&volumeView, Qt::LeftButton, Qt::NoModifier, volumeView.rect().center());
    REQUIRE(QApplication::focusWidget() == &volumeView);
    const auto& scene = volumeView.volumeRenderer();
    const annotation::Vector3 left { 1.0, 0.0, 0.0 }; // LPS: +x is the patient's left
    const annotation::Vector3 up { 0.0, 0.0, 1.0 };
    press(Qt::Key_P);
    CHECK(screenDirection(scene, left).first < -10.0); // from behind: the patient's left on the screen's left
    press(Qt::Key_A);
    CHECK(screenDirection(scene, left).first > 10.0); // from the front: the patient's left on the screen's right
    press(Qt::Key_L);
    CHECK(std::abs(screenDirection(scene, left).first) < 1.0); // looking along the left-right axis
    press(Qt::Key_S);
    CHECK(std::abs(screenDirection(scene, up).first) < 1.0); // looking down the head-feet axis
    CHECK(std::abs(screenDirection(scene, up).second) < 1.0);
    press(Qt::Key_R);
    CHECK(screenDirection(scene, left).first > 10.0);
    CHECK(screenDirection(scene, up).second < -10.0); // head up
    CHECK(marks.activeToolKind() == ToolKind::View); // R, L, S in the 3D view are not tool keys
    press(Qt::Key_1, Qt::ControlModifier);
    CHECK(layout.viewerLayout() == radmark::viewer::ViewerLayout::Single);
    CHECK(QApplication::focusWidget() == &view);
}

TEST_CASE(
    "saliency review keys: verdicts, H, M, Enter, with the focus back in the view after Enter", "[gui][keys][saliency]")
{
    const fs::path project = demoProject();
    MainWindow window;
    showActive(window);
    REQUIRE(window.openProject(QString::fromStdString(project.string())));
    SaliencyReviewPanel& panel = *window.saliencyPanel();
    REQUIRE(panel.table()->rowCount() == 2);
    QSignalSpy shown(&panel, &SaliencyReviewPanel::mapShown);
    // A click on the list's first map, as a reviewer starts.
    QTest::mouseClick(panel.table()->viewport(), Qt::LeftButton, Qt::NoModifier,
        panel.table()->visualItemRect(panel.table()->item(0, 0)).center());
    REQUIRE(shown.wait(60000));
    const std::int64_t first = panel.currentMapId();
    CHECK(first == panel.table()->mapIdAt(0));
    INFO("focus: " << focusName().toStdString());
    REQUIRE(QApplication::focusWidget() == window.sliceView());

    const auto verdictChecked = [&panel](const char* title) {
        for (QAbstractButton* button : panel.findChildren<QAbstractButton*>()) {
            if (button->text().startsWith(title)) {
                return button->isChecked();
            }
        }
        return false;
    };
    press(Qt::Key_N);
    CHECK(verdictChecked("Implausible"));
    press(Qt::Key_T);
    CHECK(verdictChecked("Artefact"));
    press(Qt::Key_X);
    CHECK(verdictChecked("Outside"));
    press(Qt::Key_U);
    CHECK(verdictChecked("Unsure"));

    const auto& overlay = window.sliceView()->sliceRenderer().saliencyOverlay();
    CHECK(overlay.visible());
    press(Qt::Key_H);
    CHECK_FALSE(overlay.visible());
    press(Qt::Key_H);
    CHECK(overlay.visible());

    shown.clear();
    press(Qt::Key_M); // the other map of the same series
    if (shown.isEmpty()) {
        REQUIRE(shown.wait(60000));
    }
    CHECK(panel.currentMapId() != first);
    press(Qt::Key_M);
    if (panel.currentMapId() != first) {
        REQUIRE(shown.wait(60000));
    }
    REQUIRE(panel.currentMapId() == first);

    // P, a note typed in the note box, Enter: saved, the next map opens, and the keyboard is back in the
    // view: the next P is a verdict, not a "p" in the note.
    press(Qt::Key_P);
    panel.noteEdit()->setFocus();
    QTest::keyClicks(panel.noteEdit(), "on the lesion");
    shown.clear();
    press(Qt::Key_Return);
    if (panel.currentMapId() == first) {
        REQUIRE(shown.wait(60000));
    }
    const std::int64_t second = panel.currentMapId();
    CHECK(second != first);
    CHECK(QApplication::focusWidget() == window.sliceView());
    press(Qt::Key_P);
    CHECK(verdictChecked("Plausible"));
    CHECK(panel.noteEdit()->text().isEmpty());
    press(Qt::Key_Return); // the last map of the list: saved, the focus stays in the view
    CHECK(QApplication::focusWidget() == window.sliceView());

    auto reopened = storage::ProjectStore::open(project.string(), storage::ProjectStore::OpenMode::ReadOnly);
    storage::SaliencyStore store(*reopened);
    REQUIRE(store.latestReview(first));
    CHECK(store.latestReview(first)->verdict == annotation::SaliencyVerdict::Plausible);
    CHECK(store.latestReview(first)->note == "on the lesion");
    REQUIRE(store.latestReview(second));
    CHECK(store.latestReview(second)->verdict == annotation::SaliencyVerdict::Plausible);
    CHECK(store.latestReview(second)->note.empty());
}

TEST_CASE("label keys: Ctrl+L, a label's key, Alt+Right / Alt+Left, Enter confirms", "[gui][keys][labels]")
{
    MainWindow window;
    showActive(window);
    REQUIRE(window.openProject(QString::fromStdString(demoProject().string())));
    radmark::app::LabelReviewSession& session = *window.labelling()->session();
    radmark::app::LabelPanel& labels = *window.labelling()->labelPanel();
    openSeries(window, seriesWithDescription(window, "Axial 5mm"));
    const std::int64_t firstStudy = session.studyId();
    REQUIRE(firstStudy >= 0);

    press(Qt::Key_L, Qt::ControlModifier);
    REQUIRE(QApplication::focusWidget() == labels.table());
    // "A" cycles Appendicitis (proposed negative in DEMO0001): negative -> uncertain.
    REQUIRE(session.rows()[0].definition->name == "Appendicitis");
    const auto before = session.rows()[0].current();
    press(Qt::Key_A);
    CHECK(session.rows()[0].hasDecision);
    CHECK(session.rows()[0].current().value != before.value);
    CHECK(window.annotations()->undoAction()->text().startsWith("&Undo Set Appendicitis"));

    QSignalSpy opened(&window, &MainWindow::seriesOpened);
    press(Qt::Key_Right, Qt::AltModifier);
    CHECK(session.studyId() != firstStudy);
    REQUIRE(opened.wait(60000));
    press(Qt::Key_Left, Qt::AltModifier);
    CHECK(session.studyId() == firstStudy);
    REQUIRE(opened.wait(60000));

    // Enter in the label table confirms the study and opens the next unconfirmed one, keyboard still there.
    labels.focusLabels();
    press(Qt::Key_Return);
    REQUIRE(opened.wait(60000));
    CHECK(session.studyId() != firstStudy);
    CHECK(QApplication::focusWidget() == labels.table());
    session.showStudy(firstStudy);
    CHECK(session.isConfirmed(*session.studyState()));

    // Help ▸ Keyboard lists the schema's label keys.
    const QString help = radmark::app::keyboardHelpHtml(session.schema());
    CHECK(help.contains("cycle “Appendicitis”"));
    CHECK(help.contains("Ctrl+Shift+Z, Ctrl+Y"));
}

TEST_CASE("letters typed in the study tree search it instead of switching tools", "[gui][keys]")
{
    MainWindow window;
    showActive(window);
    REQUIRE(window.openProject(QString::fromStdString(demoProject().string())));
    openSeries(window, seriesWithDescription(window, "Axial 5mm"));
    QTreeView* tree = window.browser()->treeView();
    QTest::mouseClick(
        tree->viewport(), Qt::LeftButton, Qt::NoModifier, tree->visualRect(tree->model()->index(0, 0)).center());
    REQUIRE(QApplication::focusWidget() == tree);
    const ToolKind tool = window.annotations()->activeToolKind();
    // Patients "Demo Phantom" and "Demo Tilted": typing "demo t" jumps to the second.
    for (int key : { Qt::Key_R, Qt::Key_S, Qt::Key_V, Qt::Key_L, Qt::Key_B, Qt::Key_P, Qt::Key_H }) {
        press(key);
        CHECK(window.annotations()->activeToolKind() == tool);
    }
    QTest::qWait(QApplication::keyboardInputInterval() + 50); // a new keyboard search
    QTest::keyClicks(tree, "demo t");
    CHECK(tree->currentIndex().data().toString().startsWith("Demo Tilted"));
    CHECK(window.annotations()->activeToolKind() == tool);
    // Keys with Ctrl stay shortcuts in the tree; back in the view, R is the RECIST tool again.
    press(Qt::Key_2, Qt::ControlModifier);
    CHECK(window.viewerLayout()->viewerLayout() == radmark::viewer::ViewerLayout::ThreePlanes);
    press(Qt::Key_1, Qt::ControlModifier);
    window.sliceView()->setFocus();
    press(Qt::Key_R);
    CHECK(window.annotations()->activeToolKind() == ToolKind::Recist);
}

TEST_CASE("the saliency overlay stays as the user left it, per project", "[gui][saliency]")
{
    const fs::path project = demoProject();
    const fs::path other = demoProject();
    const auto openFirstMap = [](MainWindow& window, const fs::path& path) {
        REQUIRE(window.openProject(QString::fromStdString(path.string())));
        SaliencyReviewPanel& panel = *window.saliencyPanel();
        QSignalSpy shown(&panel, &SaliencyReviewPanel::mapShown);
        panel.showMap(panel.table()->mapIdAt(0));
        REQUIRE(shown.wait(60000));
        return window.sliceView()->sliceRenderer().saliencyOverlay().visible();
    };
    {
        MainWindow window;
        showActive(window);
        CHECK(openFirstMap(window, project)); // on by default
        window.sliceView()->setFocus();
        press(Qt::Key_H);
        CHECK_FALSE(window.sliceView()->sliceRenderer().saliencyOverlay().visible());
        CHECK_FALSE(window.saliencyPanel()->overlayAction()->isChecked());
        // The next map (Enter after a verdict) and the same map again stay hidden.
        QSignalSpy shown(window.saliencyPanel(), &SaliencyReviewPanel::mapShown);
        press(Qt::Key_U);
        press(Qt::Key_Return);
        if (shown.isEmpty()) {
            REQUIRE(shown.wait(60000));
        }
        CHECK_FALSE(window.sliceView()->sliceRenderer().saliencyOverlay().visible());
        CHECK_FALSE(openFirstMap(window, project));
        // Another project keeps its own choice (shown).
        CHECK(openFirstMap(window, other));
    }
    MainWindow reopened;
    showActive(reopened);
    CHECK_FALSE(openFirstMap(reopened, project));
    // View ▸ Saliency Overlay turns it on again, and that is remembered too.
    reopened.saliencyPanel()->overlayAction()->trigger();
    CHECK(reopened.sliceView()->sliceRenderer().saliencyOverlay().visible());
    CHECK(openFirstMap(reopened, project));
}

TEST_CASE("keys with Ctrl work in a text field too: Ctrl+E in the filter box opens File > Export", "[gui][keys]")
{
    MainWindow window;
    showActive(window);
    REQUIRE(window.openProject(QString::fromStdString(demoProject().string())));
    auto* filter = window.findChild<QLineEdit*>("browserFilter");
    REQUIRE(filter != nullptr);
    filter->setFocus();
    REQUIRE(QApplication::focusWidget() == filter); // where the keyboard is when the window opens
    // The line edit took Ctrl+E for "end of line" (X11), so File > Export... never opened from there.
    bool exportShown = false;
    QTimer::singleShot(0, &window, [&exportShown] {
        if (auto* dialog = qobject_cast<radmark::app::ExportDialog*>(QApplication::activeModalWidget())) {
            exportShown = true;
            dialog->close();
        }
    });
    press(Qt::Key_E, Qt::ControlModifier);
    CHECK(exportShown);
    // The field's own editing keys stay its: Ctrl+Z undoes what was typed there, not an edit of the project.
    QTest::keyClicks(filter, "tilt");
    REQUIRE(filter->text() == "tilt");
    press(Qt::Key_Z, Qt::ControlModifier);
    CHECK(filter->text() != "tilt");
    CHECK(window.annotations()->undoAction()->text() == "&Undo"); // nothing of the project was undone
}
