#include "dataset/AuditCardSection.h"

#include "radmark/annotation/JsonWriter.h"
#include "radmark/annotation/reports/LabelSchema.h"
#include "radmark/storage/project/LabelAuditStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <algorithm>

namespace radmark::storage {

namespace {

void proportionJson(
    annotation::JsonWriter& json, const std::string& name, const annotation::ProportionEstimate& estimate)
{
    json.key(name).beginObject();
    json.key("successes").value(static_cast<long long>(estimate.successes));
    json.key("trials").value(static_cast<long long>(estimate.trials));
    json.key("value").optionalNumber(estimate.defined() ? std::optional<double>(estimate.value) : std::nullopt);
    json.key("ci95_wilson").beginArray();
    if (estimate.defined()) {
        json.value(estimate.low).value(estimate.high);
    }
    json.endArray();
    json.endObject();
}

} // namespace

CardAudit collectCardAudit(const ProjectStore& project)
{
    CardAudit audit;
    ProjectStore& writable = const_cast<ProjectStore&>(project); // read only here
    LabelAuditStore store(writable);
    const std::vector<AuditSample> samples = store.samples();
    audit.samples = samples.size();
    if (samples.empty()) {
        return audit;
    }
    audit.eligibleStudies = samples.front().eligibleStudies;
    std::vector<std::string> names;
    for (const AuditSample& sample : samples) {
        audit.seeds.push_back(sample.seed);
        audit.drawnStudies += sample.studyIds.size();
        for (const std::string& name : sample.labelNames) {
            if (std::find(names.begin(), names.end(), name) == names.end()) {
                names.push_back(name);
            }
        }
    }
    audit.auditedStudies = store.auditedStudyCount();
    std::optional<annotation::LabelSchema> schema;
    if (const auto stored = ReportStore(writable).currentLabelSchema()) {
        try {
            schema = annotation::parseLabelSchema(stored->jsonText, "the project's label schema");
        } catch (const std::exception&) {
            // kinds are inferred below
        }
    }
    const std::vector<AuditLabelPairs> pairs = store.auditPairs(names);
    for (const AuditLabelPairs& label : pairs) {
        if (label.pairs.empty()) {
            continue;
        }
        annotation::LabelKind kind = annotation::LabelKind::Finding;
        if (const annotation::LabelDefinition* definition = schema ? schema->find(label.labelName) : nullptr) {
            kind = definition->kind;
        } else if (std::any_of(label.pairs.begin(), label.pairs.end(), [](const annotation::AuditPair& pair) {
                       return !pair.proposedChoice.empty() || !pair.humanChoice.empty();
                   })) {
            kind = annotation::LabelKind::Choice;
        }
        audit.labels.push_back(annotation::estimateLabelAccuracy(label.labelName, kind, label.pairs));
    }
    return audit;
}

void writeAuditJson(annotation::JsonWriter& json, const CardAudit& audit)
{
    json.key("measured_label_accuracy").beginObject();
    json.key("basis").value("decisions made in audit mode on randomly drawn studies only (not chosen by the "
                            "reviewer); 95% intervals: Wilson for proportions, kappa +- 1.96 SE (Cohen 1960)");
    json.key("samples").value(static_cast<long long>(audit.samples));
    json.key("seeds").beginArray();
    for (const std::uint64_t seed : audit.seeds) {
        json.value(std::to_string(seed)); // 64-bit: as text, so that no reader rounds it
    }
    json.endArray();
    json.key("drawn_studies").value(static_cast<long long>(audit.drawnStudies));
    json.key("eligible_studies_first_sample").value(static_cast<long long>(audit.eligibleStudies));
    json.key("audited_studies").value(static_cast<long long>(audit.auditedStudies));
    json.key("labels").beginObject();
    for (const annotation::LabelAccuracy& label : audit.labels) {
        json.key(label.label).beginObject();
        json.key("audited").value(static_cast<long long>(label.audited));
        proportionJson(json, "precision", label.precision);
        proportionJson(json, "recall", label.recall);
        proportionJson(json, "agreement", label.agreement);
        json.key("kappa").beginObject();
        json.key("value").optionalNumber(label.kappa.defined ? std::optional<double>(label.kappa.value) : std::nullopt);
        json.key("ci95").beginArray();
        if (label.kappa.defined) {
            json.value(label.kappa.low).value(label.kappa.high);
        }
        json.endArray();
        json.endObject();
        json.endObject();
    }
    json.endObject();
    json.endObject();
}

std::string auditSentence(const annotation::LabelAccuracy& accuracy)
{
    std::string text = accuracy.label + " (auto): ";
    if (accuracy.kind != annotation::LabelKind::Choice) {
        text += "precision " + annotation::formatEstimate(accuracy.precision) + ", recall "
            + annotation::formatEstimate(accuracy.recall) + ", ";
    }
    text += "kappa " + annotation::formatEstimate(accuracy.kappa) + ", same answer "
        + annotation::formatEstimate(accuracy.agreement) + ", from " + std::to_string(accuracy.audited)
        + (accuracy.audited == 1 ? " audited study" : " audited studies");
    return text;
}

void appendAuditMarkdown(std::string& md, const CardAudit& audit)
{
    md += "\n## Measured accuracy of the auto-labels\n\n";
    if (audit.samples == 0 || audit.auditedStudies == 0) {
        md += audit.samples == 0 ? "Not measured: the project has no audit sample (Labels ▸ Start Audit… or "
                                   "`radmark labels PROJECT --audit-draw N`).\n"
                                 : "Not measured yet: no study of the audit sample has been reviewed in audit mode.\n";
        return;
    }
    std::string seeds;
    for (const std::uint64_t seed : audit.seeds) {
        seeds += (seeds.empty() ? "" : ", ") + std::to_string(seed);
    }
    md += std::to_string(audit.auditedStudies) + " of " + std::to_string(audit.drawnStudies)
        + " studies drawn at random (" + std::to_string(audit.samples) + (audit.samples == 1 ? " sample" : " samples")
        + ", seed " + seeds + "; stratified by the proposed values, proportional allocation) from the "
        + std::to_string(audit.eligibleStudies)
        + " studies that had proposals and no human decision were reviewed in audit mode. Only decisions made in "
          "audit mode count here: the reviewer did not choose these studies, so the figures estimate how far the "
          "auto-labels of the studies nobody reviewed can be trusted. Positive means 1 (present / yes); uncertain "
          "and not mentioned count as not positive. 95% intervals: Wilson score for precision, recall and the share "
          "of same answers; Cohen's kappa over every answer ± 1.96 SE (Cohen 1960). Measured over the project's "
          "audit, not only the studies of this export.\n\n";
    for (const annotation::LabelAccuracy& label : audit.labels) {
        md += "- " + auditSentence(label) + ".\n";
    }
}

} // namespace radmark::storage
