#pragma once

#include <cstdint>

namespace radmark::bench {

// The process's peak resident set size (VmHWM in /proc/self/status), in bytes; 0 when unknown.
std::uint64_t peakResidentBytes();

} // namespace radmark::bench
