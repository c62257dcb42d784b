#pragma once

#include <cstdint>
#include <string>

namespace radmark::storage::loading {

// Memory the kernel says can be allocated without swapping (MemAvailable of /proc/meminfo), in bytes;
// the largest value when it cannot be read.
std::uint64_t availableMemoryBytes();

// Throws ProjectError "<what> needs N MB of memory but only M MB are available" before a large
// allocation that would fail (or drive the machine into swap) instead of crashing later.
void requireMemory(std::uint64_t bytes, const std::string& what);

} // namespace radmark::storage::loading
