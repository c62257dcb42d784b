#include "cli/CommandArguments.h"
#include "cli/Subcommands.h"
#include "radmark/storage/project/ProjectBackup.h"
#include "radmark/storage/project/ProjectError.h"

#include <filesystem>
#include <iostream>

namespace radmark::app {

int runBackupCommand(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, {}, { "overwrite" });
    if (parsed.positionals().size() < 2) {
        throw UsageError(parsed.positionals().empty() ? "missing PROJECT and DEST" : "missing DEST");
    }
    if (parsed.positionals().size() > 2) {
        throw UsageError("unexpected argument '" + parsed.positionals()[2] + "'");
    }
    const std::string& project = parsed.positionals()[0];
    if (!std::filesystem::exists(project)) {
        throw storage::ProjectError(project + ": no such project file");
    }
    const storage::ProjectBackupResult result
        = storage::backupProject(project, parsed.positionals()[1], parsed.has("overwrite"));
    std::cout << "Backed up " << project << " to " << result.destinationPath << " (" << result.sizeBytes
              << " bytes, schema " << result.schemaVersion << ", integrity ok)\n";
    return 0;
}

} // namespace radmark::app
