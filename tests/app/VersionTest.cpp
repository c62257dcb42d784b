// radmark --version and Help > About name the version from CMake's project() and the git commit
// the binary was built from ("unknown" outside a git checkout, e.g. a source tarball).
#include "RadmarkProcess.h"
#include "gui/MainWindow.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QTest>
#include <QTimer>

#include <filesystem>
#include <regex>
#include <string>

namespace {

// The commit in "radmark 0.1.0 (git 53ef48f)", or "" when the line has another shape.
std::string commitOfVersionLine(const std::string& line)
{
    const std::regex shape("radmark " RADMARK_VERSION R"( \(git ([0-9a-f]{7,40}|unknown)\))");
    std::smatch match;
    return std::regex_match(line, match, shape) ? match[1].str() : std::string();
}

bool isCommitOfSourceTree(const std::string& commit)
{
    QProcess git;
    git.start("git",
        { "-C", RADMARK_SOURCE_DIR, "rev-parse", "--verify", "--quiet", QString::fromStdString(commit + "^{commit}") });
    return git.waitForFinished(30000) && git.exitStatus() == QProcess::NormalExit && git.exitCode() == 0;
}

} // namespace

TEST_CASE("radmark --version prints the project version and the git commit it was built from", "[cli][version]")
{
    const auto result = radmark::testing::runRadmark({ "--version" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardError.empty());
    REQUIRE(!result.standardOutput.empty());
    REQUIRE(result.standardOutput.back() == '\n');
    const std::string line = result.standardOutput.substr(0, result.standardOutput.size() - 1);
    INFO("radmark --version printed: " << line);
    const std::string commit = commitOfVersionLine(line);
    REQUIRE(!commit.empty());
    if (std::filesystem::exists(std::filesystem::path(RADMARK_SOURCE_DIR) / ".git")) {
        // Built from a checkout: the commit is one of the source tree's, not "unknown".
        REQUIRE(commit != "unknown");
        CHECK(isCommitOfSourceTree(commit));
    }
}

TEST_CASE("Help > About shows the same version line as radmark --version", "[gui][version]")
{
    const auto result = radmark::testing::runRadmark({ "--version" });
    REQUIRE(result.exitCode == 0);
    const QString versionLine = QString::fromStdString(result.standardOutput).trimmed();

    radmark::app::MainWindow window;
    window.setInteractiveDialogs(false);
    window.resize(1280, 720);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    QAction* about = nullptr;
    for (QAction* menuAction : window.menuBar()->actions()) {
        if (menuAction->menu() == nullptr) {
            continue;
        }
        for (QAction* action : menuAction->menu()->actions()) {
            if (action->text() == QObject::tr("&About RadMark")) {
                about = action;
            }
        }
    }
    REQUIRE(about != nullptr);

    QString shownText;
    QTimer::singleShot(100, [&shownText] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            shownText = box->text();
            box->accept();
        }
    });
    about->trigger();
    INFO("About box text: " << shownText.toStdString());
    CHECK(shownText.contains(versionLine));
    CHECK(shownText.contains("Apache License 2.0"));
}
