#pragma once

#include <string>
#include <vector>

namespace radmark::storage {

// The files a DICOMDIR references (ReferencedFileID of every directory record), as absolute paths of files
// that exist; components are matched case-insensitively because media often store lowercase names.
// Throws std::runtime_error with the reason when the DICOMDIR cannot be read.
std::vector<std::string> readDicomDirReferences(const std::string& dicomDirPath);

} // namespace radmark::storage
