// Two processes on one project (the second gets it read-only) and kill -9 after commits.
#include "TestPaths.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/MarkStore.h"
#include "radmark/storage/ProjectError.h"
#include "radmark/storage/ProjectStore.h"

#include <catch2/catch.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <string>

using namespace radmark::storage;
using namespace radmark::annotation;
using radmark::testing::makeTemporaryFolder;

namespace {

// A child process that opens the project for writing, adds marks (each committed by MarkStore) and
// writes each committed mark's id (36 characters) to `pipe` after its transaction has committed,
// then waits to be killed. Returns the child's process id.
pid_t startWriter(const std::string& path, int markCount, int pipeWrite)
{
    const pid_t child = ::fork();
    if (child != 0) {
        return child;
    }
    try {
        auto project = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
        MarkStore store(*project);
        AnnotationDocument document({"writer", AuthorRole::Radiologist});
        document.addObserver([&](const DocumentChange& change) {
            store.applyChange(change, document);
            if (!change.added.empty()) {
                const std::string& id = change.added.front();
                (void)!::write(pipeWrite, id.data(), id.size());
            }
        });
        if (markCount == 0) {
            (void)!::write(pipeWrite, "ready", 5);
        }
        SlicePlane plane;
        plane.spacing = {0.7, 0.7};
        for (int index = 0; index < markCount; ++index) {
            LesionMark mark;
            mark.slice = {"1.2.3.series", "1.2.3.sop", 0, index % 50};
            mark.plane = plane;
            mark.shape = LineMark{{{1.0 * index, 2.0}, {3.0 + index, 4.5}}};
            document.addMark(mark);
        }
        ::pause();
    } catch (...) {
        ::_exit(3);
    }
    ::_exit(0);
}

std::string readExactly(int pipeRead, std::size_t size)
{
    std::string text(size, '\0');
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = ::read(pipeRead, text.data() + done, size - done);
        if (got <= 0) {
            break;
        }
        done += static_cast<std::size_t>(got);
    }
    text.resize(done);
    return text;
}

void killAndReap(pid_t child)
{
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
}

}  // namespace

TEST_CASE("A second process gets the project read-only with the writer named; a killed writer's lock goes",
          "[marks][lock]")
{
    const std::string path = makeTemporaryFolder("radmark-lock") + "/locked.radmark";
    ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing).reset();
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t writer = startWriter(path, 0, fds[1]);
    REQUIRE(readExactly(fds[0], 5) == "ready");

    {
        auto second = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
        CHECK(second->isReadOnly());
        CHECK(second->readOnlyReason() ==
              "open for writing in another RadMark (process " + std::to_string(writer) + ")");
        MarkStore marks(*second);
        CHECK(marks.loadMarks().empty());
        AnnotationDocument document({"me", AuthorRole::Trainee});
        LesionMark mark;
        mark.shape = LineMark{{{1, 1}, {2, 2}}};
        const MarkId id = document.addMark(mark).markId;
        DocumentChange change;
        change.added.push_back(id);
        CHECK_THROWS_WITH(marks.applyChange(change, document),
                          Catch::Contains("read-only") && Catch::Contains("another RadMark (process "));
        CHECK_THROWS_AS(second->writeImportBatch({}, {}), ProjectError);
        // Creating it under another name is fine; the lock is per project.
        auto other = ProjectStore::open(path + "-other.radmark", ProjectStore::OpenMode::CreateIfMissing);
        CHECK_FALSE(other->isReadOnly());
    }

    killAndReap(writer);
    ::close(fds[0]);
    ::close(fds[1]);
    auto reopened = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
    CHECK_FALSE(reopened->isReadOnly());
    // Stores of one process share the lock (the GUI's store and an import worker's store).
    auto sameProcess = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
    CHECK_FALSE(sameProcess->isReadOnly());
}

TEST_CASE("Every mark committed before kill -9 is in the project when it is reopened", "[marks][crash]")
{
    const std::string path = makeTemporaryFolder("radmark-kill") + "/killed.radmark";
    ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing).reset();
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t writer = startWriter(path, 100000, fds[1]);
    std::set<std::string> committed;
    for (int index = 0; index < 200; ++index) {
        committed.insert(readExactly(fds[0], 36));
    }
    killAndReap(writer);  // in the middle of writing further marks
    ::close(fds[1]);
    for (std::string id = readExactly(fds[0], 36); id.size() == 36; id = readExactly(fds[0], 36)) {
        committed.insert(id);
    }
    ::close(fds[0]);

    auto project = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
    CHECK_FALSE(project->isReadOnly());
    MarkStore store(*project);
    std::set<std::string> stored;
    for (const LesionMark& mark : store.loadMarks()) {
        stored.insert(mark.id);
    }
    INFO("committed " << committed.size() << ", stored " << stored.size());
    CHECK(committed.size() >= 200);
    for (const std::string& id : committed) {
        CHECK(stored.count(id) == 1);
    }
    CHECK(stored.size() <= committed.size() + 1);  // at most the one in flight when killed
    CHECK(store.loadHistory().size() == stored.size());
}
