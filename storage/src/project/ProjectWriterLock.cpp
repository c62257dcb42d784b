#include "project/ProjectWriterLock.h"

#include "project/RealProjectPath.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>

namespace radmark::storage {

namespace {

struct HeldLock {
    int fileDescriptor = -1;
    int users = 0;
};

// Locks this process holds, by lock file path. flock belongs to an open file description, so a
// second open() of the same file in this process would conflict with the first: share one instead.
std::mutex& registryMutex()
{
    static std::mutex mutex;
    return mutex;
}

std::map<std::string, HeldLock>& registry()
{
    static std::map<std::string, HeldLock> locks;
    return locks;
}

std::string ownerOf(int fileDescriptor)
{
    char text[32] = {};
    const ssize_t size = ::pread(fileDescriptor, text, sizeof(text) - 1, 0);
    std::string owner = size > 0 ? std::string(text, static_cast<std::size_t>(size)) : std::string {};
    while (!owner.empty() && (owner.back() == '\n' || owner.back() == ' ')) {
        owner.pop_back();
    }
    return owner;
}

// True when `fileDescriptor` is still the file at `path` (not one that a failed open removed meanwhile).
bool isFileAtPath(int fileDescriptor, const std::string& path)
{
    struct stat open { };
    struct stat atPath { };
    return ::fstat(fileDescriptor, &open) == 0 && ::stat(path.c_str(), &atPath) == 0 && open.st_ino == atPath.st_ino
        && open.st_dev == atPath.st_dev;
}

} // namespace

std::string ProjectWriterLock::lockFilePath(const std::string& projectPath)
{
    return realProjectPath(projectPath) + ".lock";
}

std::shared_ptr<ProjectWriterLock> ProjectWriterLock::acquire(const std::string& projectPath, std::string& refusal)
{
    const std::string lockPath = lockFilePath(projectPath);
    const std::lock_guard<std::mutex> guard(registryMutex());
    auto& locks = registry();
    if (auto held = locks.find(lockPath); held != locks.end()) {
        ++held->second.users;
        return std::shared_ptr<ProjectWriterLock>(new ProjectWriterLock(lockPath, false));
    }
    return acquireFile(lockPath, refusal);
}

std::shared_ptr<ProjectWriterLock> ProjectWriterLock::acquireFile(const std::string& lockPath, std::string& refusal)
{
    auto& locks = registry();
    bool createdFile = true;
    int fileDescriptor = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fileDescriptor < 0 && errno == EEXIST) {
        createdFile = false;
        fileDescriptor = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    }
    if (fileDescriptor < 0) {
        refusal = "cannot create its lock file " + lockPath + ": " + std::strerror(errno);
        return nullptr;
    }
    if (::flock(fileDescriptor, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        const std::string owner = ownerOf(fileDescriptor);
        ::close(fileDescriptor);
        if (error == EWOULDBLOCK) {
            refusal = "open for writing in another RadMark ("
                + (owner.empty() ? std::string("lock file ") + lockPath : "process " + owner) + ")";
        } else {
            refusal = "cannot lock " + lockPath + ": " + std::strerror(error);
        }
        return nullptr;
    }
    if (!isFileAtPath(fileDescriptor, lockPath)) {
        // Locked a file that a failed open removed (abandon) meanwhile: lock the one now at the path.
        ::close(fileDescriptor);
        return acquireFile(lockPath, refusal);
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fileDescriptor, 0) != 0
        || ::pwrite(fileDescriptor, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
        // The lock holds without the process id; a refused instance then names the lock file.
    }
    locks[lockPath] = HeldLock { fileDescriptor, 1 };
    return std::shared_ptr<ProjectWriterLock>(new ProjectWriterLock(lockPath, createdFile));
}

void ProjectWriterLock::abandon()
{
    const std::lock_guard<std::mutex> guard(registryMutex());
    auto& locks = registry();
    const auto held = locks.find(m_lockPath);
    if (m_createdFile && held != locks.end() && held->second.users == 1) {
        // Removed while still locked: a process that opened the old file notices after locking it.
        ::unlink(m_lockPath.c_str());
    }
}

ProjectWriterLock::~ProjectWriterLock()
{
    const std::lock_guard<std::mutex> guard(registryMutex());
    auto& locks = registry();
    const auto held = locks.find(m_lockPath);
    if (held != locks.end() && --held->second.users == 0) {
        // Closing the last descriptor releases the flock; the file stays (unlinking it would race with
        // another process that has it open and is about to lock it).
        ::close(held->second.fileDescriptor);
        locks.erase(held);
    }
}

} // namespace radmark::storage
