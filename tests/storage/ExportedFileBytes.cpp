#include "ExportedFileBytes.h"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace radmark::testing {

std::string fileBytes(const std::string& path)
{
    std::ifstream stream(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

std::string gunzip(const std::string& path)
{
    gzFile file = gzopen(path.c_str(), "rb");
    REQUIRE(file != nullptr);
    std::string text;
    char buffer[65536];
    int read = 0;
    while ((read = gzread(file, buffer, sizeof buffer)) > 0) {
        text.append(buffer, static_cast<std::size_t>(read));
    }
    gzclose(file);
    return text;
}

std::string bytesWithGzipUnpacked(const std::string& path)
{
    std::string bytes = fileBytes(path);
    if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0) {
        bytes += gunzip(path);
    }
    return bytes;
}

std::vector<std::string> filesUnder(const std::string& folder)
{
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file()) {
            files.push_back(entry.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace radmark::testing
