#include "RawRead.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace radmark::bench {

std::uint64_t readFilesIntoBuffer(const std::vector<std::string>& filePaths, std::vector<char>& buffer)
{
    std::uint64_t total = 0;
    for (const std::string& path : filePaths) {
        total += std::filesystem::file_size(path);
    }
    buffer.resize(total);
    std::uint64_t offset = 0;
    for (const std::string& path : filePaths) {
        std::ifstream file(path, std::ios::binary);
        const auto size = static_cast<std::streamsize>(std::filesystem::file_size(path));
        if (!file.read(buffer.data() + offset, size)) {
            throw std::runtime_error("cannot read " + path);
        }
        offset += static_cast<std::uint64_t>(size);
    }
    return total;
}

} // namespace radmark::bench
