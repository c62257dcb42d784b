#include "RadmarkProcess.h"

#include <QProcess>
#include <QStringList>

namespace radmark::testing {

ProcessResult runRadmark(const std::vector<std::string>& arguments)
{
    QStringList argumentList;
    for (const auto& argument : arguments) {
        argumentList.append(QString::fromStdString(argument));
    }
    QProcess process;
    process.start(QString::fromUtf8(RADMARK_BINARY), argumentList);
    process.closeWriteChannel();
    ProcessResult result;
    if (!process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished();
        result.standardError = "timed out";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.standardOutput = process.readAllStandardOutput().toStdString();
    result.standardError = process.readAllStandardError().toStdString();
    return result;
}

} // namespace radmark::testing
