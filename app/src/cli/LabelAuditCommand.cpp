// `radmark labels PROJECT --audit-draw N [--seed S]`: draws an audit sample; `--audit-studies` lists the drawn
// studies; `--accuracy [--format csv]` prints the labeller's measured accuracy from the decisions made in audit mode
// (recorded with `--study KEY --set/--confirm --audit`, or in the GUI's audit mode).
#include "cli/CommandArguments.h"
#include "cli/ProjectArgument.h"
#include "cli/ProjectLabels.h"

#include "labelling/LabelSchemaSource.h"
#include "radmark/annotation/CsvRecord.h"
#include "radmark/storage/project/LabelAuditStore.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ReportStore.h"

#include <iostream>
#include <random>

namespace radmark::app {

namespace {

std::uint64_t parseSeed(const std::string& text)
{
    std::size_t used = 0;
    unsigned long long seed = 0;
    try {
        if (text.empty() || text[0] == '-') {
            throw std::invalid_argument(text);
        }
        seed = std::stoull(text, &used, 10);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size()) {
        throw UsageError("--seed must be a whole number from 0 to 18446744073709551615, not \"" + text + "\"");
    }
    return seed;
}

std::size_t parseSampleSize(const std::string& text)
{
    std::size_t used = 0;
    long long size = 0;
    try {
        size = std::stoll(text, &used, 10);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || size < 1) {
        throw UsageError("--audit-draw takes the number of studies to draw (1 or more), not \"" + text + "\"");
    }
    return static_cast<std::size_t>(size);
}

std::string studyName(const storage::StudyReviewState& state)
{
    return state.accessionNumber.empty() ? state.studyUid : state.accessionNumber;
}

std::vector<storage::LabelKindOf> schemaLabels(const LabelSchemaSource& schema)
{
    std::vector<storage::LabelKindOf> labels;
    for (const annotation::LabelDefinition& label : schema.schema.labels) {
        labels.push_back({ label.name, label.kind });
    }
    return labels;
}

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", value);
    return text;
}

} // namespace

