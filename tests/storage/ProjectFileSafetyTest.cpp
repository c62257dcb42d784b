// The project file's safety: the writer lock through symbolic links (two real processes), files that are not
// RadMark projects refused untouched, a closed project is one file, and a consistent backup while another
// process writes.
#include "ForkedMarkWriter.h"
#include "TestPaths.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectBackup.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

using namespace radmark::storage;
using namespace radmark::annotation;
using radmark::testing::killAndReap;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::MarkWriterReports;
using radmark::testing::readExactly;
using radmark::testing::startMarkWriter;
namespace fs = std::filesystem;

namespace {

void writeFile(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string readFile(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

std::uintmax_t walBytes(const std::string& path)
{
    std::error_code error;
    const std::uintmax_t size = fs::file_size(path + "-wal", error);
    return error ? 0 : size;
}

std::size_t markCount(const std::string& path)
{
    auto project = ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly);
    return MarkStore(*project).loadMarks().size();
}

// The project and its writer: when the child cannot get the project for writing it exits with 4.
void expectExcludes(const std::string& childPath, const std::string& parentPath)
{
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t writer = startMarkWriter(childPath, 0, fds[1], MarkWriterReports::ReadyBeforeMarks);
    REQUIRE(readExactly(fds[0], 5) == "ready");
    {
        auto second = ProjectStore::open(parentPath, ProjectStore::OpenMode::ReadWrite);
        CHECK(second->isReadOnly());
        CHECK(
            second->readOnlyReason() == "open for writing in another RadMark (process " + std::to_string(writer) + ")");
    }
    killAndReap(writer);
    ::close(fds[0]);
    ::close(fds[1]);
}

} // namespace

TEST_CASE("The writer lock is taken on the real file: opens through a link and the file exclude each other",
    "[project][lock]")
{
    const std::string folder = makeTemporaryFolder("radmark-link-lock");
    fs::create_directories(folder + "/real");
    fs::create_directories(folder + "/elsewhere");
    const std::string real = folder + "/real/study.radmark";
    const std::string link = folder + "/elsewhere/link.radmark";
    ProjectStore::open(real, ProjectStore::OpenMode::CreateIfMissing).reset();
    fs::create_symlink(real, link);
    const std::string relativeLink = folder + "/elsewhere/relative.radmark";
    fs::create_symlink("../real/study.radmark", relativeLink);

    SECTION("writer through the link, second open through the real path")
    {
        expectExcludes(link, real);
    }
    SECTION("writer through the real path, second open through the link")
    {
        expectExcludes(real, link);
    }
    SECTION("writer through one link, second open through another (relative) link")
    {
        expectExcludes(link, relativeLink);
    }
    // The lock file lies beside the real file only.
    CHECK(fs::exists(real + ".lock"));
    CHECK_FALSE(fs::exists(link + ".lock"));
    CHECK_FALSE(fs::exists(relativeLink + ".lock"));
}

TEST_CASE("A project created through a dangling link is locked as its target", "[project][lock]")
{
    const std::string folder = makeTemporaryFolder("radmark-dangling-lock");
    const std::string target = folder + "/target.radmark";
    const std::string link = folder + "/link.radmark";
    fs::create_symlink(target, link);
    auto created = ProjectStore::open(link, ProjectStore::OpenMode::CreateIfMissing);
    CHECK(fs::is_regular_file(target));
    CHECK(fs::exists(target + ".lock"));
    created.reset();
    expectExcludes(link, target);
}

TEST_CASE("Files that are not RadMark projects are refused and left untouched", "[project][safety]")
{
    const std::string folder = makeTemporaryFolder("radmark-not-project");
    SECTION("an empty file")
    {
        const std::string path = folder + "/empty.radmark";
        writeFile(path, "");
        for (const auto mode : { ProjectStore::OpenMode::CreateIfMissing, ProjectStore::OpenMode::ReadWrite,
                 ProjectStore::OpenMode::ReadOnly }) {
            CHECK_THROWS_WITH(ProjectStore::open(path, mode),
                path
                    + ": not a RadMark project: an empty file (0 bytes) (RadMark creates a new project "
                      "only at a path where no file exists: choose another name, or remove the file)");
        }
        CHECK(fs::file_size(path) == 0);
        CHECK_FALSE(fs::exists(path + "-wal"));
    }
    SECTION("a text file")
    {
        const std::string path = folder + "/notes.radmark";
        const std::string text = "patient list\nnot a database at all, but more than a hundred bytes of text so that "
                                 "the SQLite header would fit in it.\n";
        writeFile(path, text);
        CHECK_THROWS_WITH(ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing),
            Catch::StartsWith(path + ": not a RadMark project: a text file, not an SQLite database"));
        CHECK(readFile(path) == text);
    }
    SECTION("an empty SQLite database of another program")
    {
        const std::string path = folder + "/other.db";
        sqlite3* database = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &database) == SQLITE_OK);
        REQUIRE(sqlite3_exec(database, "CREATE TABLE t(x); DROP TABLE t", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(database);
        const std::string before = readFile(path);
        REQUIRE(before.size() > 0);
        CHECK_THROWS_WITH(ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing),
            Catch::Contains("not a RadMark project: an empty SQLite database without RadMark's schema"));
        CHECK(readFile(path) == before);
        CHECK_FALSE(fs::exists(path + ".lock")); // refused before the lock file is made
    }
    SECTION("a path that does not exist is created, and reopened")
    {
        const std::string path = folder + "/new.radmark";
        ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing).reset();
        CHECK(ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite)->schemaVersion()
            == ProjectStore::currentSchemaVersion());
    }
}

