#pragma once

#include "radmark/annotation/reports/AuditAccuracy.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace radmark::annotation {
class JsonWriter;
}

namespace radmark::storage {

class ProjectStore;

// The measured accuracy of the auto-labels for the dataset card: the project's audit samples (random studies the
// reviewer did not choose) and, per label, precision, recall, agreement and kappa of the proposals against the
// decisions made in audit mode.
struct CardAudit {
    std::size_t samples = 0;
    std::vector<std::uint64_t> seeds;
    std::size_t drawnStudies = 0;
    std::size_t eligibleStudies = 0; // of the first sample: the population it was drawn from
    std::size_t auditedStudies = 0;
    std::vector<annotation::LabelAccuracy> labels; // labels with at least one audited study
};

// Reads the project's audit (no sample: samples 0). Label kinds come from the project's label schema; without one
// a label whose answers are options counts as a Choice label.
CardAudit collectCardAudit(const ProjectStore& project);

void writeAuditJson(annotation::JsonWriter& json, const CardAudit& audit);
void appendAuditMarkdown(std::string& md, const CardAudit& audit);

// "Cardiomegaly (auto): precision 0.93 [0.88, 0.96], recall ..., kappa ..., from 212 audited studies"
std::string auditSentence(const annotation::LabelAccuracy& accuracy);

} // namespace radmark::storage
