// radmark: with no subcommand (or a project path) it opens the application; subcommands do
// headless batch work. See `radmark --help`.
#include "BuildVersion.h"
#include "cli/Subcommands.h"
#include "gui/GuiApplication.h"
#include "radmark/storage/imageio/ToolkitLogging.h"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char* argv[])
{
    using namespace radmark::app;
    // DCMTK, GDCM and ITK print their own warnings otherwise; RadMark reports every problem itself.
    radmark::storage::silenceToolkitLogging();
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    if (!arguments.empty()) {
        const std::string& first = arguments.front();
        if (first == "--help" || first == "-h" || first == "help") {
            printUsage(std::cout);
            return 0;
        }
        if (first == "--version") {
            std::cout << RADMARK_VERSION_LINE "\n";
            return 0;
        }
        if (const Subcommand* subcommand = findSubcommand(first)) {
            return runSubcommand(*subcommand, std::vector<std::string>(arguments.begin() + 1, arguments.end()));
        }
        const bool looksLikeProject = first.size() > 8 && first.compare(first.size() - 8, 8, ".radmark") == 0;
        if (!looksLikeProject) {
            std::cerr << "radmark: unknown subcommand or not a .radmark project: " << first
                      << " (see radmark --help)\n";
            return 2;
        }
    }
    return runGui(argc, argv, arguments.empty() ? QString() : QString::fromStdString(arguments.front()));
}
