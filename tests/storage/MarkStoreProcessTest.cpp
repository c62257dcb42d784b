// Two processes on one project (the second gets it read-only) and kill -9 after commits.
#include "ForkedMarkWriter.h"
#include "TestPaths.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <string>

using namespace radmark::storage;
using namespace radmark::annotation;
using namespace radmark::testing;

TEST_CASE(
    "A second process gets the project read-only with the writer named, a killed writer's lock goes", "[marks][lock]")
{
    const std::string path = makeTemporaryFolder("radmark-lock") + "/locked.radmark";
    ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing).reset();
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t writer = startMarkWriter(path, 0, fds[1], MarkWriterReports::EachCommittedMarkId);
    REQUIRE(readExactly(fds[0], 5) == "ready");

    {
        auto second = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
        CHECK(second->isReadOnly());
        CHECK(
            second->readOnlyReason() == "open for writing in another RadMark (process " + std::to_string(writer) + ")");
        MarkStore marks(*second);
        CHECK(marks.loadMarks().empty());
        AnnotationDocument document({ "me", AuthorRole::Trainee });
        LesionMark mark;
        mark.shape = LineMark { { { 1, 1 }, { 2, 2 } } };
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

    CHECK(WIFSIGNALED(killAndReap(writer)));
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
    const pid_t writer = startMarkWriter(path, 100000, fds[1], MarkWriterReports::EachCommittedMarkId);
    std::set<std::string> committed;
    for (int index = 0; index < 200; ++index) {
        committed.insert(readExactly(fds[0], 36));
    }
    CHECK(WIFSIGNALED(killAndReap(writer))); // in the middle of writing further marks
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
    CHECK(stored.size() <= committed.size() + 1); // at most the one in flight when killed
    CHECK(store.loadHistory().size() == stored.size());
}
