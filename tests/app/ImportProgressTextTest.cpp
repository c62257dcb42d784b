// The progress texts of an import: the command line's line and the GUI dialog's time left.
#include "gui/ImportController.h"
#include "radmark/storage/importing/Importer.h"

#include <catch2/catch.hpp>

using radmark::app::ImportController;
using radmark::storage::ImportProgress;
using radmark::storage::importProgressText;

TEST_CASE("Import progress says files read of found, files/s and the time left", "[import]")
{
    ImportProgress progress;
    progress.filesFound = 20000;
    progress.filesProcessed = 12345;
    progress.filesPerSecond = 2345.4;
    progress.scanFinished = true;
    progress.secondsLeft = 3725.0;
    CHECK(importProgressText(progress) == "12,345 of 20,000 files (61%), 2,345 files/s, 1:02:05 left");
    progress.secondsLeft = 7.4;
    CHECK(importProgressText(progress) == "12,345 of 20,000 files (61%), 2,345 files/s, 0:07 left");

    // While folders are still scanned the total (and so the time left) is not known.
    progress.scanFinished = false;
    progress.secondsLeft = -1.0;
    CHECK(importProgressText(progress) == "12,345 files read, 20,000 found so far, 2,345 files/s");

    CHECK(ImportController::timeLeftText(-1.0).toStdString() == "time left not known yet");
    CHECK(ImportController::timeLeftText(42.4).toStdString() == "42 s left");
    CHECK(ImportController::timeLeftText(245.0).toStdString() == "4 min 05 s left");
    CHECK(ImportController::timeLeftText(3 * 3600 + 7 * 60).toStdString() == "3 h 07 min left");
}
