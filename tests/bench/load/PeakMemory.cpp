#include "PeakMemory.h"

#include <cstdlib>
#include <fstream>
#include <string>

namespace radmark::bench {

std::uint64_t peakResidentBytes()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.compare(0, 6, "VmHWM:") == 0) {
            return std::strtoull(line.c_str() + 6, nullptr, 10) * 1024u; // "VmHWM:   123456 kB"
        }
    }
    return 0;
}

} // namespace radmark::bench