TEST_CASE("A closed project is one file even while another connection has it open", "[project][safety]")
{
    const std::string folder = makeTemporaryFolder("radmark-checkpoint");
    const std::string path = folder + "/one.radmark";
    sqlite3* reader = nullptr;
    {
        auto project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
        // Another connection (a reader, as a second RadMark would hold) keeps SQLite from checkpointing by itself.
        REQUIRE(sqlite3_open_v2(path.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_exec(reader, "SELECT COUNT(*) FROM skipped_files", nullptr, nullptr, nullptr) == SQLITE_OK);
        project->writeImportBatch({},
            { SkippedFile { "/data/a.dcm", "not a DICOM file", 10, 20 },
                SkippedFile { "/data/b.dcm", "truncated", 11, 21 } });
        REQUIRE(walBytes(path) > 0);
    }
    CHECK(walBytes(path) == 0);
    // The project file alone, copied elsewhere, holds everything committed.
    fs::create_directories(folder + "/copy");
    fs::copy_file(path, folder + "/copy/one.radmark");
    sqlite3_close(reader);
    auto copy = ProjectStore::open(folder + "/copy/one.radmark", ProjectStore::OpenMode::ReadOnly);
    REQUIRE(copy->skippedFiles().size() == 2);
    CHECK(copy->skippedFiles()[0].reason == "not a DICOM file");
}

TEST_CASE("backupProject copies a consistent snapshot while another process writes", "[project][backup]")
{
    const std::string folder = makeTemporaryFolder("radmark-backup");
    const std::string path = folder + "/busy.radmark";
    ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing).reset();
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t writer = startMarkWriter(path, 1000000, fds[1], MarkWriterReports::ReadyBeforeMarks);
    REQUIRE(readExactly(fds[0], 5) == "ready");
    std::size_t previous = 0;
    for (int round = 0; round < 3; ++round) {
        ::usleep(200000);
        const std::string destination = folder + "/copy" + std::to_string(round) + ".radmark";
        const ProjectBackupResult result = backupProject(path, destination, false);
        CHECK(result.destinationPath == destination);
        CHECK(result.schemaVersion == ProjectStore::currentSchemaVersion());
        CHECK(result.sizeBytes == static_cast<std::int64_t>(fs::file_size(destination)));
        CHECK_FALSE(fs::exists(destination + "-wal"));
        sqlite3* copy = nullptr;
        REQUIRE(sqlite3_open_v2(destination.c_str(), &copy, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
        std::string integrity;
        sqlite3_exec(
            copy, "PRAGMA integrity_check",
            [](void* target, int, char** values, char**) {
                *static_cast<std::string*>(target) += values[0];
                return 0;
            },
            &integrity, nullptr);
        sqlite3_close(copy);
        CHECK(integrity == "ok");
        const std::size_t marks = markCount(destination);
        CHECK(marks > previous); // the writer went on between backups, and each copy holds what was committed
        previous = marks;
    }
    killAndReap(writer);
    ::close(fds[0]);
    ::close(fds[1]);
    CHECK(markCount(path) >= previous);
    // No half-written copy is left behind.
    for (const auto& entry : fs::directory_iterator(folder)) {
        CHECK(entry.path().filename().string().find(".partial-") == std::string::npos);
    }
}

TEST_CASE(
    "backupProject refuses to overwrite unless asked, and never replaces a file of another kind", "[project][backup]")
{
    const std::string folder = makeTemporaryFolder("radmark-backup-refuse");
    const std::string path = folder + "/p.radmark";
    {
        auto project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
        project->writeImportBatch({}, { SkippedFile { "/x.dcm", "why", 1, 2 } });
    }
    const std::string existing = folder + "/old.radmark";
    ProjectStore::open(existing, ProjectStore::OpenMode::CreateIfMissing).reset();
    CHECK_THROWS_WITH(backupProject(path, existing, false),
        existing + ": exists already (give --overwrite to replace it with the backup)");
    CHECK(ProjectStore::open(existing, ProjectStore::OpenMode::ReadOnly)->skippedFiles().empty());

    const ProjectBackupResult replaced = backupProject(path, existing, true);
    CHECK(replaced.destinationPath == existing);
    CHECK(ProjectStore::open(existing, ProjectStore::OpenMode::ReadOnly)->skippedFiles().size() == 1);

    const std::string document = folder + "/thesis.txt";
    writeFile(
        document, "my thesis, not a project, long enough to be more than a hundred bytes of plain text here.....");
    CHECK_THROWS_WITH(backupProject(path, document, true),
        Catch::StartsWith(document + ": is not replaced by the backup: not a RadMark project: a text file"));
    CHECK(readFile(document).rfind("my thesis", 0) == 0);

    CHECK_THROWS_WITH(backupProject(path, path, true), path + ": is the project itself; give another destination");
    fs::create_directories(folder + "/into");
    CHECK(backupProject(path, folder + "/into", false).destinationPath == folder + "/into/p.radmark");
}
