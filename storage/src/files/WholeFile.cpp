#include "radmark/storage/files/WholeFile.h"

#include <fstream>
#include <stdexcept>
#include <vector>

namespace radmark::storage {

std::optional<std::string> readWholeFile(const std::string& path, const std::function<bool()>& stopRequested)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return std::nullopt;
    }
    std::vector<char> chunk(1 << 20);
    std::string bytes;
    while (file.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || file.gcount() > 0) {
        if (stopRequested && stopRequested()) {
            return std::nullopt;
        }
        bytes.append(chunk.data(), static_cast<std::size_t>(file.gcount()));
    }
    return bytes;
}

std::string readWholeFileOrThrow(const std::string& path)
{
    std::optional<std::string> bytes = readWholeFile(path);
    if (!bytes) {
        throw std::runtime_error(path + ": cannot open");
    }
    return std::move(*bytes);
}

} // namespace radmark::storage
