#include "ForkedMarkWriter.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectStore.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace radmark::testing {

using namespace radmark::storage;
using namespace radmark::annotation;

pid_t startMarkWriter(const std::string& path, int markCount, int pipeWrite, MarkWriterReports reports)
{
    const pid_t child = ::fork();
    if (child != 0) {
        return child;
    }
    try {
        auto project = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
        if (reports == MarkWriterReports::ReadyBeforeMarks && project->isReadOnly()) {
            ::_exit(4);
        }
        MarkStore store(*project);
        AnnotationDocument document({ "writer", AuthorRole::Radiologist });
        document.addObserver([&](const DocumentChange& change) {
            store.applyChange(change, document);
            if (reports == MarkWriterReports::EachCommittedMarkId && !change.added.empty()) {
                const std::string& id = change.added.front();
                (void)!::write(pipeWrite, id.data(), id.size());
            }
        });
        if (reports == MarkWriterReports::ReadyBeforeMarks || markCount == 0) {
            (void)!::write(pipeWrite, "ready", 5);
        }
        SlicePlane plane;
        plane.spacing = { 0.7, 0.7 };
        for (int index = 0; index < markCount; ++index) {
            LesionMark mark;
            mark.slice = { "1.2.3.series", "1.2.3.sop", 0, index % 50 };
            mark.plane = plane;
            mark.shape = LineMark { { { 1.0 * index, 2.0 }, { 3.0 + index, 4.5 } } };
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

int killAndReap(pid_t child)
{
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    return status;
}

} // namespace radmark::testing
