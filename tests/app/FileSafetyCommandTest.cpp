// The command line on unsafe inputs, run as real processes: files that are not projects, `radmark backup`, JSON
// output of DICOM strings that are not UTF-8, toolkit log lines on stderr, unreadable folders and a huge report
// CSV line (memory measured on the child process).
#include "ImportedTestSeries.h"
#include "RadmarkProcess.h"
#include "TestPaths.h"
#include "radmark/annotation/JsonWriter.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>

#include <filesystem>
#include <fstream>
#include <sstream>

using radmark::testing::runRadmark;
using radmark::testing::seriesOfSize;
using radmark::testing::writeAndImportSeries;
namespace fs = std::filesystem;

namespace {

void writeFile(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

bool isValidUtf8(const std::string& text)
{
    std::size_t index = 0;
    while (index < text.size()) {
        const auto lead = static_cast<unsigned char>(text[index]);
        std::size_t length = lead < 0x80     ? 1
            : (lead >= 0xC2 && lead <= 0xDF) ? 2
            : (lead & 0xF0) == 0xE0          ? 3
            : (lead >= 0xF0 && lead <= 0xF4) ? 4
                                             : 0;
        if (length == 0 || index + length > text.size()) {
            return false;
        }
        for (std::size_t next = 1; next < length; ++next) {
            if ((static_cast<unsigned char>(text[index + next]) & 0xC0) != 0x80) {
                return false;
            }
        }
        index += length;
    }
    return true;
}

// Strict: the bytes are UTF-8 and the text parses as JSON.
void requireStrictJson(const std::string& text)
{
    INFO(text);
    REQUIRE(isValidUtf8(text));
    QJsonParseError error;
    QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    REQUIRE(error.error == QJsonParseError::NoError);
}

int lineCount(const std::string& text)
{
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

TEST_CASE("An empty or foreign file given as PROJECT is refused with the reason and left as it was", "[cli][safety]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-cli-not-project");
    const std::string empty = folder + "/empty.radmark";
    writeFile(empty, "");
    fs::create_directories(folder + "/images");
    for (const std::vector<std::string>& command : { std::vector<std::string> { "info", empty },
             { "import", empty, folder + "/images" }, { "series", empty, "--json" } }) {
        const auto result = runRadmark(command);
        INFO(command.front() << ": " << result.standardError);
        CHECK(result.exitCode == 1);
        CHECK(lineCount(result.standardError) == 1);
        CHECK_THAT(result.standardError, Catch::Contains(empty + ": not a RadMark project: an empty file (0 bytes)"));
    }
    CHECK(fs::file_size(empty) == 0);
    CHECK_FALSE(fs::exists(empty + "-wal"));
}

TEST_CASE("radmark backup writes a checked one-file copy and refuses to overwrite without --overwrite", "[cli][backup]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-cli-backup");
    const std::string project = folder + "/p.radmark";
    writeAndImportSeries(seriesOfSize(32, 32, 4), folder + "/images", project);

    const std::string copy = folder + "/copy.radmark";
    const auto backup = runRadmark({ "backup", project, copy });
    INFO(backup.standardError);
    REQUIRE(backup.exitCode == 0);
    CHECK_THAT(backup.standardOutput, Catch::StartsWith("Backed up " + project + " to " + copy + " ("));
    CHECK_THAT(backup.standardOutput, Catch::EndsWith("integrity ok)\n"));
    CHECK_FALSE(fs::exists(copy + "-wal"));
    const auto info = runRadmark({ "info", copy, "--json" });
    REQUIRE(info.exitCode == 0);
    CHECK_THAT(info.standardOutput, Catch::Contains("\"instances\": 4"));

    const auto again = runRadmark({ "backup", project, copy });
    CHECK(again.exitCode == 1);
    CHECK(again.standardError
        == "radmark backup: " + copy + ": exists already (give --overwrite to replace it with the backup)\n");
    CHECK(runRadmark({ "backup", project, copy, "--overwrite" }).exitCode == 0);
    CHECK(runRadmark({ "backup", project }).exitCode == 2);
}

TEST_CASE("JSON output stays valid UTF-8 when strings hold bytes that are not UTF-8", "[cli][json]")
{
    using radmark::annotation::JsonWriter;
    CHECK(JsonWriter::escape("Caf\xE9") == "Caf\xC3\xA9"); // Latin-1 byte
    CHECK(JsonWriter::escape("\xC3\xA9t\xC3\xA9") == "\xC3\xA9t\xC3\xA9"); // UTF-8 passes
    CHECK(JsonWriter::escape("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80"); // 4-byte sequence
    CHECK(JsonWriter::escape("\xC3") == "\xC3\x83"); // cut sequence
    CHECK(JsonWriter::escape("\xED\xA0\x80") == "\xC3\xAD\xC2\xA0\xC2\x80"); // a surrogate is no UTF-8
    CHECK(JsonWriter::escape("\xC0\xAF") == "\xC3\x80\xC2\xAF"); // overlong form
    CHECK(JsonWriter::escape("a\x01\"") == "a\\u0001\\\"");

    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-cli-latin1");
    radmark::storage::SyntheticSeriesSpec spec = seriesOfSize(16, 16, 2);
    spec.patientName = "M\xFCller^J\xF6rg";
    spec.seriesDescription = "Abdomen \xE9t\xE9 \xFF\xFE";
    spec.studyDescription = "Th\xF6rax";
    spec.institutionName = "H\xF4pital";
    // Fuzzed and foreign files carry such bytes in attributes no character set applies to (UIDs), and file names
    // need not be UTF-8 either.
    spec.studyInstanceUid = "1.2.826.0.1.3680043.10.1.7\xE9";
    radmark::storage::writeSyntheticSeries(spec, folder + "/images");
    writeFile(folder + "/images/notes-\xE9t\xE9.dat", "not an image");
    const std::string project = folder + "/p.radmark";
    REQUIRE(runRadmark({ "import", project, folder + "/images", "--quiet" }).exitCode == 0);
    for (const char* command : { "series", "info", "skipped", "annotations" }) {
        const auto result = runRadmark({ command, project, "--json" });
        INFO(command);
        REQUIRE(result.exitCode == 0);
        requireStrictJson(result.standardOutput);
    }
    CHECK_THAT(runRadmark({ "series", project, "--json" }).standardOutput,
        Catch::Contains("\"study_uid\": \"1.2.826.0.1.3680043.10.1.7\xC3\xA9\""));
    CHECK_THAT(
        runRadmark({ "skipped", project, "--json" }).standardOutput, Catch::Contains("notes-\xC3\xA9t\xC3\xA9.dat"));
}

TEST_CASE("DCMTK's own log lines do not reach stderr, RadMark's messages do", "[cli][logging]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-cli-dcmtk-log");
    const std::string project = folder + "/p.radmark";
    const auto written = writeAndImportSeries(seriesOfSize(32, 32, 3), folder + "/images", project);
    // A file cut inside its pixel data after the import: DCMTK logs "E: DcmElement: PixelData ... larger than
    // remaining bytes in file" when the de-identified DICOM export reads it.
    const std::string cut = written.filePaths.back();
    fs::resize_file(cut, fs::file_size(cut) - 1000);
    const auto result = runRadmark({ "export", project, "--format", "dicom", "--out", folder + "/out", "--quiet" });
    INFO(result.standardError);
    std::istringstream lines(result.standardError);
    for (std::string line; std::getline(lines, line);) {
        CHECK_FALSE(line.rfind("E: ", 0) == 0);
        CHECK_FALSE(line.rfind("W: ", 0) == 0);
        CHECK_FALSE(line.rfind("F: ", 0) == 0);
    }
}

TEST_CASE("An unreadable subfolder is reported with its path and reason, the rest is imported", "[cli][import]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-cli-unreadable");
    radmark::storage::SyntheticSeriesSpec spec = seriesOfSize(16, 16, 3);
    radmark::storage::writeSyntheticSeries(spec, folder + "/images/readable");
    spec.seriesInstanceUid = "1.2.826.0.1.3680043.10.1.99";
    radmark::storage::writeSyntheticSeries(spec, folder + "/images/locked");
    fs::permissions(folder + "/images/locked", fs::perms::none);
    // root reads every folder: drop the capabilities that let it, as an ordinary user would be.
    QStringList arguments;
    QString program = QString::fromUtf8(RADMARK_BINARY);
    if (::geteuid() == 0) {
        if (QStandardPaths::findExecutable("setpriv").isEmpty()) {
            fs::permissions(folder + "/images/locked", fs::perms::owner_all);
            WARN("skipped: running as root without setpriv to drop the capability that reads every folder");
            return;
        }
        arguments << "--bounding-set=-dac_override,-dac_read_search"
                  << "--inh-caps=-dac_override,-dac_read_search" << program;
        program = "setpriv";
    }
    arguments << "import" << QString::fromStdString(folder + "/p.radmark")
              << QString::fromStdString(folder + "/images");
    QProcess process;
    process.start(program, arguments);
    REQUIRE(process.waitForFinished(120000));
    fs::permissions(folder + "/images/locked", fs::perms::owner_all);
    const std::string output = process.readAllStandardOutput().toStdString();
    INFO(output << process.readAllStandardError().toStdString());
    CHECK(process.exitCode() == 0);
    CHECK_THAT(output, Catch::Contains("3 new or changed, 0 unchanged, 1 skipped"));
    CHECK_THAT(output,
        Catch::Contains("skipped " + folder
            + "/images/locked: folder cannot be read (Permission denied): "
              "the files in it were not imported"));
}

