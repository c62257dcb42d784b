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
#include <QSignalSpy>

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
