#pragma once

// The bytes of exported files, read back for the export tests' checks.
#include <string>

namespace radmark::testing {

// All bytes of a file.
std::string fileBytes(const std::string& path);
// All bytes of a gzip file, unpacked with zlib.
std::string gunzip(const std::string& path);

} // namespace radmark::testing
