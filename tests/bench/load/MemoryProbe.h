#pragma once

#include <cstdint>
#include <string>

namespace radmark::bench {

constexpr const char* memoryProbeFlag = "--memory";

struct MemoryProbeResult {
    std::uint64_t peakBytes = 0; // 0 when the child failed
    std::string command;
    std::string note;
};

// Parent side: runs this executable again with --memory and reads the child's report.
MemoryProbeResult measureLoadAndRenderMemory();

// Child side (--memory): loads the benchmark series, renders its middle slice off screen with the GUI's
// SliceRenderer, and prints "peak_bytes N" (VmHWM) and a note. Returns the exit code.
int runMemoryProbeChild();

} // namespace radmark::bench
