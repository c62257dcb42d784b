// Catch2 main for suites that need a QApplication (and an X display: they run under xvfb-run).
// A Qt warning or critical message, or VTK error output (forwarded into Qt's messages), fails the run:
// it is printed with the test case that caused it, and the process exits non-zero even when every
// assertion passed. Messages that only say something about the test machine are listed below.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <QMutex>
#include <QMutexLocker>
#include <QStringList>

#include <cstdio>
#include <string>

#include "radmark/viewer/SurfaceFormat.h"
#include "radmark/viewer/VtkMessageForwarding.h"

namespace {

QMutex messagesMutex;
QStringList unexpectedMessages;
std::string currentTestCase = "(outside any test case)";

// The display server and font setup of a CI machine, not the program under test.
bool isEnvironmentNoise(const QString& message)
{
    static const char* const environmentMessages[] = {
        "XDG_RUNTIME_DIR", // QStandardPaths under xvfb-run without a login session
        "QStandardPaths: runtime directory", // same, other wording
        "Qt: Session management error", // no session manager under Xvfb
    };
    for (const char* text : environmentMessages) {
        if (message.contains(QLatin1String(text))) {
            return true;
        }
    }
    return false;
}

void recordMessage(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    const char* kind = type == QtDebugMsg ? "debug"
        : type == QtInfoMsg               ? "info"
        : type == QtWarningMsg            ? "warning"
                                          : "critical";
    std::fprintf(stderr, "[Qt %s] %s\n", kind, qPrintable(message));
    if (type == QtDebugMsg || type == QtInfoMsg || isEnvironmentNoise(message)) {
        return;
    }
    QMutexLocker lock(&messagesMutex);
    unexpectedMessages.append(QString::fromStdString(currentTestCase) + ": " + message);
}

struct TestCaseNameListener : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testCaseStarting(const Catch::TestCaseInfo& info) override
    {
        QMutexLocker lock(&messagesMutex);
        currentTestCase = info.name;
    }
};

} // namespace

CATCH_REGISTER_LISTENER(TestCaseNameListener)

int main(int argc, char* argv[])
{
    qInstallMessageHandler(recordMessage);
    radmark::viewer::installDefaultSurfaceFormat();
    QApplication application(argc, argv);
    radmark::viewer::forwardVtkMessagesToQt();
    const int result = Catch::Session().run(argc, argv);
    QMutexLocker lock(&messagesMutex);
    if (!unexpectedMessages.isEmpty()) {
        std::fprintf(stderr, "\n%d unexpected Qt/VTK warning(s); a warning is a failure in the GUI suites:\n",
            int(unexpectedMessages.size()));
        for (const QString& message : unexpectedMessages) {
            std::fprintf(stderr, "  %s\n", qPrintable(message));
        }
        return result != 0 ? result : 1;
    }
    return result;
}
