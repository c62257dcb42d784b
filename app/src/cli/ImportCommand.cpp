#include "cli/CommandArguments.h"
#include "cli/ProjectArgument.h"
#include "cli/Subcommands.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectError.h"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace radmark::app {

namespace {

constexpr std::size_t skippedFilesListed = 20;

// Set by Ctrl-C (SIGINT), SIGTERM or SIGHUP: the import stops after the batch being written, keeping every
// committed file, and the same command continues later. A second signal ends the process at once.
std::atomic<bool> stopRequested { false };
std::atomic<int> stopSignal { 0 };

extern "C" void requestStop(int signalNumber)
{
    stopRequested = true;
    stopSignal = signalNumber;
    ::signal(signalNumber, SIG_DFL);
}

// Installs requestStop for the import and restores the previous handlers afterwards.
class StopSignals {
public:
    StopSignals()
    {
        stopRequested = false;
        stopSignal = 0;
        struct sigaction action { };
        action.sa_handler = requestStop;
        sigemptyset(&action.sa_mask);
        for (std::size_t index = 0; index < signals.size(); ++index) {
            ::sigaction(signals[index], &action, &previous[index]);
        }
    }
    ~StopSignals()
    {
        for (std::size_t index = 0; index < signals.size(); ++index) {
            ::sigaction(signals[index], &previous[index], nullptr);
        }
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    static constexpr std::array<int, 3> signals { SIGINT, SIGTERM, SIGHUP };
    std::array<struct sigaction, 3> previous {};
};

void printSummary(const storage::ImportSummary& summary, const std::string& projectPath)
{
    const auto& progress = summary.progress;
    std::cout << (summary.cancelled ? "Import stopped: " : "Imported: ") << progress.filesProcessed << " files in "
              << progress.elapsedSeconds << " s (" << static_cast<long long>(progress.filesPerSecond)
              << " files/s): " << progress.filesImported << " new or changed, " << progress.filesUnchanged
              << " unchanged, " << progress.filesSkipped << " skipped\n";
    if (summary.cancelled) {
        std::cout << "Every file counted above is committed to the project. Run the same command again to "
                     "continue: committed files with the same size and time are not read again.\n";
    }
    if (summary.reportsImported > 0 || summary.reportsAttached > 0 || summary.reportsUnmatched > 0) {
        std::cout << "Reports: " << summary.reportsImported << " stored, " << summary.reportsAttached
                  << " attached to studies imported now, " << summary.reportsUnmatched << " matching no study";
        if (summary.reportsUnmatched > 0) {
            std::cout << " (radmark labels " << projectPath << " --unmatched-reports)";
        }
        std::cout << "\n";
    }
    if (summary.marksImported > 0 || summary.marksAlreadyPresent > 0 || !summary.measurementsNotImported.empty()) {
        std::cout << "Marks from DICOM SR: " << summary.marksImported << " imported, " << summary.marksAlreadyPresent
                  << " already in the project, " << summary.measurementsNotImported.size() << " not mapped\n";
        for (const std::string& notMapped : summary.measurementsNotImported) {
            std::cout << "  not mapped: " << notMapped << "\n";
        }
    }
    std::size_t listed = 0;
    for (const auto& skipped : summary.skippedThisRun) {
        if (listed++ == skippedFilesListed) {
            std::cout << "  ... and " << summary.skippedThisRun.size() - skippedFilesListed << " more: radmark skipped "
                      << projectPath << "\n";
            break;
        }
        std::cout << "  skipped " << skipped.filePath << ": " << skipped.reason << "\n";
    }
}

} // namespace

int runImportCommand(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "threads", "batch-files" }, { "quiet", "progress" });
    if (parsed.positionals().size() < 2) {
        throw UsageError("give PROJECT and at least one PATH");
    }
    std::vector<std::string> paths;
    int missingPaths = 0;
    for (std::size_t index = 1; index < parsed.positionals().size(); ++index) {
        const std::string& path = parsed.positionals()[index];
        std::error_code error;
        if (!std::filesystem::exists(path, error)) {
            std::cerr << "radmark import: " << path << ": no such file or folder\n";
            ++missingPaths;
            continue;
        }
        paths.push_back(path);
    }

    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::CreateIfMissing);
    if (project->isReadOnly()) {
        throw storage::ProjectError(project->path() + ": the project file is read-only; nothing was imported");
    }

    storage::ImportOptions options;
    if (const auto threads = parsed.integer("threads")) {
        if (*threads < 0) {
            throw UsageError("--threads must be 0 or more");
        }
        options.threads = static_cast<unsigned>(*threads);
    }
    if (const auto batchFiles = parsed.integer("batch-files")) {
        if (*batchFiles < 1) {
            throw UsageError("--batch-files must be 1 or more");
        }
        options.batchSize = static_cast<std::size_t>(*batchFiles);
    }
    // On a terminal one line rewritten in place; with --progress (e.g. into a log file) one line per second.
    const bool terminal = isatty(STDERR_FILENO) != 0;
    const bool progressLines = parsed.has("progress") && !terminal;
    const bool showProgress = !parsed.has("quiet") && (terminal || progressLines);
    if (showProgress) {
        options.progressIntervalSeconds = progressLines ? 1.0 : 0.2;
        options.onProgress = [progressLines](const storage::ImportProgress& progress) {
            const std::string line
                = storage::importProgressText(progress) + ", " + std::to_string(progress.filesImported) + " committed";
            if (progressLines) {
                std::fprintf(stderr, "%s\n", line.c_str());
            } else {
                std::fprintf(stderr, "\r%s   ", line.c_str());
            }
            std::fflush(stderr);
        };
    }
    options.cancelRequested = &stopRequested;
    const StopSignals stopSignals;
    const storage::ImportSummary summary = storage::importPaths(*project, paths, options);
    if (showProgress && !progressLines) {
        std::fprintf(stderr, "\n");
    }
    printSummary(summary, project->path());
    if (summary.cancelled) {
        return 128 + (stopSignal != 0 ? stopSignal.load() : SIGINT);
    }
    return missingPaths > 0 ? 1 : 0;
}

} // namespace radmark::app
