// `radmark team split|relink|merge|worklist ...`: team labelling from the command line (storage/TeamStore.h).
#include "cli/CommandArguments.h"
#include "cli/ProjectArgument.h"
#include "cli/Subcommands.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/team/TeamStore.h"

#include <iostream>
#include <sstream>

namespace radmark::app {

namespace {

std::vector<std::string> commaList(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        const auto first = item.find_first_not_of(' ');
        const auto last = item.find_last_not_of(' ');
        items.push_back(first == std::string::npos ? std::string {} : item.substr(first, last - first + 1));
    }
    return items;
}

int runSplit(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "annotators", "double-read", "by", "seed", "out", "role" }, {});
    if (parsed.positionals().size() > 1) {
        throw UsageError("unexpected argument '" + parsed.positionals()[1] + "'");
    }
    storage::TeamSplitOptions options;
    options.annotators = commaList(parsed.value("annotators").value_or(""));
    if (!parsed.has("annotators")) {
        throw UsageError("missing --annotators NAME,NAME,...");
    }
    if (!parsed.has("out")) {
        throw UsageError("missing --out DIR");
    }
    options.outDir = *parsed.value("out");
    options.doubleReadFraction = parsed.number("double-read").value_or(0.0);
    options.annotatorRole = parsed.value("role").value_or("radiologist");
    const std::string by = parsed.value("by").value_or("study");
    if (by != "study" && by != "patient") {
        throw UsageError("--by must be study or patient, not '" + by + "'");
    }
    options.byPatient = by == "patient";
    if (const auto seed = parsed.integer("seed")) {
        if (*seed < 0) {
            throw UsageError("--seed must be 0 or more");
        }
        options.seed = static_cast<std::uint64_t>(*seed);
    }
    auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadWrite);
    const storage::TeamSplitResult result = storage::splitTeamProject(*project, options);
    std::cout << "Split " << result.studies << " stud" << (result.studies == 1 ? "y" : "ies") << " of "
              << project->path() << " among " << result.files.size() << " annotator(s), " << result.doubleReadStudies
              << " read twice (seed " << options.seed << ", by " << by << "):\n";
    for (const storage::TeamSplitFile& file : result.files) {
        std::cout << "  " << file.annotator << ": " << file.path << " (" << file.studies << " studies, "
                  << file.doubleReadStudies << " double-read, " << file.instances << " images)\n";
    }
    if (!result.imageRoot.empty()) {
        std::cout << "Images are referenced under " << result.imageRoot
                  << "; where an annotator has them elsewhere: radmark team relink FILE --root PATH\n";
    }
    return 0;
}

int runRelink(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "root" }, {});
    if (parsed.positionals().size() > 1) {
        throw UsageError("unexpected argument '" + parsed.positionals()[1] + "'");
    }
    if (!parsed.has("root")) {
        throw UsageError("missing --root PATH");
    }
    auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadWrite);
    const storage::RelinkResult result = storage::relinkImages(*project, *parsed.value("root"));
    if (result.oldRoot == result.newRoot) {
        std::cout << "The images are already referenced under " << result.newRoot << " (" << result.found << " of "
                  << result.instances << " files found)\n";
    } else {
        std::cout << "Relinked " << result.instances << " image path(s) from " << result.oldRoot << " to "
                  << result.newRoot << " (" << result.found << " found";
        if (result.saliencyMaps > 0) {
            std::cout << "; " << result.saliencyMaps << " saliency map path(s)";
        }
        std::cout << ")\n";
    }
    if (result.found < result.instances) {
        std::cerr << "radmark team relink: " << (result.instances - result.found) << " image file(s) missing under "
                  << result.newRoot << ", e.g. " << result.missingExamples.front() << "\n";
        return 1;
    }
    return 0;
}

int runMerge(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, {}, {});
    if (parsed.positionals().size() < 2) {
        throw UsageError(
            parsed.positionals().empty() ? "missing PROJECT and ANNOTATOR.radmark" : "missing ANNOTATOR.radmark");
    }
    auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadWrite);
    int exitCode = 0;
    for (std::size_t index = 1; index < parsed.positionals().size(); ++index) {
        const std::string& file = parsed.positionals()[index];
        try {
            const storage::TeamMergeResult result = storage::mergeAnnotatorFile(*project, file);
            std::cout << result.path << " (" << result.annotator << "): ";
            if (result.addedNothing()) {
                std::cout << "nothing new to merge";
            } else {
                std::cout << result.decisionsAdded << " label decision(s), " << result.marksAdded << " mark(s), "
                          << result.markHistoryAdded << " mark history row(s), " << result.saliencyReviewsAdded
                          << " saliency verdict(s) added";
                if (result.marksUpdated + result.marksRemoved + result.decisionsUndone > 0) {
                    std::cout << "; " << result.marksUpdated << " mark(s) updated, " << result.marksRemoved
                              << " removed, " << result.decisionsUndone << " decision(s) undone since the last merge";
                }
            }
            if (result.otherAuthorRows > 0) {
                std::cout << "; " << result.otherAuthorRows
                          << " row(s) of the file are authored under another name than " << result.annotator
                          << " (kept as authored)";
            }
            if (result.marksKept > 0) {
                std::cout << "; " << result.marksKept << " mark(s) edited in both files kept as in the team project";
            }
            std::cout << "\n";
        } catch (const storage::ProjectError& refusal) {
            std::cerr << "radmark team merge: refused: " << refusal.what() << "\n";
            exitCode = 1;
        }
    }
    return exitCode;
}

