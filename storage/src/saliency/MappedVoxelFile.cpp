#include "saliency/MappedVoxelFile.h"

#include "radmark/storage/saliency/SaliencyFileMapping.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <mutex>

namespace radmark::storage {

namespace {

std::atomic<bool> mappingAllowed { true };

} // namespace

void allowSaliencyFileMapping(bool allow)
{
    mappingAllowed = allow;
}

bool saliencyFileMappingAllowed()
{
    return mappingAllowed;
}

} // namespace radmark::storage

namespace radmark::storage::saliency {

namespace {

// One mapped file, as the SIGBUS handler sees it: plain atomics, so that the handler reads them safely.
struct MappingSlot {
    std::atomic<bool> taken { false };
    std::atomic<std::uintptr_t> start { 0 }; // 0: not in use (set last when registering, cleared first)
    std::atomic<std::size_t> length { 0 };
    std::atomic<bool> cut { false };
};

// More than the maps one window holds at once (shown, being read, being checked); a map beyond it is read.
constexpr std::size_t kSlots = 64;
std::array<MappingSlot, kSlots> slots;
std::uintptr_t pageBytes = 4096;

std::mutex handlerMutex;
struct sigaction previousAction { };

void chainToPrevious(int signal, siginfo_t* info, void* context)
{
    if ((previousAction.sa_flags & SA_SIGINFO) != 0) {
        if (previousAction.sa_sigaction != nullptr) {
            previousAction.sa_sigaction(signal, info, context);
            return;
        }
    } else if (previousAction.sa_handler != SIG_DFL && previousAction.sa_handler != SIG_IGN) {
        previousAction.sa_handler(signal);
        return;
    }
    // Not a mapped map file: the default action, which the faulting access meets again on return.
    struct sigaction fallback { };
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(SIGBUS, &fallback, nullptr);
}

// SIGBUS in a mapped map file means its file ends before the page touched (cut short while mapped, or an I/O
// error): the rest of the mapping becomes zero pages and the access runs again. Only async-signal-safe work:
// atomics and the mmap system call.
void onBusError(int signal, siginfo_t* info, void* context)
{
    const int savedErrno = errno;
    const auto address = reinterpret_cast<std::uintptr_t>(info != nullptr ? info->si_addr : nullptr);
    for (MappingSlot& slot : slots) {
        const std::uintptr_t start = slot.start.load(std::memory_order_acquire);
        const std::size_t length = slot.length.load(std::memory_order_acquire);
        if (start == 0 || address < start || address >= start + length) {
            continue;
        }
        const std::uintptr_t page = address & ~(pageBytes - 1);
        void* zeros = mmap(reinterpret_cast<void*>(page), start + length - page, PROT_READ | PROT_WRITE,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (zeros != MAP_FAILED) {
            slot.cut.store(true, std::memory_order_release);
            errno = savedErrno;
            return;
        }
        break;
    }
    errno = savedErrno;
    chainToPrevious(signal, info, context);
}

// Installs onBusError unless it is the handler already (another library may have replaced it since).
bool ensureBusErrorHandler()
{
    const std::lock_guard<std::mutex> lock(handlerMutex);
    struct sigaction current { };
    if (sigaction(SIGBUS, nullptr, &current) != 0) {
        return false;
    }
    if ((current.sa_flags & SA_SIGINFO) != 0 && current.sa_sigaction == &onBusError) {
        return true;
    }
    pageBytes = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    struct sigaction ours { };
    ours.sa_sigaction = &onBusError;
    ours.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&ours.sa_mask);
    previousAction = current;
    return sigaction(SIGBUS, &ours, nullptr) == 0;
}

// Owns one mapping: unregistered (so the handler no longer claims its addresses), then unmapped.
class FileMapping {
public:
    FileMapping(void* base, std::size_t length, MappingSlot& slot)
        : m_base(base)
        , m_length(length)
        , m_slot(slot)
    {
    }
    FileMapping(const FileMapping&) = delete;
    FileMapping& operator=(const FileMapping&) = delete;
    ~FileMapping()
    {
        m_slot.start.store(0, std::memory_order_release);
        munmap(m_base, m_length);
        m_slot.length.store(0, std::memory_order_release);
        m_slot.taken.store(false, std::memory_order_release);
    }

private:
    void* m_base;
    std::size_t m_length;
    MappingSlot& m_slot;
};

MappingSlot* takeSlot()
{
    for (MappingSlot& slot : slots) {
        bool expected = false;
        if (slot.taken.compare_exchange_strong(expected, true)) {
            return &slot;
        }
    }
    return nullptr;
}

const MappingSlot* slotHolding(const void* address)
{
    const auto at = reinterpret_cast<std::uintptr_t>(address);
    for (const MappingSlot& slot : slots) {
        const std::uintptr_t start = slot.start.load(std::memory_order_acquire);
        if (start != 0 && at >= start && at < start + slot.length.load(std::memory_order_acquire)) {
            return &slot;
        }
    }
    return nullptr;
}

// File systems whose pages stay readable while the file is unchanged (no server to lose, no other machine to
// change the file behind the page cache).
bool isLocalFileSystem(long type)
{
    switch (static_cast<unsigned long>(type)) {
    case 0xEF53UL: // ext2/3/4
    case 0x58465342UL: // XFS
    case 0x9123683EUL: // Btrfs
    case 0x01021994UL: // tmpfs
    case 0x794C7630UL: // overlayfs
    case 0xF2F52010UL: // F2FS
    case 0x2FC12FC1UL: // ZFS
        return true;
    default:
        return false;
    }
}

class FileDescriptor {
public:
    explicit FileDescriptor(int fd)
        : m_fd(fd)
    {
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor()
    {
        if (m_fd >= 0) {
            close(m_fd);
        }
    }
    int get() const { return m_fd; }

private:
    int m_fd;
};

} // namespace

std::shared_ptr<annotation::ImageVolume> mapFloatVoxels(
    const PlainFloatVoxels& voxels, const annotation::ImageGeometry& geometry)
{
    const std::uint64_t bytes = static_cast<std::uint64_t>(geometry.voxelCount()) * sizeof(float);
    if (!saliencyFileMappingAllowed() || bytes == 0 || voxels.offsetBytes % alignof(float) != 0) {
        return nullptr;
    }
    const FileDescriptor file(open(voxels.dataPath.c_str(), O_RDONLY | O_CLOEXEC));
    struct statfs fileSystem { };
    struct stat status { };
    if (file.get() < 0 || fstatfs(file.get(), &fileSystem) != 0 || !isLocalFileSystem(fileSystem.f_type)
        || fstat(file.get(), &status) != 0 || !S_ISREG(status.st_mode)
        || static_cast<std::uint64_t>(status.st_size) < voxels.offsetBytes + bytes || !ensureBusErrorHandler()) {
        return nullptr;
    }
    MappingSlot* slot = takeSlot();
    if (slot == nullptr) {
        return nullptr;
    }
    const std::uint64_t start = voxels.offsetBytes & ~static_cast<std::uint64_t>(pageBytes - 1);
    const auto lead = static_cast<std::size_t>(voxels.offsetBytes - start);
    const std::size_t length = lead + static_cast<std::size_t>(bytes);
    // Writable and private: writes (NaN/Inf replaced by 0) copy the page they touch, never reach the file.
    void* base = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE, file.get(), static_cast<off_t>(start));
    if (base == MAP_FAILED) {
        slot->taken.store(false, std::memory_order_release);
        return nullptr;
    }
    slot->cut.store(false, std::memory_order_relaxed);
    slot->length.store(length, std::memory_order_release);
    slot->start.store(reinterpret_cast<std::uintptr_t>(base), std::memory_order_release);
    auto mapping = std::make_shared<FileMapping>(base, length, *slot);
    return std::make_shared<annotation::ImageVolume>(
        geometry, annotation::VoxelType::Float32, static_cast<std::uint8_t*>(base) + lead, std::move(mapping));
}

} // namespace radmark::storage::saliency

namespace radmark::storage {

bool isMappedFromFile(const annotation::ImageVolume& volume)
{
    return saliency::slotHolding(volume.data()) != nullptr;
}

bool mappedFileWasCut(const annotation::ImageVolume& volume)
{
    const saliency::MappingSlot* slot = saliency::slotHolding(volume.data());
    return slot != nullptr && slot->cut.load(std::memory_order_acquire);
}

} // namespace radmark::storage
