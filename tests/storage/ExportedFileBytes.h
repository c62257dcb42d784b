#pragma once

// The bytes of exported files, read back for the export tests' checks.
#include <string>
#include <vector>

namespace radmark::testing {

// All bytes of a file.
std::string fileBytes(const std::string& path);
// All bytes of a gzip file, unpacked with zlib.
std::string gunzip(const std::string& path);
// All bytes of a file and, for a .gz file, its unpacked bytes after them: what the checks for identifying values
// left in an export search.
std::string bytesWithGzipUnpacked(const std::string& path);

// Every regular file under a folder, sorted.
std::vector<std::string> filesUnder(const std::string& folder);

} // namespace radmark::testing