void printWorkList(const std::string& annotator, const std::vector<storage::WorkItem>& items, bool csv)
{
    std::size_t done = 0;
    for (const storage::WorkItem& item : items) {
        done += item.done ? 1 : 0;
    }
    if (csv) {
        std::cout << "annotator,position,accession,study_uid,double_read,labels_decided,labels_total,marks,done\n";
        for (std::size_t index = 0; index < items.size(); ++index) {
            const storage::WorkItem& item = items[index];
            std::cout << annotator << "," << index + 1 << "," << item.accessionNumber << "," << item.studyUid << ","
                      << (item.doubleRead ? 1 : 0) << "," << item.labelsDecided << "," << item.labelsTotal << ","
                      << item.marks << "," << (item.done ? 1 : 0) << "\n";
        }
        return;
    }
    std::cout << annotator << ": " << done << " done, " << items.size() - done << " to do (" << items.size()
              << " studies)\n";
}

int runWorkList(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "annotator", "format" }, {});
    if (parsed.positionals().size() > 1) {
        throw UsageError("unexpected argument '" + parsed.positionals()[1] + "'");
    }
    const std::string format = parsed.value("format").value_or("text");
    if (format != "text" && format != "csv") {
        throw UsageError("--format must be text or csv");
    }
    auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadOnly);
    const auto identity = storage::teamIdentity(*project);
    if (!identity) {
        throw storage::ProjectError(project->path() + ": not a team project (no `radmark team split` was run on it)");
    }
    std::vector<std::string> names;
    if (parsed.has("annotator")) {
        names.push_back(*parsed.value("annotator"));
    } else if (identity->isAnnotatorFile()) {
        names.push_back(identity->annotatorName);
    } else {
        for (const storage::TeamAnnotator& annotator : storage::teamAnnotators(*project)) {
            names.push_back(annotator.name);
        }
    }
    bool first = true;
    for (const std::string& name : names) {
        const auto items = storage::workList(*project, name);
        if (format == "csv" && !first) {
            // One header for the whole table.
            std::ostringstream rows;
            std::streambuf* saved = std::cout.rdbuf(rows.rdbuf());
            printWorkList(name, items, true);
            std::cout.rdbuf(saved);
            const std::string text = rows.str();
            std::cout << text.substr(text.find('\n') + 1);
        } else {
            printWorkList(name, items, format == "csv");
        }
        first = false;
    }
    return 0;
}

struct TeamAction {
    const char* name;
    int (*run)(const std::vector<std::string>& arguments);
};

// One line per action. Agreement and adjudication come at the end, e.g. {"agreement", runTeamAgreementCommand}
// (declared in Subcommands.h, implemented in cli/TeamAgreementCommand.cpp).
const std::vector<TeamAction>& teamActions()
{
    static const std::vector<TeamAction> actions {
        { "split", runSplit },
        { "relink", runRelink },
        { "merge", runMerge },
        { "worklist", runWorkList },
        { "agreement", runTeamAgreementCommand },
    };
    return actions;
}

} // namespace

int runTeamCommand(const std::vector<std::string>& arguments)
{
    std::string names;
    for (const TeamAction& action : teamActions()) {
        names += (names.empty() ? "" : ", ") + std::string(action.name);
    }
    if (arguments.empty()) {
        throw UsageError("missing the action (" + names + ")");
    }
    const std::vector<std::string> rest(arguments.begin() + 1, arguments.end());
    for (const TeamAction& action : teamActions()) {
        if (arguments.front() == action.name) {
            // Errors name the action ("radmark team split: ..."); usage mistakes go on to runSubcommand.
            try {
                return action.run(rest);
            } catch (const UsageError&) {
                throw;
            } catch (const std::exception& error) {
                std::cerr << "radmark team " << action.name << ": " << error.what() << "\n";
                return 1;
            }
        }
    }
    throw UsageError("unknown team action '" + arguments.front() + "' (" + names + ")");
}

} // namespace radmark::app
