#include "cli/CommandArguments.h"
#include "cli/ProjectArgument.h"
#include "cli/Subcommands.h"
#include "radmark/annotation/JsonWriter.h"

#include <iostream>

namespace radmark::app {

int runInfoCommand(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, {}, { "json" });
    if (parsed.positionals().size() > 1) {
        throw UsageError("unexpected argument '" + parsed.positionals()[1] + "'");
    }
    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadOnly);
    const storage::ProjectCounts counts = project->counts();
    if (parsed.has("json")) {
        annotation::JsonWriter json(std::cout);
        json.beginObject()
            .key("project")
            .value(project->path())
            .key("patients")
            .value(counts.patients)
            .key("studies")
            .value(counts.studies)
            .key("series")
            .value(counts.series)
            .key("instances")
            .value(counts.instances)
            .key("skipped_files")
            .value(counts.skippedFiles)
            .key("schema_version")
            .value(counts.schemaVersion)
            .endObject();
        return 0;
    }
    std::cout << "Project:        " << project->path() << "\n"
              << "Patients:       " << counts.patients << "\n"
              << "Studies:        " << counts.studies << "\n"
              << "Series:         " << counts.series << "\n"
              << "Instances:      " << counts.instances << "\n"
              << "Skipped files:  " << counts.skippedFiles << "\n"
              << "Schema version: " << counts.schemaVersion << "\n";
    return 0;
}

} // namespace radmark::app
