#include "cli/CommandArguments.h"
#include "cli/ProjectArgument.h"
#include "cli/Subcommands.h"
#include "radmark/annotation/JsonWriter.h"

#include <iostream>

namespace radmark::app {

int runSkippedCommand(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, {}, { "json" });
    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadOnly);
    const auto skipped = project->skippedFiles();
    if (parsed.has("json")) {
        annotation::JsonWriter json(std::cout);
        json.beginArray();
        for (const auto& file : skipped) {
            json.beginObject().key("path").value(file.filePath).key("reason").value(file.reason).endObject();
        }
        json.endArray();
        return 0;
    }
    for (const auto& file : skipped) {
        std::cout << file.filePath << ": " << file.reason << "\n";
    }
    std::cout << skipped.size() << " skipped file(s)\n";
    return 0;
}

} // namespace radmark::app
