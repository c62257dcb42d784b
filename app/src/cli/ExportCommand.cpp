#include "cli/CommandArguments.h"
#include "cli/ProjectArgument.h"
#include "cli/Subcommands.h"
#include "radmark/storage/dataset/DatasetExport.h"
#include "radmark/storage/dataset/ExportFormatRegistry.h"
#include "radmark/storage/project/ProjectError.h"

#include <iostream>
#include <sstream>
#include <stdexcept>

namespace radmark::app {

namespace {

std::string plural(std::size_t count, const std::string& one, const std::string& many)
{
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::vector<std::string> commaList(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        if (!item.empty()) {
            items.push_back(item);
        }
    }
    return items;
}

void printOutcome(const storage::ExportOutcome& outcome)
{
    std::cout << "Exported " << plural(outcome.studies, "study", "studies") << " of "
              << plural(outcome.patients, "patient", "patients") << " (" << plural(outcome.marks, "mark", "marks")
              << ") to " << outcome.outputDir << ": train " << plural(outcome.studiesPerSplit[0], "study", "studies")
              << ", validation " << plural(outcome.studiesPerSplit[1], "study", "studies") << ", test "
              << plural(outcome.studiesPerSplit[2], "study", "studies") << "\n";
    for (const auto& [format, files] : outcome.log.filesWritten) {
        std::cout << "  " << format << ": " << plural(files, "file", "files") << "\n";
    }
    if (!outcome.log.excluded.empty()) {
        std::cout << "Excluded " << plural(outcome.log.excluded.size(), "image", "images")
                  << " (listed in dataset_card.md):\n";
        for (const auto& problem : outcome.log.excluded) {
            std::cout << "  " << problem.path << ": " << problem.reason << "\n";
        }
    }
    for (const std::string& warning : outcome.log.warnings) {
        std::cout << "Warning: " << warning << "\n";
    }
}

} // namespace

int runExportCommand(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments,
        { "format", "out", "studies", "series", "split", "ratios", "seed", "stratify", "salt", "mapping", "disputed" },
        { "overwrite", "shift-dates", "no-age", "no-sex", "include-burned-in", "quiet" });
    if (parsed.positionals().size() > 1) {
        throw UsageError("unexpected argument \"" + parsed.positionals()[1] + "\"");
    }
    storage::ExportRequest request;
    for (const std::string& value : parsed.values("format")) {
        for (const std::string& format : commaList(value)) {
            if (storage::findExportFormat(format) == nullptr) {
                std::string known;
                for (const auto& entry : storage::exportFormats()) {
                    known += (known.empty() ? "" : ", ") + entry.name;
                }
                throw UsageError("unknown format \"" + format + "\" (known: " + known + ")");
            }
            request.formats.push_back(format);
        }
    }
    if (request.formats.empty()) {
        throw UsageError("--format is required");
    }
    request.outputDir = parsed.value("out").value_or("");
    if (request.outputDir.empty()) {
        throw UsageError("--out is required");
    }
    request.overwrite = parsed.has("overwrite");
    request.studies = commaList(parsed.value("studies").value_or(""));
    request.series = commaList(parsed.value("series").value_or(""));
    const std::string split = parsed.value("split").value_or("patient");
    if (split != "patient" && split != "site") {
        throw UsageError("--split must be patient or site (got \"" + split + "\")");
    }
    request.split.grouping = split == "site" ? annotation::SplitGrouping::Site : annotation::SplitGrouping::Patient;
    if (const auto ratios = parsed.value("ratios")) {
        try {
            request.split.ratios = annotation::parseSplitRatios(*ratios);
        } catch (const std::invalid_argument& error) {
            throw UsageError(error.what());
        }
    }
    if (const auto seed = parsed.integer("seed")) {
        if (*seed < 0) {
            throw UsageError("--seed must not be negative");
        }
        request.split.seed = static_cast<std::uint64_t>(*seed);
    }
    request.stratifyLabel = parsed.value("stratify").value_or("");
    request.identity.salt = parsed.value("salt").value_or("");
    request.identity.shiftDates = parsed.has("shift-dates");
    request.identity.keepPatientAge = !parsed.has("no-age");
    request.identity.keepPatientSex = !parsed.has("no-sex");
    request.includeBurnedIn = parsed.has("include-burned-in");
    request.mappingPath = parsed.value("mapping").value_or("");
    const std::string disputed = parsed.value("disputed").value_or("flag");
    if (disputed != "flag" && disputed != "exclude") {
        throw UsageError("--disputed must be flag or exclude (got \"" + disputed + "\")");
    }
    request.disputed = disputed == "exclude" ? storage::DisputedStudies::Exclude : storage::DisputedStudies::Flag;
    std::vector<std::string> command { "radmark", "export" };
    command.insert(command.end(), arguments.begin(), arguments.end());
    request.commandLine = storage::redactedCommandLine(command);
    const bool quiet = parsed.has("quiet");
    std::string lastStage;
    request.progress = [&](const std::string& stage, double) {
        if (!quiet && stage != lastStage && stage != "Done") {
            std::cerr << stage << "...\n";
            lastStage = stage;
        }
        return true;
    };

    auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadOnly);
    const storage::ExportOutcome outcome = storage::runDatasetExport(*project, request);
    printOutcome(outcome);
    return 0;
}

} // namespace radmark::app
