#pragma once

#include <memory>
#include <string>

namespace radmark::storage {

// The writer lock of a project: an flock(2)ed file beside it (`PROJECT.lock`, e.g. `study.radmark.lock`)
// holding the owner's process id. The lock file lies beside the real file, symbolic links resolved, so opening
// through a link and through the file itself take the same lock. One RadMark process writes a project at a time; a
// second one gets the project read-only. Within one process the lock is shared (the GUI's store and an import worker's
// store both write). The kernel releases it when the process ends, even by kill -9, so a stale lock file never blocks.
class ProjectWriterLock {
public:
    // The lock for `projectPath` (absolute), or null with `refusal` saying why not, e.g.
    // "open for writing in another RadMark (process 1234)".
    static std::shared_ptr<ProjectWriterLock> acquire(const std::string& projectPath, std::string& refusal);
    static std::string lockFilePath(const std::string& projectPath);

    // The open this lock was taken for failed (not a project, a newer schema...): removes the lock file
    // when this process created it and nothing else here uses it, so that no `NAME.lock` stays beside a
    // file that was never opened. The lock itself is released when the last owner goes.
    void abandon();

    ~ProjectWriterLock();
    ProjectWriterLock(const ProjectWriterLock&) = delete;
    ProjectWriterLock& operator=(const ProjectWriterLock&) = delete;

private:
    // Opens (creating if needed) and locks the lock file; the registry mutex is held.
    static std::shared_ptr<ProjectWriterLock> acquireFile(const std::string& lockPath, std::string& refusal);

    ProjectWriterLock(std::string lockPath, bool createdFile)
        : m_lockPath(std::move(lockPath))
        , m_createdFile(createdFile)
    {
    }

    std::string m_lockPath;
    bool m_createdFile = false; // this acquire created the lock file
};

// Abandons a freshly taken lock when the open it was taken for throws before keep() is called.
class AbandonLockUnlessKept {
public:
    explicit AbandonLockUnlessKept(std::shared_ptr<ProjectWriterLock> lock)
        : m_lock(std::move(lock))
    {
    }
    ~AbandonLockUnlessKept()
    {
        if (m_lock) {
            m_lock->abandon();
        }
    }
    AbandonLockUnlessKept(const AbandonLockUnlessKept&) = delete;
    AbandonLockUnlessKept& operator=(const AbandonLockUnlessKept&) = delete;
    void keep() { m_lock.reset(); }

private:
    std::shared_ptr<ProjectWriterLock> m_lock;
};

} // namespace radmark::storage
