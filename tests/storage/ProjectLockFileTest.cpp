// The writer lock file beside a project exists only for projects that were really opened for writing.
#include "TestFiles.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>

using namespace radmark::storage;
using namespace radmark::testing;
namespace fs = std::filesystem;

namespace {

// True when another open file description can take the lock now, i.e. nobody holds it.
bool lockIsFree(const std::string& lockPath)
{
    const int descriptor = ::open(lockPath.c_str(), O_RDWR | O_CLOEXEC);
    if (descriptor < 0) {
        return true;
    }
    const bool free = ::flock(descriptor, LOCK_EX | LOCK_NB) == 0;
    ::close(descriptor);
    return free;
}

} // namespace

TEST_CASE("A refused open leaves no lock file next to the user's file", "[project]")
{
    const std::string folder = makeTemporaryFolder("radmark-lockfile");
    SECTION("a file that is not a project")
    {
        const std::string path = folder + "/notes.radmark";
        writeTextFile(path, "these are notes, not a SQLite database\n");
        CHECK_THROWS_AS(ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite), ProjectError);
        CHECK_FALSE(fs::exists(path + ".lock"));
        CHECK(fs::exists(path));
    }
    SECTION("a DICOM file given instead of a project")
    {
        const std::string path = folder + "/image.dcm";
        writeTextFile(path, std::string(128, '\0') + "DICM" + std::string(64, '\x01'));
        CHECK_THROWS_AS(ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite), ProjectError);
        CHECK_FALSE(fs::exists(path + ".lock"));
    }
}

TEST_CASE("An opened project holds its lock, a refused open does not remove another holder's lock", "[project]")
{
    const std::string folder = makeTemporaryFolder("radmark-lockfile");
    const std::string path = folder + "/study.radmark";
    {
        auto project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
        CHECK_FALSE(project->isReadOnly());
        REQUIRE(fs::exists(path + ".lock"));
        CHECK_FALSE(lockIsFree(path + ".lock"));
        // A failing second open in the same process (here: read as a project of another path would
        // fail) must not take the shared lock away from the open project.
        const std::string broken = folder + "/broken.radmark";
        writeTextFile(broken, "not a database");
        CHECK_THROWS(ProjectStore::open(broken, ProjectStore::OpenMode::ReadWrite));
        CHECK_FALSE(lockIsFree(path + ".lock"));
    }
    CHECK(lockIsFree(path + ".lock"));
    auto reopened = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
    CHECK_FALSE(reopened->isReadOnly());
}
