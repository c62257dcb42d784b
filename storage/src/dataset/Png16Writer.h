#pragma once

#include <cstdint>
#include <string>

namespace radmark::storage {

// Writes a 16-bit greyscale PNG (libpng, fast zlib level). `pixels` holds rows * columns values, row
// after row. Throws ProjectError naming the file when it cannot be written completely.
void writePng16(const std::string& path, const std::uint16_t* pixels, int columns, int rows);

} // namespace radmark::storage
