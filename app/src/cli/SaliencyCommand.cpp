#include "cli/CommandArguments.h"
#include "cli/ProjectArgument.h"
#include "cli/Subcommands.h"
#include "radmark/annotation/CsvRecord.h"
#include "radmark/annotation/Timestamp.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/SaliencyStore.h"
#include "radmark/storage/saliency/SaliencyDataFiles.h"
#include "radmark/storage/saliency/SaliencyEvaluation.h"
#include "radmark/storage/saliency/SaliencyManifest.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace radmark::app {

namespace {

std::string number(double value)
{
    char text[64];
    std::snprintf(text, sizeof(text), "%.6g", value);
    return text;
}

std::string optionalNumber(const std::optional<double>& value)
{
    return value ? number(*value) : std::string();
}

int runImport(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, {}, { "no-checks", "quiet", "allow-data-outside" });
    if (parsed.positionals().size() != 2) {
        throw UsageError("give PROJECT and MANIFEST.csv");
    }
    storage::allowSaliencyDataOutsideMapFolder(parsed.has("allow-data-outside"));
    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadWrite);
    if (project->isReadOnly()) {
        throw storage::ProjectError(project->path() + ": read-only (" + project->readOnlyReason() + ")");
    }
    const storage::SaliencyManifestSummary summary = storage::importSaliencyManifest(*project, parsed.positionals()[1]);
    for (const std::string& problem : summary.problems) {
        std::cerr << "radmark saliency import: skipped: " << problem << "\n";
    }
    std::cout << summary.rows << " manifest rows: " << summary.mapsAdded << " maps added, " << summary.mapsUpdated
              << " updated, " << summary.problems.size() << " skipped\n";
    if (!parsed.has("no-checks")) {
        const storage::SaliencyRefreshSummary checks = storage::refreshSaliencyChecks(*project, false);
        for (const std::string& problem : checks.problems) {
            std::cerr << "radmark saliency import: cannot check: " << problem << "\n";
        }
        std::cout << checks.evaluated << " maps checked, " << checks.failed << " could not be loaded\n";
        if (checks.failed > 0) {
            return 1;
        }
    }
    return summary.problems.empty() ? 0 : 1;
}

int runReport(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "format" }, {});
    if (parsed.positionals().size() != 1) {
        throw UsageError("give PROJECT");
    }
    if (const auto format = parsed.value("format"); format && *format != "csv") {
        throw UsageError("--format must be csv");
    }
    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadWrite);
    if (!project->isReadOnly()) {
        for (const std::string& problem : storage::refreshSaliencyChecks(*project, true).problems) {
            std::cerr << "radmark saliency report: cannot check: " << problem << "\n";
        }
    }
    storage::SaliencyStore store(*project);
    std::cout << annotation::joinCsvRecord({ "map_id", "study_uid", "accession", "series_uid", "model", "target",
        "score", "method", "map_path", "grid", "mark_count", "mass_inside_marks", "peak_inside_mark",
        "mass_outside_body", "mass_on_text_or_corners", "total_mass", "peak_value", "peak_column", "peak_row",
        "peak_slice", "verdict", "note", "reviewer", "reviewer_role", "reviewed_at", "problem", "warnings" })
              << "\n";
    for (const storage::SaliencyMapRecord& map : store.maps()) {
        std::vector<std::string> row { std::to_string(map.id), map.studyUid, map.accessionNumber, map.seriesUid,
            map.model, map.target, optionalNumber(map.score), map.method, map.mapPath };
        const auto checks = store.checks(map.id);
        if (checks && checks->problem.empty()) {
            const annotation::SaliencyChecks& c = checks->checks;
            row.insert(row.end(),
                { checks->grid, std::to_string(checks->markCount), optionalNumber(c.massInsideMarksFraction),
                    c.peakInsideMark ? (*c.peakInsideMark ? "1" : "0") : "", optionalNumber(c.massOutsideBodyFraction),
                    optionalNumber(c.massOnTextOrCornersFraction), number(c.totalMass), number(c.peakValue),
                    std::to_string(c.peakI), std::to_string(c.peakJ), std::to_string(c.peakK + 1) });
        } else {
            row.insert(row.end(), 11, std::string());
        }
        if (const auto review = store.latestReview(map.id)) {
            row.insert(row.end(),
                { annotation::saliencyVerdictName(review->verdict), review->note, review->reviewer.name,
                    annotation::authorRoleName(review->reviewer.role),
                    annotation::formatIso8601Utc(review->reviewedMs) });
        } else {
            row.insert(row.end(), 5, std::string());
        }
        row.push_back(checks ? checks->problem : std::string());
        row.push_back(checks ? checks->warnings : std::string());
        std::cout << annotation::joinCsvRecord(row) << "\n";
    }
    return 0;
}