int runLabelAuditCommand(const CommandArguments& parsed)
{
    const bool draw = parsed.has("audit-draw");
    const int modes = (draw ? 1 : 0) + (parsed.has("accuracy") ? 1 : 0) + (parsed.has("audit-studies") ? 1 : 0);
    if (modes > 1) {
        throw UsageError("--audit-draw, --audit-studies and --accuracy are separate uses of `radmark labels`");
    }
    if (parsed.has("seed") && !draw) {
        throw UsageError("--seed goes with --audit-draw");
    }
    const std::string format = parsed.value("format").value_or("text");
    if (format != "text" && format != "csv") {
        throw UsageError("--format must be text or csv (got \"" + format + "\")");
    }
    auto project = openProjectArgument(
        parsed, draw ? storage::ProjectStore::OpenMode::ReadWrite : storage::ProjectStore::OpenMode::ReadOnly);
    storage::ReportStore reports(*project);
    storage::LabelAuditStore audit(*project);
    const auto schema = projectLabelSchema(reports);
    if (!schema) {
        throw storage::ProjectError(project->path() + ": has no label schema yet (run `radmark label-reports "
            + project->path() + " --schema NAME|FILE` first)");
    }
    std::vector<std::string> labelNames;
    for (const auto& label : schema->schema.labels) {
        labelNames.push_back(label.name);
    }
    const auto states = reports.reviewStates(labelNames);
    const auto nameOf = [&states](std::int64_t studyId) {
        for (const auto& state : states) {
            if (state.studyId == studyId) {
                return studyName(state);
            }
        }
        return std::to_string(studyId);
    };

    if (draw) {
        if (project->isReadOnly()) {
            throw storage::ProjectError(project->path() + ": cannot draw an audit sample: the project is read-only ("
                + project->readOnlyReason() + ")");
        }
        const std::size_t size = parseSampleSize(*parsed.value("audit-draw"));
        const std::uint64_t seed = parsed.value("seed")
            ? parseSeed(*parsed.value("seed"))
            : (static_cast<std::uint64_t>(std::random_device {}()) << 32) ^ std::random_device {}();
        const storage::AuditSample sample
            = audit.drawSample(labelNames, size, seed, decisionAuthor(parsed, *project).name);
        std::cout << "Drew audit sample " << sample.id << ": " << sample.studyIds.size() << " of "
                  << sample.eligibleStudies << " studies with proposals and no human decision, seed " << sample.seed
                  << ", " << sample.strata << " strata of proposed values (proportional allocation).\n"
                  << "Review them in audit mode: Labels > Review Audit Sample in the window, or `radmark labels "
                  << project->path() << " --study KEY --confirm --audit` (add --set LABEL=VALUE to correct).\n";
        std::cout << "position,study\n";
        for (std::size_t position = 0; position < sample.studyIds.size(); ++position) {
            std::cout << position + 1 << "," << annotation::joinCsvRecord({ nameOf(sample.studyIds[position]) })
                      << "\n";
        }
        return 0;
    }

    const auto samples = audit.samples();
    if (parsed.has("audit-studies")) {
        std::cout << "sample,seed,position,study,audited_labels\n";
        for (const storage::AuditSample& sample : samples) {
            for (std::size_t position = 0; position < sample.studyIds.size(); ++position) {
                std::size_t decided = 0;
                for (const auto& decision : reports.decisions(sample.studyIds[position])) {
                    decided += decision.auditSampleId == sample.id ? 1 : 0;
                }
                std::cout << sample.id << "," << sample.seed << "," << position + 1 << ","
                          << annotation::joinCsvRecord({ nameOf(sample.studyIds[position]) }) << "," << decided << "\n";
            }
        }
        return 0;
    }

    const std::vector<annotation::LabelAccuracy> accuracy
        = storage::measuredLabelAccuracy(audit, schemaLabels(*schema));
    if (format == "csv") {
        std::cout << "label,audited,precision,precision_low,precision_high,recall,recall_low,recall_high,agreement,"
                     "agreement_low,agreement_high,kappa,kappa_low,kappa_high\n";
        const auto cells = [](const annotation::ProportionEstimate& estimate) {
            return estimate.defined()
                ? number(estimate.value) + "," + number(estimate.low) + "," + number(estimate.high)
                : std::string(",,");
        };
        for (const annotation::LabelAccuracy& label : accuracy) {
            std::cout << annotation::joinCsvRecord({ label.label }) << "," << label.audited << ","
                      << cells(label.precision) << "," << cells(label.recall) << "," << cells(label.agreement) << ","
                      << (label.kappa.defined ? number(label.kappa.value) + "," + number(label.kappa.low) + ","
                                     + number(label.kappa.high)
                                              : std::string(",,"))
                      << "\n";
        }
        return 0;
    }
    std::size_t drawn = 0;
    std::string seeds;
    for (const storage::AuditSample& sample : samples) {
        drawn += sample.studyIds.size();
        seeds += (seeds.empty() ? "" : ", ") + std::to_string(sample.seed);
    }
    if (samples.empty()) {
        std::cout << "No audit sample yet: draw one with `radmark labels " << project->path()
                  << " --audit-draw N [--seed S]`.\n";
        return 0;
    }
    std::cout << "Audit: " << audit.auditedStudyCount() << " of " << drawn << " drawn studies reviewed in audit mode ("
              << samples.size() << (samples.size() == 1 ? " sample" : " samples") << ", seed " << seeds
              << "). Only audit-mode decisions count; 95% intervals: Wilson for proportions, kappa +- 1.96 SE.\n";
    for (const annotation::LabelAccuracy& label : accuracy) {
        std::cout << label.label << ": ";
        if (label.audited == 0) {
            std::cout << "not audited yet\n";
            continue;
        }
        if (label.kind != annotation::LabelKind::Choice) {
            const auto counted = [](const annotation::ProportionEstimate& estimate) {
                return annotation::formatEstimate(estimate)
                    + (estimate.defined()
                            ? " (" + std::to_string(estimate.successes) + "/" + std::to_string(estimate.trials) + ")"
                            : std::string());
            };
            std::cout << "precision " << counted(label.precision) << ", recall " << counted(label.recall) << ", ";
        }
        std::cout << "kappa " << annotation::formatEstimate(label.kappa) << ", same answer "
                  << annotation::formatEstimate(label.agreement) << ", from " << label.audited
                  << (label.audited == 1 ? " audited study\n" : " audited studies\n");
    }
    return 0;
}

} // namespace radmark::app
