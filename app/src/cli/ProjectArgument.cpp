#include "cli/ProjectArgument.h"

#include "cli/CommandArguments.h"
#include "radmark/storage/project/ProjectError.h"

#include <filesystem>

namespace radmark::app {

std::unique_ptr<storage::ProjectStore> openProjectArgument(
    const CommandArguments& arguments, storage::ProjectStore::OpenMode mode)
{
    if (arguments.positionals().empty()) {
        throw UsageError("missing PROJECT");
    }
    const std::string& path = arguments.positionals().front();
    if (mode != storage::ProjectStore::OpenMode::CreateIfMissing && !std::filesystem::exists(path)) {
        throw storage::ProjectError(path + ": no such project file");
    }
    return storage::ProjectStore::open(path, mode);
}

} // namespace radmark::app
