#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace radmark::bench {

// The floor: reads every file's bytes, one after the other, into one buffer. Returns the bytes read.
std::uint64_t readFilesIntoBuffer(const std::vector<std::string>& filePaths, std::vector<char>& buffer);

} // namespace radmark::bench
