#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace radmark::app {

// One `radmark NAME ...` subcommand. `run` returns the exit code; it may throw UsageError
// (exit 2) or any std::exception (exit 1), which runSubcommand prints as one line on stderr.
struct Subcommand {
    const char* name;
    const char* usage;
    const char* summary;
    int (*run)(const std::vector<std::string>& arguments);
};

const std::vector<Subcommand>& subcommands();
const Subcommand* findSubcommand(const std::string& name);
int runSubcommand(const Subcommand& subcommand, const std::vector<std::string>& arguments);
void printUsage(std::ostream& out);

// The subcommands, each in its own file.
int runImportCommand(const std::vector<std::string>& arguments);
int runInfoCommand(const std::vector<std::string>& arguments);
int runSeriesCommand(const std::vector<std::string>& arguments);
int runSkippedCommand(const std::vector<std::string>& arguments);
int runRenderCommand(const std::vector<std::string>& arguments);
int runDemoCommand(const std::vector<std::string>& arguments);
int runAnnotateCommand(const std::vector<std::string>& arguments);
int runAnnotationsCommand(const std::vector<std::string>& arguments);
int runLabelReportsCommand(const std::vector<std::string>& arguments);
int runLabelEvalCommand(const std::vector<std::string>& arguments);
int runLabelsCommand(const std::vector<std::string>& arguments);
int runExportCommand(const std::vector<std::string>& arguments);
int runSaliencyCommand(const std::vector<std::string>& arguments);
int runBackupCommand(const std::vector<std::string>& arguments);
int runPacsCommand(const std::vector<std::string>& arguments);

} // namespace radmark::app
