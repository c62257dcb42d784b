#pragma once

#include <string>
#include <vector>

namespace radmark::testing {

struct ProcessResult {
    int exitCode = -1;
    std::string standardOutput;
    std::string standardError;
};

// Runs the built `radmark` binary with the arguments and collects its output and exit code.
ProcessResult runRadmark(const std::vector<std::string>& arguments);

} // namespace radmark::testing
