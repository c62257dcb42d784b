// `radmark import` stopped midway (Ctrl-C, then kill -9) and run again ends with exactly the rows of a clean
// import; the project opens read-only in another process while the import runs; progress lines.
#include "RadmarkProcess.h"
#include "TestPaths.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <set>
#include <thread>

using radmark::testing::runRadmark;
namespace fs = std::filesystem;
namespace storage = radmark::storage;

namespace {

constexpr int seriesCount = 40;
constexpr int slicesPerSeries = 150;
constexpr int totalFiles = seriesCount * slicesPerSeries;

void writeDataSet(const fs::path& folder)
{
    for (int index = 0; index < seriesCount; ++index) {
        storage::SyntheticSeriesSpec spec;
        spec.patientId = "RESUME-" + std::to_string(index / 4);
        spec.patientName = "Resume^Patient" + std::to_string(index / 4);
        spec.accessionNumber = "ACC-RESUME-" + std::to_string(index / 2);
        spec.studyInstanceUid = "1.2.826.0.1.3680043.10.1119.1." + std::to_string(index / 2 + 1);
        spec.seriesInstanceUid = "1.2.826.0.1.3680043.10.1119.2." + std::to_string(index + 1);
        spec.seriesNumber = index + 1;
        spec.columns = 8;
        spec.rows = 8;
        spec.slices = slicesPerSeries;
        spec.huAt = [](const radmark::annotation::Vector3&) { return 0.0; };
        storage::writeSyntheticSeries(spec, (folder / ("series" + std::to_string(index))).string());
    }
}

struct ProjectRows {
    long long patients = -1;
    long long studies = -1;
    long long series = -1;
    long long instances = -1;
    long long skipped = -1;
    std::set<std::string> instanceRows; // file path | SOP instance UID | series UID
};

long long countOf(sqlite3* database, const char* sql)
{
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(database, sql, -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    const long long count = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return count;
}

ProjectRows readRows(const std::string& projectPath)
{
    ProjectRows rows;
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open_v2(projectPath.c_str(), &database, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    rows.patients = countOf(database, "SELECT count(*) FROM patients");
    rows.studies = countOf(database, "SELECT count(*) FROM studies");
    rows.series = countOf(database, "SELECT count(*) FROM series");
    rows.instances = countOf(database, "SELECT count(*) FROM instances");
    rows.skipped = countOf(database, "SELECT count(*) FROM skipped_files");
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(database,
                "SELECT i.file_path, i.sop_instance_uid, s.series_uid FROM instance_records i "
                "JOIN series s ON s.id = i.series_ref",
                -1, &statement, nullptr)
        == SQLITE_OK);
    while (sqlite3_step(statement) == SQLITE_ROW) {
        std::string row;
        for (int column = 0; column < 3; ++column) {
            row += reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
            row += "|";
        }
        rows.instanceRows.insert(row);
    }
    sqlite3_finalize(statement);
    sqlite3_close(database);
    return rows;
}

// Instances committed so far, read the way another process would while the import runs; -1 before the project
// file has its tables.
long long committedInstances(const std::string& projectPath)
{
    sqlite3* database = nullptr;
    long long count = -1;
    if (sqlite3_open_v2(projectPath.c_str(), &database, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(database, "SELECT count(*) FROM instances", -1, &statement, nullptr) == SQLITE_OK
            && sqlite3_step(statement) == SQLITE_ROW) {
            count = sqlite3_column_int64(statement, 0);
        }
        sqlite3_finalize(statement);
    }
    sqlite3_close(database);
    return count;
}

QStringList importArguments(const std::string& project, const fs::path& data)
{
    return { "import", QString::fromStdString(project), QString::fromStdString(data.string()), "--threads", "1",
        "--batch-files", "100", "--progress" };
}

// Starts `radmark import`, waits until at least `minimumCommitted` instances are committed (seen by another
// reader), then sends `signalNumber` and (unless it stops the process) waits for the process to end. Returns the
// instances committed when the signal was sent.
long long importUntil(
    QProcess& process, const std::string& project, const fs::path& data, long long minimumCommitted, int signalNumber)
{
    process.start(QString::fromUtf8(RADMARK_BINARY), importArguments(project, data));
    REQUIRE(process.waitForStarted(10000));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    long long committed = -1;
    while (std::chrono::steady_clock::now() < deadline && process.state() == QProcess::Running) {
        committed = committedInstances(project);
        if (committed >= minimumCommitted) {
            ::kill(static_cast<pid_t>(process.processId()), signalNumber);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (signalNumber != SIGSTOP) {
        REQUIRE(process.waitForFinished(60000));
    }
    return committed;
}

} // namespace

TEST_CASE("An import stopped by Ctrl-C and killed with -9 continues where it was and ends with the rows of a clean "
          "import",
    "[cli][import]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-import-resume");
    const fs::path data = folder / "data";
    writeDataSet(data);
    const std::string cleanProject = (folder / "clean.radmark").string();
    const std::string project = (folder / "resumed.radmark").string();

    const auto clean = runRadmark({ "import", cleanProject, data.string(), "--quiet" });
    INFO(clean.standardOutput << clean.standardError);
    REQUIRE(clean.exitCode == 0);
    const ProjectRows expected = readRows(cleanProject);
    REQUIRE(expected.instances == totalFiles);
    REQUIRE(expected.series == seriesCount);
    REQUIRE(expected.studies == seriesCount / 2);
    REQUIRE(expected.patients == seriesCount / 4);
    REQUIRE(expected.skipped == 0);

    // 1. Ctrl-C (SIGINT) once some batches are committed: the batch being written is finished, the command says
    // how to continue and exits 130.
    QProcess first;
    const long long seenAtInterrupt = importUntil(first, project, data, 1, SIGINT);
    const std::string firstOutput = first.readAllStandardOutput().toStdString();
    INFO(firstOutput << first.readAllStandardError().toStdString());
    REQUIRE(seenAtInterrupt >= 1);
    REQUIRE(first.exitStatus() == QProcess::NormalExit);
    CHECK(first.exitCode() == 130);
    CHECK(firstOutput.find("Import stopped: ") != std::string::npos);
    CHECK(firstOutput.find("Run the same command again to continue") != std::string::npos);
    const long long afterInterrupt = readRows(project).instances;
    CHECK(afterInterrupt >= seenAtInterrupt);
    REQUIRE(afterInterrupt < totalFiles);

    // 2. Resumed, and this time killed with SIGKILL midway: nothing committed is lost, a torn batch is not seen.
    QProcess second;
    const long long seenAtKill = importUntil(second, project, data, afterInterrupt + 200, SIGKILL);
    CHECK(second.exitStatus() == QProcess::CrashExit);
    const ProjectRows afterKill = readRows(project);
    CHECK(afterKill.instances >= seenAtKill);
    REQUIRE(afterKill.instances < totalFiles);

    // 3. Resumed to the end: the committed files are found unchanged, not read again; the rows are exactly those
    // of the clean import.
    const auto last = runRadmark({ "import", project, data.string(), "--threads", "1", "--progress" });
    INFO(last.standardOutput << last.standardError);
    REQUIRE(last.exitCode == 0);
    CHECK(last.standardOutput.find("Imported: " + std::to_string(totalFiles) + " files") != std::string::npos);
    CHECK(last.standardOutput.find(std::to_string(totalFiles - afterKill.instances) + " new or changed, "
              + std::to_string(afterKill.instances) + " unchanged, 0 skipped")
        != std::string::npos);
    const ProjectRows resumed = readRows(project);
    CHECK(resumed.patients == expected.patients);
    CHECK(resumed.studies == expected.studies);
    CHECK(resumed.series == expected.series);
    CHECK(resumed.instances == expected.instances);
    CHECK(resumed.skipped == expected.skipped);
    CHECK(resumed.instanceRows == expected.instanceRows);

    // The progress lines (stderr is no terminal here: one line per second, and the last one at the end).
    const std::regex finalLine("6,000 of 6,000 files \\(100%\\), [0-9,]+ files/s, 0:00 left, [0-9]+ committed\n");
    CHECK(std::regex_search(last.standardError, finalLine));
}

TEST_CASE(
    "During a long import another process opens the project read-only and sees the committed rows", "[cli][import]")
{
    const fs::path folder = radmark::testing::makeTemporaryFolder("radmark-import-reader");
    const fs::path data = folder / "data";
    writeDataSet(data);
    const std::string project = (folder / "busy.radmark").string();

    QProcess import;
    const long long seen = importUntil(import, project, data, 1, SIGSTOP);
    REQUIRE(seen >= 1);
    const qint64 importerPid = import.processId();
    // The importer holds the writer lock (stopped mid-import, between or inside a batch).
    const auto info = runRadmark({ "info", project, "--json" });
    const auto skipped = runRadmark({ "skipped", project });
    bool openedReadOnly = false;
    std::string readOnlyReason;
    long long instancesSeenHere = -1;
    {
        // What the GUI does when it opens the project: it gets it read-only, with the reason to show.
        const auto store = storage::ProjectStore::open(project, storage::ProjectStore::OpenMode::ReadWrite);
        openedReadOnly = store->isReadOnly();
        readOnlyReason = store->readOnlyReason();
        instancesSeenHere = store->counts().instances;
    }
    ::kill(static_cast<pid_t>(importerPid), SIGCONT);
    ::kill(static_cast<pid_t>(importerPid), SIGKILL);
    import.waitForFinished(60000);

    INFO(info.standardOutput << info.standardError);
    REQUIRE(info.exitCode == 0);
    const QJsonObject counts = QJsonDocument::fromJson(QByteArray::fromStdString(info.standardOutput)).object();
    CHECK(counts["instances"].toInt() >= seen);
    CHECK(counts["instances"].toInt() < totalFiles);
    CHECK(counts["skipped_files"].toInt() == 0);
    CHECK(skipped.exitCode == 0);

    CHECK(openedReadOnly);
    INFO(readOnlyReason);
    CHECK(readOnlyReason.find("another RadMark (process " + std::to_string(importerPid) + ")") != std::string::npos);
    CHECK(instancesSeenHere >= seen);
    // The killed importer's lock went with it: the project opens for writing again.
    const auto writer = storage::ProjectStore::open(project, storage::ProjectStore::OpenMode::ReadWrite);
    CHECK_FALSE(writer->isReadOnly());
}
