// Import under control in the real main window: the progress dialog shows at once, Cancel and closing the
// window stop an import within a second even while a 3 GB file is being read, and the writer lock goes.
#include "LargeDicomFile.h"
#include "TestPaths.h"
#include "gui/ImportController.h"
#include "gui/MainWindow.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
using radmark::app::ImportController;
using radmark::app::MainWindow;

namespace {

// A project and a folder holding one slow (3 GB, sparse) DICOM-like file.
struct SlowImport {
    std::string folder = radmark::testing::makeTemporaryFolder("radmark-import-control");
    std::string project = folder + "/control.radmark";
    QString input = QString::fromStdString(folder + "/in");

    SlowImport()
    {
        fs::create_directories(folder + "/in");
        radmark::testing::writeLargeDicomLikeFile(folder + "/in/large.dcm", 3ull << 30);
    }
};

// True when a new open file description can take the project's writer lock, i.e. nobody holds it.
bool writerLockIsFree(const std::string& projectPath)
{
    const int descriptor = ::open((projectPath + ".lock").c_str(), O_RDWR | O_CLOEXEC);
    if (descriptor < 0) {
        return true;
    }
    const bool free = ::flock(descriptor, LOCK_EX | LOCK_NB) == 0;
    ::close(descriptor);
    return free;
}

// Clicks the button with `text` in the modal message box as soon as it shows.
void clickInNextMessageBox(const QString& text)
{
    QTimer::singleShot(100, [text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        REQUIRE(box != nullptr);
        for (QAbstractButton* button : box->buttons()) {
            if (button->text() == text) {
                button->click();
                return;
            }
        }
        FAIL("no button " << text.toStdString() << " in the message box");
    });
}

// Waits until the import has found the one large file and is reading it: the label counts it as found
// ("Scanning folders… 1 file found so far") or as one of the files to read ("0 of 1 file read").
bool waitUntilReadingFiles(QWidget& window)
{
    return QTest::qWaitFor(
        [&window] {
            const auto* dialog = window.findChild<QProgressDialog*>("importProgressDialog");
            return dialog != nullptr
                && QRegularExpression("(1 file found)|(^\\d+ of 1 file read)").match(dialog->labelText()).hasMatch();
        },
        20000);
}

} // namespace

TEST_CASE("The import dialog shows at once, Cancel inside a 3 GB file stops within a second and says what was "
          "committed",
    "[gui][import]")
{
    SlowImport files;
    MainWindow window;
    window.setInteractiveDialogs(false);
    window.resize(1280, 720);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.openProject(QString::fromStdString(files.project), true));

    QSignalSpy finished(&window, &MainWindow::importFinished);
    REQUIRE(window.importPaths({ files.input }));
    auto* dialog = window.findChild<QProgressDialog*>("importProgressDialog");
    REQUIRE(dialog != nullptr);
    CHECK(dialog->isVisible()); // from the first moment, not after the scan
    CHECK(dialog->labelText().startsWith("Scanning folders"));

    REQUIRE(waitUntilReadingFiles(window));
    REQUIRE(finished.isEmpty()); // still inside the large file
    auto* cancelButton = dialog->findChild<QPushButton*>();
    REQUIRE(cancelButton != nullptr);
    QElapsedTimer sinceCancel;
    sinceCancel.start();
    QTest::mouseClick(cancelButton, Qt::LeftButton);
    REQUIRE(finished.wait(10000));
    CHECK(sinceCancel.elapsed() < 1000);
    CHECK(finished.front().at(2).toBool()); // cancelled
    CHECK(window.statusBar()->currentMessage()
        == "Import cancelled: 0 new or changed files were committed to the project (0 files read, 0 unchanged, 0 "
           "skipped). Import the same folders again to continue; committed files are not read again.");
    CHECK_FALSE(window.findChild<ImportController*>()->isRunning());
}

TEST_CASE(
    "Closing the window during an import asks, stops the import within a second and frees the project", "[gui][import]")
{
    SlowImport files;
    // Closing the last window must not end the test runner's event loops.
    QApplication::setQuitOnLastWindowClosed(false);
    auto window = std::make_unique<MainWindow>();
    window->resize(1280, 720);
    window->show();
    REQUIRE(QTest::qWaitForWindowExposed(window.get()));
    REQUIRE(window->openProject(QString::fromStdString(files.project), true));
    auto* controller = window->findChild<ImportController*>();
    REQUIRE(controller != nullptr);
    REQUIRE(window->importPaths({ files.input }));
    REQUIRE(waitUntilReadingFiles(*window));
    REQUIRE(controller->isRunning());

    // "Keep Importing": the window stays and the import goes on.
    clickInNextMessageBox("Keep Importing");
    CHECK_FALSE(window->close());
    CHECK(window->isVisible());
    CHECK(controller->isRunning());

    // "Stop Import and Quit": the import stops within a second and the window closes.
    clickInNextMessageBox("Stop Import and Quit");
    QElapsedTimer sinceClose;
    sinceClose.start();
    CHECK(window->close());
    const qint64 closeMs = sinceClose.elapsed();
    CHECK(closeMs < 1000 + 150); // the question box is answered after 100 ms
    CHECK_FALSE(window->isVisible());
    CHECK_FALSE(controller->isRunning());

    // With the window gone nothing holds the project: another RadMark gets it for writing.
    window.reset();
    CHECK(writerLockIsFree(files.project));
    const auto reopened = storage::ProjectStore::open(files.project, storage::ProjectStore::OpenMode::ReadWrite);
    CHECK_FALSE(reopened->isReadOnly());
}
