#pragma once

#include <string>

namespace radmark::app {

// The file's bytes as they are. Throws std::runtime_error "PATH: cannot open".
std::string readWholeFile(const std::string& path);

}  // namespace radmark::app
