#include "ExportedFileBytes.h"

#include <catch2/catch.hpp>
#include <zlib.h>

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

} // namespace radmark::testing
