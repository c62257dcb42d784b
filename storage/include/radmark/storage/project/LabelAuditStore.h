#pragma once

#include "radmark/annotation/reports/AuditAccuracy.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

class ProjectStore;

// One audit sample as stored (schema 6): the draw's seed and size, the population it was drawn from and the
// drawn studies in review order.
struct AuditSample {
    std::int64_t id = 0;
    std::uint64_t seed = 0;
    std::size_t requestedSize = 0;
    std::size_t eligibleStudies = 0; // studies with proposals, no human decision and in no sample, when drawn
    std::size_t strata = 0;
    std::vector<std::string> labelNames; // the schema labels the strata were formed from
    std::string authorName;
    std::int64_t drawnMs = 0;
    std::vector<std::int64_t> studyIds;
};

// Audited pairs of one label: the current proposal and the latest audit-mode decision in force, per audited study.
struct AuditLabelPairs {
    std::string labelName;
    std::vector<annotation::AuditPair> pairs;
};

// Audit mode of the label workflow: random, stratified samples of the studies whose labels nobody reviewed yet,
// and the pairs (proposal, audit-mode decision) the labeller's measured accuracy is computed from (tables
// audit_samples, audit_sample_studies and label_decisions.audit_sample_ref, LabelAuditMigration). Decisions are
// written through ReportStore with LabelDecision::auditSampleId set. Same threading rules as ReportStore.
class LabelAuditStore {
public:
    explicit LabelAuditStore(ProjectStore& project);

    // Studies a new sample may draw from: at least one proposal for `labelNames`, no human decision in force for
    // any label, in no earlier sample. Ordered by Study Instance UID.
    std::vector<std::int64_t> eligibleStudies(const std::vector<std::string>& labelNames) const;

    // Draws `size` studies (annotation::drawStratifiedSample, strata = the proposed values of `labelNames`) and
    // stores the sample in one transaction. Refuses (ProjectError naming the project, nothing stored) a size of 0
    // or one larger than the eligible studies, saying how many there are.
    AuditSample drawSample(const std::vector<std::string>& labelNames, std::size_t size, std::uint64_t seed,
        const std::string& authorName);

    std::vector<AuditSample> samples() const; // oldest first
    // The sample a study was drawn in, if any.
    std::optional<std::int64_t> sampleOfStudy(std::int64_t studyId) const;
    // Every drawn study, sample by sample, in review order.
    std::vector<std::int64_t> auditStudies() const;
    // Drawn studies with an audit-mode decision in force for at least one label.
    std::size_t auditedStudyCount() const;

    // Per label of `labelNames`: one pair per drawn study with an audit-mode decision in force for the label.
    std::vector<AuditLabelPairs> auditPairs(const std::vector<std::string>& labelNames) const;

private:
    ProjectStore& m_project;
};

// The measured accuracy of every label of `labelKinds` (name, kind) from the project's audit.
struct LabelKindOf {
    std::string name;
    annotation::LabelKind kind = annotation::LabelKind::Finding;
};
std::vector<annotation::LabelAccuracy> measuredLabelAccuracy(
    const LabelAuditStore& audit, const std::vector<LabelKindOf>& labels);

} // namespace radmark::storage
