// File > Export…: the dialog runs the export on a worker thread, shows the result, and refuses a
// non-empty folder with the reason.
#include "gui/ExportDialog.h"
#include "TestPaths.h"
#include "demo/DemoProject.h"
#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTest>

#include <filesystem>

using namespace radmark;

TEST_CASE("export dialog: exports the demo project off the GUI thread and reports the result", "[gui][export]")
{
    const std::string folder = testing::makeTemporaryFolder("radmark-export-dialog");
    const std::string projectPath = folder + "/demo.radmark";
    app::createDemoProject(projectPath);
    {
        auto project = storage::ProjectStore::open(projectPath, storage::ProjectStore::OpenMode::ReadWrite);
        storage::MarkStore marks(*project);
        const std::string seriesUid = project->series().front().seriesUid;
        const storage::LoadedSeries loaded = storage::loadSeries(*project, seriesUid);
        annotation::LesionMark mark;
        mark.slice = { seriesUid, loaded.sliceSources[20].sopInstanceUid, 0, 20 };
        mark.plane = annotation::SlicePlane::fromGeometry(loaded.volume->geometry(), 20);
        mark.shape
            = *annotation::makeRecist({ { 100, 100 }, { 130, 110 } }, { { 118, 96 }, { 113, 112 } }, mark.plane).mark;
        mark.lesionType = 4;
        annotation::AnnotationDocument document({ "Dr Gui", annotation::AuthorRole::Radiologist });
        document.addObserver([&](const annotation::DocumentChange& change) { marks.applyChange(change, document); });
        REQUIRE(document.addMark(mark));
    }

    app::ExportDialog dialog(QString::fromStdString(projectPath));
    dialog.show();
    const std::string out = folder + "/dataset";
    dialog.outputFolderEdit()->setText(QString::fromStdString(out));
    dialog.formatCheckBox("coco")->setChecked(true);
    QSignalSpy finished(&dialog, &app::ExportDialog::exportFinished);
    REQUIRE(dialog.startExport());
    REQUIRE(finished.wait(120000));
    CHECK(finished.takeFirst().at(0).toBool());
    CHECK(dialog.logText().contains("Exported 2 studies of 2 patients (1 mark)"));
    CHECK(std::filesystem::is_regular_file(out + "/deeplesion/DL_info.csv"));
    CHECK(std::filesystem::is_regular_file(out + "/labels/labels.csv"));
    CHECK(std::filesystem::is_directory(out + "/coco/images"));
    CHECK(std::filesystem::is_regular_file(out + "/dataset_card.md"));

    REQUIRE(dialog.startExport());
    REQUIRE(finished.wait(120000));
    CHECK_FALSE(finished.takeFirst().at(0).toBool());
    CHECK(dialog.logText().contains("not empty"));
}

TEST_CASE("export dialog fits a 1280x720 screen: the options scroll, Export and Close stay in view", "[gui][export]")
{
    const std::string folder = testing::makeTemporaryFolder("radmark-export-dialog-small");
    const std::string projectPath = folder + "/demo.radmark";
    app::createDemoProject(projectPath);
    app::ExportDialog dialog(QString::fromStdString(projectPath));
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    // Opened as tall as the screen allows (the window manager's title bar included), never taller, and as wide as
    // the options: only the height scrolls.
    CHECK(dialog.frameGeometry().height() <= dialog.screen()->availableGeometry().height());
    auto* optionsScroll = dialog.findChild<QScrollArea*>("exportOptionsScroll");
    REQUIRE(optionsScroll != nullptr);
    CHECK(optionsScroll->widget()->width() <= optionsScroll->viewport()->width());

    // 720 pixels of screen less the title bar and a panel: the dialog was 867 pixels at least.
    const QSize small(740, 640);
    CHECK(dialog.minimumSizeHint().height() <= small.height());
    dialog.resize(small);
    REQUIRE(QTest::qWaitFor([&] { return dialog.size() == small; }, 5000));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    for (const QString& text : { QString("Export"), QString("Close") }) {
        INFO(text.toStdString());
        QPushButton* button = nullptr;
        for (QPushButton* candidate : dialog.findChildren<QPushButton*>()) {
            if (candidate->text().remove('&') == text) {
                button = candidate;
            }
        }
        REQUIRE(button != nullptr);
        CHECK(button->isVisible());
        CHECK(dialog.rect().contains(QRect(button->mapTo(&dialog, QPoint(0, 0)), button->size())));
    }
    // Every option can be scrolled to: the last format and the mapping file at the bottom.
    auto* scroll = dialog.findChild<QScrollArea*>("exportOptionsScroll");
    REQUIRE(scroll != nullptr);
    QLineEdit* mappingFile = nullptr;
    for (QLineEdit* edit : dialog.findChildren<QLineEdit*>()) {
        if (edit->placeholderText().startsWith("optional CSV")) {
            mappingFile = edit;
        }
    }
    REQUIRE(mappingFile != nullptr);
    for (QWidget* option : { static_cast<QWidget*>(dialog.formatCheckBox("dicom")),
             static_cast<QWidget*>(dialog.formatCheckBox("deeplesion")), static_cast<QWidget*>(mappingFile) }) {
        scroll->ensureWidgetVisible(option);
        QCoreApplication::processEvents();
        const QRect inViewport(option->mapTo(scroll->viewport(), QPoint(0, 0)), option->size());
        CHECK(scroll->viewport()->rect().contains(inViewport));
    }
}
