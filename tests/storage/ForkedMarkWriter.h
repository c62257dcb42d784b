#pragma once

// A second RadMark process for the project-locking tests: a forked child that holds a project open for
// writing and adds marks through AnnotationDocument -> MarkStore, reporting over a pipe.
#include <sys/types.h>

#include <cstddef>
#include <string>

namespace radmark::testing {

enum class MarkWriterReports {
    // Exits with 4 when it gets the project read-only; else writes "ready" and then adds the marks.
    ReadyBeforeMarks,
    // Writes each committed mark's id (36 characters) after its transaction has committed; "ready" when
    // it is to add no marks.
    EachCommittedMarkId,
};

// Forks a child that opens `path` for writing, adds `markCount` line marks (each committed) reporting to
// `pipeWrite` as `reports` says, then waits to be killed (exit 3 on an exception). Returns its process id.
pid_t startMarkWriter(const std::string& path, int markCount, int pipeWrite, MarkWriterReports reports);

// Reads `size` bytes from the pipe, fewer when it closes.
std::string readExactly(int pipeRead, std::size_t size);

// SIGKILL and waitpid; returns the wait status.
int killAndReap(pid_t child);

} // namespace radmark::testing
