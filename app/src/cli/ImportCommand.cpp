#include "cli/CommandArguments.h"
#include "cli/ProjectArgument.h"
#include "cli/Subcommands.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectError.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace radmark::app {

namespace {

constexpr std::size_t skippedFilesListed = 20;

void printSummary(const storage::ImportSummary& summary, const std::string& projectPath)
{
    const auto& progress = summary.progress;
    std::cout << (summary.cancelled ? "Import cancelled: " : "Imported: ") << progress.filesProcessed << " files in "
              << progress.elapsedSeconds << " s (" << static_cast<long long>(progress.filesPerSecond)
              << " files/s): " << progress.filesImported << " new or changed, " << progress.filesUnchanged
              << " unchanged, " << progress.filesSkipped << " skipped\n";
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
    const CommandArguments parsed(arguments, { "threads" }, { "quiet" });
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
    const bool showProgress = !parsed.has("quiet") && isatty(STDERR_FILENO) != 0;
    if (showProgress) {
        options.onProgress = [](const storage::ImportProgress& progress) {
            std::fprintf(stderr, "\r%zu files read, %zu found, %.0f files/s   ", progress.filesProcessed,
                progress.filesFound, progress.filesPerSecond);
        };
    }
    const storage::ImportSummary summary = storage::importPaths(*project, paths, options);
    if (showProgress) {
        std::fprintf(stderr, "\n");
    }
    printSummary(summary, project->path());
    return missingPaths > 0 ? 1 : 0;
}

} // namespace radmark::app
