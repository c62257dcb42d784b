#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace radmark::testing {

// Writes `text` as the whole file (replacing what was there).
inline void writeTextFile(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// The file's bytes; empty when it cannot be opened.
inline std::string readTextFile(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// The bytes of a file the benchmarks need from the shared data folder. Throws std::runtime_error
// "PATH: cannot open (the shared data folder is needed)".
inline std::string readSharedDataFile(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw std::runtime_error(path + ": cannot open (the shared data folder is needed)");
    }
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

} // namespace radmark::testing
