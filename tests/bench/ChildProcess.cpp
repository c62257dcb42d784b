#include "ChildProcess.h"

#include "Statistics.h"

#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace radmark::bench {

ProcessResult runProcess(const std::vector<std::string>& arguments, bool captureOutput)
{
    ProcessResult result;
    int pipeEnds[2] = { -1, -1 };
    if (captureOutput && ::pipe(pipeEnds) != 0) {
        return result;
    }
    std::vector<char*> argv;
    for (const std::string& argument : arguments) {
        argv.push_back(const_cast<char*>(argument.c_str()));
    }
    argv.push_back(nullptr);

    const Stopwatch stopwatch;
    const pid_t child = ::fork();
    if (child == 0) {
        const int target = captureOutput ? pipeEnds[1] : ::open("/dev/null", O_WRONLY);
        ::dup2(target, STDOUT_FILENO);
        if (captureOutput) {
            ::close(pipeEnds[0]);
        }
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    if (child < 0) {
        return result;
    }
    if (captureOutput) {
        ::close(pipeEnds[1]);
        char buffer[4096];
        ssize_t count = 0;
        while ((count = ::read(pipeEnds[0], buffer, sizeof buffer)) > 0) {
            result.standardOutput.append(buffer, static_cast<std::size_t>(count));
        }
        ::close(pipeEnds[0]);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    result.wallSeconds = stopwatch.seconds();
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.signalNumber = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    return result;
}

std::string findProgram(const std::string& name)
{
    const char* path = std::getenv("PATH");
    std::istringstream folders(path ? path : "/usr/bin:/bin");
    std::string folder;
    while (std::getline(folders, folder, ':')) {
        const std::string candidate = folder + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
    }
    return {};
}

std::string currentExecutablePath()
{
    return std::filesystem::read_symlink("/proc/self/exe").string();
}

} // namespace radmark::bench