// radmark saliency remove PROJECT MAP... [--dry-run]: MAP is a map id (the report's map_id) or a map file path
// (every map row of that file). Says what goes (row, reviews, checks) before removing; the files stay.
int runRemove(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, {}, { "dry-run" });
    if (parsed.positionals().size() < 2) {
        throw UsageError("give PROJECT and at least one MAP (a map_id of `saliency report` or a map file path)");
    }
    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadWrite);
    const bool dryRun = parsed.has("dry-run");
    if (!dryRun && project->isReadOnly()) {
        throw storage::ProjectError(project->path() + ": read-only (" + project->readOnlyReason() + ")");
    }
    storage::SaliencyStore store(*project);
    const std::vector<storage::SaliencyMapRecord> all = store.maps();
    std::vector<std::int64_t> ids;
    for (std::size_t n = 1; n < parsed.positionals().size(); ++n) {
        const std::string& wanted = parsed.positionals()[n];
        const bool numeric = !wanted.empty() && wanted.find_first_not_of("0123456789") == std::string::npos;
        const std::string absolute
            = numeric ? std::string() : std::filesystem::absolute(wanted).lexically_normal().string();
        bool matched = false;
        for (const storage::SaliencyMapRecord& map : all) {
            if ((numeric && std::to_string(map.id) == wanted)
                || (!numeric && (map.mapPath == wanted || map.mapPath == absolute))) {
                if (std::find(ids.begin(), ids.end(), map.id) == ids.end()) {
                    ids.push_back(map.id);
                }
                matched = true;
            }
        }
        if (!matched) {
            throw UsageError(
                "no saliency map '" + wanted + "' in " + project->path() + " (see `radmark saliency report`)");
        }
    }
    for (const std::int64_t id : ids) {
        const auto map = store.map(id);
        const std::size_t reviews = store.reviews(id).size();
        const bool hasChecks = store.checks(id).has_value();
        std::cout << (dryRun ? "would remove" : "removing") << " saliency map " << id << " (" << map->mapPath
                  << ", model " << map->model << (map->target.empty() ? "" : ", target " + map->target) << ", series "
                  << map->seriesUid << ") with " << reviews << " review(s)" << (hasChecks ? " and its checks" : "")
                  << "; the file is kept\n";
        if (!dryRun) {
            store.removeMap(id);
        }
    }
    std::cout << ids.size() << " map(s) " << (dryRun ? "would be removed" : "removed") << "\n";
    return 0;
}

} // namespace

int runSaliencyCommand(const std::vector<std::string>& arguments)
{
    if (arguments.empty()) {
        throw UsageError("missing import, report or remove");
    }
    const std::vector<std::string> rest(arguments.begin() + 1, arguments.end());
    if (arguments.front() == "import") {
        return runImport(rest);
    }
    if (arguments.front() == "report") {
        return runReport(rest);
    }
    if (arguments.front() == "remove") {
        return runRemove(rest);
    }
    throw UsageError("unknown saliency action '" + arguments.front() + "' (import, report or remove)");
}

} // namespace radmark::app
