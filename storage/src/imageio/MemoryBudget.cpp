#include "imageio/MemoryBudget.h"

#include "radmark/storage/project/ProjectError.h"

#include <fstream>
#include <limits>
#include <sstream>

namespace radmark::storage::loading {

std::uint64_t availableMemoryBytes()
{
    std::ifstream meminfo("/proc/meminfo");
    std::string line;
    while (std::getline(meminfo, line)) {
        if (line.rfind("MemAvailable:", 0) == 0) {
            std::istringstream fields(line.substr(13));
            std::uint64_t kilobytes = 0;
            if (fields >> kilobytes) {
                return kilobytes * 1024u;
            }
        }
    }
    return std::numeric_limits<std::uint64_t>::max();
}

void requireMemory(std::uint64_t bytes, const std::string& what)
{
    const std::uint64_t available = availableMemoryBytes();
    if (bytes <= available) {
        return;
    }
    constexpr std::uint64_t mb = 1024u * 1024u;
    throw ProjectError(what + " needs " + std::to_string((bytes + mb - 1) / mb) + " MB of memory but only "
        + std::to_string(available / mb) + " MB are available");
}

} // namespace radmark::storage::loading
