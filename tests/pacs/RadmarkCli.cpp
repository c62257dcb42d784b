#include "RadmarkCli.h"

#include "OrthancServer.h"

#include <fcntl.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace radmark::testing {

namespace {

[[noreturn]] void execRadmark(const std::vector<std::string>& arguments)
{
    std::vector<char*> argv;
    std::string binary = RADMARK_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = arguments;
    for (std::string& argument : copies) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
}

} // namespace

int startCli(const std::vector<std::string>& arguments, const std::string& folder)
{
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error("cannot fork");
    }
    if (pid == 0) {
        const int out = ::open((folder + "/stdout.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = ::open((folder + "/stderr.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(err, STDERR_FILENO);
        execRadmark(arguments);
    }
    return pid;
}

int waitCli(int pid)
{
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}

CliResult runCli(const std::vector<std::string>& arguments)
{
    char folderTemplate[] = "/tmp/radmark-cli-XXXXXX";
    const std::string folder = ::mkdtemp(folderTemplate);
    CliResult result;
    result.exitCode = waitCli(startCli(arguments, folder));
    result.out = readWholeFile(folder + "/stdout.txt");
    result.err = readWholeFile(folder + "/stderr.txt");
    ::unlink((folder + "/stdout.txt").c_str());
    ::unlink((folder + "/stderr.txt").c_str());
    ::rmdir(folder.c_str());
    return result;
}

} // namespace radmark::testing
