#pragma once

#include <string>
#include <vector>

namespace radmark::bench {

struct ProcessResult {
    int exitCode = -1; // -1 when it could not start or did not exit normally
    int signalNumber = 0; // the signal that ended it, if any
    double wallSeconds = 0.0; // from fork to exit
    std::string standardOutput; // only when captured
};

// Runs a program (looked up in PATH) and waits for it. Its stdout is captured or sent to /dev/null;
// stderr is inherited.
ProcessResult runProcess(const std::vector<std::string>& arguments, bool captureOutput);

// Absolute path of a program in PATH, or empty.
std::string findProgram(const std::string& name);

// Path of the running executable (/proc/self/exe).
std::string currentExecutablePath();

} // namespace radmark::bench
