#include "cli/CommandArguments.h"
#include "cli/ProjectArgument.h"
#include "cli/Subcommands.h"
#include "radmark/annotation/JsonWriter.h"

#include <iomanip>
#include <iostream>

namespace radmark::app {

int runSeriesCommand(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "set-modality" }, { "json" });
    if (const auto assignment = parsed.value("set-modality")) {
        // --set-modality SERIES_UID=MODALITY: the user's correction (e.g. a NIfTI CT indexed as OT).
        const std::size_t equals = assignment->rfind('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == assignment->size()) {
            throw UsageError("--set-modality takes SERIES_UID=MODALITY (e.g. 2.25.123=CT)");
        }
        const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadWrite);
        const std::string seriesUid = assignment->substr(0, equals);
        const std::string modality = assignment->substr(equals + 1);
        project->setSeriesModality(seriesUid, modality);
        std::cout << "series " << seriesUid << ": modality " << modality << "\n";
        return 0;
    }
    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadOnly);
    const auto allSeries = project->series();
    if (parsed.has("json")) {
        annotation::JsonWriter json(std::cout);
        json.beginArray();
        for (const auto& series : allSeries) {
            json.beginObject()
                .key("series_uid")
                .value(series.seriesUid)
                .key("study_uid")
                .value(series.studyUid)
                .key("patient_id")
                .value(series.patientId)
                .key("modality")
                .value(series.modality)
                .key("description")
                .value(series.description)
                .key("date")
                .value(series.seriesDate)
                .key("series_number")
                .value(series.seriesNumber)
                .key("instances")
                .value(series.instances)
                .key("frames")
                .value(series.frames)
                .key("rows")
                .value(series.rows)
                .key("columns")
                .value(series.columns)
                .key("distinct_sizes")
                .value(series.distinctSizes)
                .key("flagged_instances")
                .value(series.flaggedInstances)
                .key("source")
                .value(series.fromVolumeFile ? "volume-file" : "dicom")
                .endObject();
        }
        json.endArray();
        return 0;
    }
    std::cout << std::left << std::setw(66) << "SERIES UID" << std::setw(4) << "MOD" << std::setw(7) << "IMAGES"
              << std::setw(10) << "SIZE"
              << "PATIENT / DESCRIPTION\n";
    for (const auto& series : allSeries) {
        const std::string size = std::to_string(series.columns) + "x" + std::to_string(series.rows);
        std::cout << std::left << std::setw(66) << series.seriesUid << std::setw(4) << series.modality << std::setw(7)
                  << series.frames << std::setw(10) << size << series.patientId << " / " << series.description << "\n";
    }
    std::cout << allSeries.size() << " series\n";
    return 0;
}

} // namespace radmark::app
