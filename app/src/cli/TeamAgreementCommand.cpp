// `radmark team agreement PROJECT [--format md|csv] [--disputes]`: inter-reader agreement of a team project
// (labels, lesions, annotators) or the list of disagreements still waiting for a reviewer.
#include "cli/CommandArguments.h"
#include "cli/ProjectArgument.h"
#include "cli/Subcommands.h"

#include "radmark/annotation/CsvRecord.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/team/TeamAgreementReport.h"

#include <cmath>
#include <iostream>

namespace radmark::app {

namespace {

std::uint64_t parseWhole(const std::string& option, const std::string& text)
{
    std::size_t used = 0;
    unsigned long long value = 0;
    try {
        if (!text.empty() && text[0] != '-') {
            value = std::stoull(text, &used, 10);
        }
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size()) {
        throw UsageError("--" + option + " must be a whole number, not \"" + text + "\"");
    }
    return value;
}

std::string answerText(const storage::ReaderAnswer& answer)
{
    return answer.author + "=" + storage::answerCategory(answer);
}

std::string lesionText(const storage::LesionItem& item)
{
    std::string text;
    for (const auto& mark : item.readerMarks) {
        text += (text.empty() ? "" : "; ") + mark.author.name + " slice " + std::to_string(mark.slice.sliceIndex + 1)
            + " " + annotation::shapeKindName(mark.shape);
    }
    return text;
}

void printDisputes(const std::vector<storage::StudyAdjudication>& studies)
{
    std::cout << annotation::joinCsvRecord({ "study", "kind", "item", "answers", "reason" }) << "\n";
    for (const storage::StudyAdjudication& study : studies) {
        for (const storage::LabelItem& item : study.labels) {
            if (item.state != storage::ItemState::Disputed) {
                continue;
            }
            std::string answers;
            for (const auto& answer : item.readers) {
                answers += (answers.empty() ? "" : "; ") + answerText(answer);
            }
            std::cout << annotation::joinCsvRecord({ study.key, "label", item.label, answers, "answers differ" })
                      << "\n";
        }
        for (const storage::LesionItem& item : study.lesions) {
            if (item.state == storage::ItemState::Disputed) {
                std::cout << annotation::joinCsvRecord(
                    { study.key, "lesion", item.readerMarks.front().id, lesionText(item), item.reason })
                          << "\n";
            }
        }
    }
}

} // namespace

int runTeamAgreementCommand(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "format", "iou", "tolerance-mm", "seed", "replicates" }, { "disputes" });
    if (parsed.positionals().size() > 1) {
        throw UsageError("unexpected argument \"" + parsed.positionals()[1] + "\"");
    }
    const std::string format = parsed.value("format").value_or("md");
    if (format != "md" && format != "csv") {
        throw UsageError("--format must be md or csv (got \"" + format + "\")");
    }
    storage::TeamAgreementOptions options;
    if (const auto iou = parsed.number("iou")) {
        if (!(*iou > 0.0 && *iou <= 1.0)) {
            throw UsageError("--iou must be above 0 and at most 1");
        }
        options.adjudication.matchIou = *iou;
    }
    if (const auto tolerance = parsed.number("tolerance-mm")) {
        if (!(*tolerance >= 0.0) || !std::isfinite(*tolerance)) {
            throw UsageError("--tolerance-mm must be 0 or more");
        }
        options.adjudication.recistToleranceMm = *tolerance;
    }
    if (const auto seed = parsed.value("seed")) {
        options.bootstrapSeed = parseWhole("seed", *seed);
    }
    if (const auto replicates = parsed.value("replicates")) {
        options.bootstrapReplicates = static_cast<std::size_t>(parseWhole("replicates", *replicates));
        if (options.bootstrapReplicates < 100 || options.bootstrapReplicates > 100000) {
            throw UsageError("--replicates must be from 100 to 100000");
        }
    }
    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadOnly);
    if (project->schemaVersion() < 7) {
        throw storage::ProjectError(project->path() + ": not a team project (schema "
            + std::to_string(project->schemaVersion()) + ", team labelling needs 7)");
    }
    const storage::TeamReadings readings = storage::readTeamReadings(*project);
    if (readings.annotators.empty()) {
        throw storage::ProjectError(
            project->path() + ": no study is assigned to annotators; run `radmark team split` first");
    }
    if (parsed.has("disputes")) {
        printDisputes(storage::adjudicateStudies(readings, options.adjudication));
        return 0;
    }
    const storage::TeamAgreementReport report = storage::computeTeamAgreement(readings, options);
    if (format == "csv") {
        std::cout << storage::teamAgreementCsv(report);
    } else {
        std::cout << "# Reader agreement: " << project->path() << "\n\n" << storage::teamAgreementMarkdown(report, 2);
    }
    return 0;
}

} // namespace radmark::app
