// radmark annotations: lists the lesion marks of a project.
#include "cli/CommandArguments.h"
#include "cli/MarkOutput.h"
#include "cli/ProjectArgument.h"
#include "cli/Subcommands.h"
#include "radmark/annotation/JsonWriter.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"

#include <iostream>

namespace radmark::app {

int runAnnotationsCommand(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "series" }, { "json" });
    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadOnly);
    const storage::MarkStore store(*project);
    const auto seriesUid = parsed.value("series");
    if (seriesUid && !project->seriesByUid(*seriesUid)) {
        throw storage::ProjectError(project->path() + ": no series with UID " + *seriesUid);
    }
    const auto marks = seriesUid ? store.loadMarks(*seriesUid) : store.loadMarks();
    const annotation::LesionTypeList types = store.lesionTypes();
    if (parsed.has("json")) {
        annotation::JsonWriter json(std::cout);
        json.beginArray();
        for (std::size_t index = 0; index < marks.size(); ++index) {
            json.beginObject().key("number").value(static_cast<std::int64_t>(index + 1));
            writeMarkJsonFields(json, marks[index], types);
            json.endObject();
        }
        json.endArray();
        return 0;
    }
    for (std::size_t index = 0; index < marks.size(); ++index) {
        const annotation::LesionMark& mark = marks[index];
        std::cout << "#" << index + 1 << " " << mark.id << " " << annotation::shapeKindName(mark.shape) << " series "
                  << mark.slice.seriesUid << " slice " << mark.slice.sliceIndex + 1 << " ("
                  << lesionTypeName(types, mark.lesionType) << ") by " << mark.author.name << " ("
                  << annotation::authorRoleName(mark.author.role) << ") created "
                  << annotation::formatIso8601Utc(mark.createdMs) << " modified "
                  << annotation::formatIso8601Utc(mark.modifiedMs) << "\n    " << describeMarkMeasurements(mark)
                  << (mark.note.empty() ? "" : "\n    note: " + mark.note) << "\n";
    }
    std::cout << marks.size() << (marks.size() == 1 ? " mark\n" : " marks\n");
    return 0;
}

} // namespace radmark::app
