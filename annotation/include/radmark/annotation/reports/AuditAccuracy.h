#pragma once

#include "radmark/annotation/reports/LabelSchema.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace radmark::annotation {

// One audited study of one label: the labeller's proposal as it stands and the reviewer's decision made in audit
// mode. Values 1 / 0 / -1 (empty: not mentioned / not stated); choice: a Choice label's option.
struct AuditPair {
    std::optional<int> proposed;
    std::string proposedChoice;
    std::optional<int> human;
    std::string humanChoice;
};

// A proportion with its 95% Wilson score interval; empty (trials 0) when there is nothing to divide by.
struct ProportionEstimate {
    std::size_t successes = 0;
    std::size_t trials = 0;
    double value = 0.0;
    double low = 0.0;
    double high = 0.0;
    bool defined() const { return trials > 0; }
};

// Cohen's kappa over every answer of the label (positive / negative / uncertain / not mentioned, or the options),
// with a 95% interval kappa +- 1.96 SE, SE = sqrt(po (1 - po) / (n (1 - pe)^2)) (Cohen 1960), clipped to [-1, 1].
// Undefined when chance agreement is 1 (both sides gave one and the same answer on every study).
struct KappaEstimate {
    bool defined = false;
    double value = 0.0;
    double low = 0.0;
    double high = 0.0;
};

// The measured accuracy of one label's proposals against audit-mode decisions. "Positive" is 1 (a finding present,
// or yes); uncertain and not mentioned count as not positive. Precision = proposed positive and human positive /
// proposed positive; recall = the same / human positive; agreement = same answer / audited. Choice labels have no
// positive: their precision and recall stay empty.
struct LabelAccuracy {
    std::string label;
    LabelKind kind = LabelKind::Finding;
    std::size_t audited = 0;
    std::size_t truePositives = 0;
    std::size_t proposedPositives = 0;
    std::size_t humanPositives = 0;
    ProportionEstimate precision;
    ProportionEstimate recall;
    ProportionEstimate agreement;
    KappaEstimate kappa;
};

LabelAccuracy estimateLabelAccuracy(const std::string& label, LabelKind kind, const std::vector<AuditPair>& pairs);

// "0.93 [0.88, 0.96]", or "-" when undefined (two decimals).
std::string formatEstimate(const ProportionEstimate& estimate);
std::string formatEstimate(const KappaEstimate& estimate);

} // namespace radmark::annotation