TEST_CASE("A report CSV with a 300 MB line is imported in bounded memory, with the line reported", "[cli][reports]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-cli-huge-line");
    fs::create_directories(folder + "/reports");
    {
        std::ofstream file(folder + "/reports/huge.csv", std::ios::binary);
        file << "accession,report\nH1,Before.\nH2,";
        const std::string block(1 << 20, 'y');
        for (int megabyte = 0; megabyte < 300; ++megabyte) {
            file << block;
        }
        file << "\nH3,After.\n";
    }
    writeFile(folder + "/reports/other.csv", "accession,report\nO1,Other file.\n");
    const std::string project = folder + "/p.radmark";
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t child = ::fork();
    if (child == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        ::close(fds[0]);
        ::execl(RADMARK_BINARY, RADMARK_BINARY, "import", project.c_str(), (folder + "/reports").c_str(), "--quiet",
            static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    std::string output;
    char buffer[4096];
    for (ssize_t got; (got = ::read(fds[0], buffer, sizeof buffer)) > 0;) {
        output.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fds[0]);
    int status = 0;
    rusage usage {};
    REQUIRE(::wait4(child, &status, 0, &usage) == child);
    fs::remove(folder + "/reports/huge.csv");
    INFO(output);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK_THAT(output, Catch::Contains("Reports: 3 stored"));
    CHECK_THAT(output, Catch::Contains("huge.csv: 1 row not imported: line 3: longer than 4096 KiB"));
    // The line alone is 300 MB; reading it whole took several times that.
    CHECK(usage.ru_maxrss < 200 * 1024); // KiB
}
