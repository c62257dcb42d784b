#pragma once

#include <atomic>

namespace radmark::storage {

// The stop flag of the import a thread is reading files for. Long reads (DCMTK parsing a large file
// chunk by chunk) check it, so that a cancelled import ends within a second instead of reading a
// multi-gigabyte file to its end. Outside an import no flag is set and reads are never cancelled.
class ReadCancellation {
public:
    // Makes `stop` the flag checked by reads on this thread until the scope ends.
    class Scope {
    public:
        explicit Scope(const std::atomic<bool>& stop);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        const std::atomic<bool>* m_previous;
    };

    // True when the import this thread reads for has been asked to stop.
    static bool requested();
};

} // namespace radmark::storage
