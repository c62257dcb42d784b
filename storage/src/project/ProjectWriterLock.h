#pragma once

#include <memory>
#include <string>

namespace radmark::storage {

// The writer lock of a project: an flock(2)ed file beside it (`PROJECT.lock`, e.g. `study.radmark.lock`)
// holding the owner's process id. The lock file lies beside the real file, symbolic links resolved, so opening
// through a link and through the file itself take the same lock. One RadMark process writes a project at a time; a second one gets
// the project read-only. Within one process the lock is shared (the GUI's store and an import
// worker's store both write). The kernel releases it when the process ends, even by kill -9, so a
// stale lock file never blocks.
class ProjectWriterLock {
public:
    // The lock for `projectPath` (absolute), or null with `refusal` saying why not, e.g.
    // "open for writing in another RadMark (process 1234)".
    static std::shared_ptr<ProjectWriterLock> acquire(const std::string& projectPath, std::string& refusal);
    static std::string lockFilePath(const std::string& projectPath);

    ~ProjectWriterLock();
    ProjectWriterLock(const ProjectWriterLock&) = delete;
    ProjectWriterLock& operator=(const ProjectWriterLock&) = delete;

private:
    explicit ProjectWriterLock(std::string lockPath) : m_lockPath(std::move(lockPath)) {}

    std::string m_lockPath;
};

}  // namespace radmark::storage
