#pragma once

#include <string>
#include <vector>

namespace radmark::testing {

struct CliResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs the built `radmark` binary to its end.
CliResult runCli(const std::vector<std::string>& arguments);

// Starts `radmark` in the background with its output in files of `folder`; returns its process id.
int startCli(const std::vector<std::string>& arguments, const std::string& folder);
// Waits for a started process; its exit code (128 + signal when killed).
int waitCli(int pid);

} // namespace radmark::testing
