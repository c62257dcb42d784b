#include "radmark/annotation/reports/AuditAccuracy.h"

#include "radmark/annotation/reports/LabelAgreement.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace radmark::annotation {

namespace {

constexpr double kZ95 = 1.959963984540054;

ProportionEstimate proportion(std::size_t successes, std::size_t trials)
{
    ProportionEstimate estimate;
    estimate.successes = successes;
    estimate.trials = trials;
    if (trials > 0) {
        const ProportionInterval interval = wilsonInterval(successes, trials, kZ95);
        estimate.value = static_cast<double>(successes) / static_cast<double>(trials);
        estimate.low = interval.low;
        estimate.high = interval.high;
    }
    return estimate;
}

std::string category(const std::optional<int>& value, const std::string& choice)
{
    return !choice.empty() ? "choice:" + choice : value ? std::to_string(*value) : std::string("none");
}

// Kappa over every answer; the interval from Cohen's (1960) large-sample standard error.
KappaEstimate kappaOf(const std::vector<AuditPair>& pairs)
{
    KappaEstimate estimate;
    std::map<std::string, std::size_t> categories;
    for (const AuditPair& pair : pairs) {
        categories.emplace(category(pair.human, pair.humanChoice), 0);
        categories.emplace(category(pair.proposed, pair.proposedChoice), 0);
    }
    std::size_t next = 0;
    for (auto& entry : categories) {
        entry.second = next++;
    }
    std::vector<std::vector<std::size_t>> matrix(categories.size(), std::vector<std::size_t>(categories.size(), 0));
    for (const AuditPair& pair : pairs) {
        ++matrix[categories.at(category(pair.human, pair.humanChoice))]
                [categories.at(category(pair.proposed, pair.proposedChoice))];
    }
    if (pairs.empty()) {
        return estimate;
    }
    const double kappa = cohensKappa(matrix);
    if (std::isnan(kappa)) {
        return estimate;
    }
    const double n = static_cast<double>(pairs.size());
    double observed = 0.0;
    double chance = 0.0;
    for (std::size_t i = 0; i < matrix.size(); ++i) {
        double row = 0.0;
        double column = 0.0;
        for (std::size_t j = 0; j < matrix.size(); ++j) {
            row += static_cast<double>(matrix[i][j]);
            column += static_cast<double>(matrix[j][i]);
        }
        observed += static_cast<double>(matrix[i][i]) / n;
        chance += (row / n) * (column / n);
    }
    const double standardError = std::sqrt(observed * (1.0 - observed) / (n * (1.0 - chance) * (1.0 - chance)));
    estimate.defined = true;
    estimate.value = kappa;
    estimate.low = std::max(-1.0, kappa - kZ95 * standardError);
    estimate.high = std::min(1.0, kappa + kZ95 * standardError);
    return estimate;
}

std::string twoDecimals(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    return text;
}

} // namespace

LabelAccuracy estimateLabelAccuracy(const std::string& label, LabelKind kind, const std::vector<AuditPair>& pairs)
{
    LabelAccuracy accuracy;
    accuracy.label = label;
    accuracy.kind = kind;
    accuracy.audited = pairs.size();
    BinaryConfusion confusion;
    std::size_t same = 0;
    for (const AuditPair& pair : pairs) {
        const bool proposedPositive = pair.proposedChoice.empty() && pair.proposed == 1;
        const bool humanPositive = pair.humanChoice.empty() && pair.human == 1;
        (humanPositive ? (proposedPositive ? confusion.truePositive : confusion.falseNegative)
                       : (proposedPositive ? confusion.falsePositive : confusion.trueNegative))++;
        same += pair.proposed == pair.human && pair.proposedChoice == pair.humanChoice ? 1 : 0;
    }
    accuracy.truePositives = confusion.truePositive;
    accuracy.proposedPositives = confusion.truePositive + confusion.falsePositive;
    accuracy.humanPositives = confusion.support();
    if (kind != LabelKind::Choice) {
        accuracy.precision = proportion(confusion.truePositive, accuracy.proposedPositives);
        accuracy.recall = proportion(confusion.truePositive, accuracy.humanPositives);
    }
    accuracy.agreement = proportion(same, pairs.size());
    accuracy.kappa = kappaOf(pairs);
    return accuracy;
}

std::string formatEstimate(const ProportionEstimate& estimate)
{
    return estimate.defined()
        ? twoDecimals(estimate.value) + " [" + twoDecimals(estimate.low) + ", " + twoDecimals(estimate.high) + "]"
        : std::string("-");
}

std::string formatEstimate(const KappaEstimate& estimate)
{
    return estimate.defined
        ? twoDecimals(estimate.value) + " [" + twoDecimals(estimate.low) + ", " + twoDecimals(estimate.high) + "]"
        : std::string("-");
}

} // namespace radmark::annotation
