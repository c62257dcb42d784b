#pragma once

#include "radmark/storage/project/ProjectStore.h"

#include <memory>
#include <string>

namespace radmark::app {

class CommandArguments;

// The PROJECT positional of a subcommand, opened read-only (for listing commands) or for writing.
// Throws UsageError when it is missing and ProjectError when it cannot be opened.
std::unique_ptr<storage::ProjectStore> openProjectArgument(
    const CommandArguments& arguments, storage::ProjectStore::OpenMode mode);

} // namespace radmark::app
