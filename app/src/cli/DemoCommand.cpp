#include "cli/CommandArguments.h"
#include "cli/Subcommands.h"
#include "demo/DemoProject.h"

#include <iostream>

namespace radmark::app {

int runDemoCommand(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, {}, {});
    if (parsed.positionals().size() != 1) {
        throw UsageError("give exactly one PROJECT");
    }
    const DemoResult result = createDemoProject(parsed.positionals().front());
    const auto& progress = result.importSummary.progress;
    std::cout << "Demo study written to " << result.dicomFolder << "\n"
              << "Imported " << progress.filesImported << " new files (" << progress.filesUnchanged
              << " unchanged) into " << parsed.positionals().front() << "\n"
              << "Saliency maps listed in " << result.saliencyManifest << "\n";
    return 0;
}

} // namespace radmark::app
