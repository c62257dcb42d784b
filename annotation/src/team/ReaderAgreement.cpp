#include "radmark/annotation/team/ReaderAgreement.h"

#include "radmark/annotation/reports/LabelAgreement.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>

namespace radmark::annotation {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Category index of every distinct answer, in sorted order (deterministic).
std::map<std::string, std::size_t> categoryIndex(const std::vector<RatedUnit>& units)
{
    std::map<std::string, std::size_t> index;
    for (const RatedUnit& unit : units) {
        for (const std::string& answer : unit.answers) {
            index.emplace(answer, 0);
        }
    }
    std::size_t next = 0;
    for (auto& entry : index) {
        entry.second = next++;
    }
    return index;
}

// Krippendorff's nominal alpha from a coincidence matrix o_ck: 1 - observed / expected disagreement; NaN with
// fewer than two pairable values or no expected disagreement.
double alphaFromCoincidence(const std::vector<std::vector<double>>& coincidence)
{
    const std::size_t categories = coincidence.size();
    std::vector<double> marginals(categories, 0.0);
    double total = 0.0;
    double observedDisagreement = 0.0;
    for (std::size_t c = 0; c < categories; ++c) {
        for (std::size_t k = 0; k < categories; ++k) {
            marginals[c] += coincidence[c][k];
            if (c != k) {
                observedDisagreement += coincidence[c][k];
            }
        }
        total += marginals[c];
    }
    if (total <= 1.0) {
        return kNaN;
    }
    double expectedDisagreement = 0.0;
    for (std::size_t c = 0; c < categories; ++c) {
        for (std::size_t k = 0; k < categories; ++k) {
            if (c != k) {
                expectedDisagreement += marginals[c] * marginals[k];
            }
        }
    }
    expectedDisagreement /= total - 1.0;
    if (expectedDisagreement <= 0.0) {
        return kNaN;
    }
    return 1.0 - observedDisagreement / expectedDisagreement;
}

} // namespace

double fleissKappa(const std::vector<std::vector<std::size_t>>& countsPerUnit)
{
    if (countsPerUnit.empty()) {
        return kNaN;
    }
    const std::size_t categories = countsPerUnit.front().size();
    std::size_t raters = 0;
    for (std::size_t count : countsPerUnit.front()) {
        raters += count;
    }
    if (raters < 2) {
        throw std::invalid_argument("Fleiss' kappa needs at least two readers per unit");
    }
    std::vector<double> categoryTotals(categories, 0.0);
    double agreementSum = 0.0;
    for (const auto& row : countsPerUnit) {
        if (row.size() != categories) {
            throw std::invalid_argument("Fleiss' kappa: every unit needs a count for every category");
        }
        std::size_t rowRaters = 0;
        double pairs = 0.0;
        for (std::size_t j = 0; j < categories; ++j) {
            rowRaters += row[j];
            pairs += static_cast<double>(row[j]) * (static_cast<double>(row[j]) - 1.0);
            categoryTotals[j] += static_cast<double>(row[j]);
        }
        if (rowRaters != raters) {
            throw std::invalid_argument("Fleiss' kappa: every unit needs the same number of readers");
        }
        agreementSum += pairs / (static_cast<double>(raters) * (static_cast<double>(raters) - 1.0));
    }
    const double units = static_cast<double>(countsPerUnit.size());
    const double observed = agreementSum / units;
    double chance = 0.0;
    for (double total : categoryTotals) {
        const double share = total / (units * static_cast<double>(raters));
        chance += share * share;
    }
    if (chance >= 1.0) {
        return kNaN;
    }
    return (observed - chance) / (1.0 - chance);
}

double fleissKappa(const std::vector<RatedUnit>& units)
{
    if (units.empty()) {
        return kNaN;
    }
    const std::size_t raters = units.front().answers.size();
    if (raters < 2) {
        return kNaN;
    }
    const auto index = categoryIndex(units);
    std::vector<std::vector<std::size_t>> counts;
    counts.reserve(units.size());
    for (const RatedUnit& unit : units) {
        if (unit.answers.size() != raters) {
            return kNaN;
        }
        std::vector<std::size_t> row(index.size(), 0);
        for (const std::string& answer : unit.answers) {
            ++row[index.at(answer)];
        }
        counts.push_back(std::move(row));
    }
    return fleissKappa(counts);
}

double cohensKappa(const std::vector<RatedUnit>& units)
{
    if (units.empty()) {
        return kNaN;
    }
    const auto index = categoryIndex(units);
    std::vector<std::vector<std::size_t>> matrix(index.size(), std::vector<std::size_t>(index.size(), 0));
    for (const RatedUnit& unit : units) {
        if (unit.answers.size() != 2) {
            return kNaN;
        }
        ++matrix[index.at(unit.answers[0])][index.at(unit.answers[1])];
    }
    return cohensKappa(matrix);
}

double krippendorffAlphaNominal(const std::vector<RatedUnit>& units)
{
    // Coincidence matrix o_ck = sum over units of (pairs of values c, k within the unit) / (m_u - 1).
    const auto index = categoryIndex(units);
    const std::size_t categories = index.size();
    std::vector<std::vector<double>> coincidence(categories, std::vector<double>(categories, 0.0));
    for (const RatedUnit& unit : units) {
        const std::size_t values = unit.answers.size();
        if (values < 2) {
            continue;
        }
        std::vector<double> counts(categories, 0.0);
        for (const std::string& answer : unit.answers) {
            counts[index.at(answer)] += 1.0;
        }
        const double weight = 1.0 / (static_cast<double>(values) - 1.0);
        for (std::size_t c = 0; c < categories; ++c) {
            for (std::size_t k = 0; k < categories; ++k) {
                const double pairs = c == k ? counts[c] * (counts[c] - 1.0) : counts[c] * counts[k];
                coincidence[c][k] += pairs * weight;
            }
        }
    }
    return alphaFromCoincidence(coincidence);
}

double observedAgreement(const std::vector<RatedUnit>& units)
{
    std::size_t pairable = 0;
    std::size_t unanimous = 0;
    for (const RatedUnit& unit : units) {
        if (unit.answers.size() < 2) {
            continue;
        }
        ++pairable;
        const bool same = std::all_of(unit.answers.begin(), unit.answers.end(),
            [&](const std::string& answer) { return answer == unit.answers.front(); });
        unanimous += same ? 1 : 0;
    }
    return pairable == 0 ? kNaN : static_cast<double>(unanimous) / static_cast<double>(pairable);
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty()) {
        return kNaN;
    }
    std::sort(values.begin(), values.end());
    const double position = std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return values[below] + fraction * (values[above] - values[below]);
}

namespace {

// The percentile bootstrap of both bootstrapAgreement overloads around `value`: `replicates` resamples (none when
// there are no units), each drawn and scored by `drawAndScore(generator)` with one generator seeded by `seed`; the
// undefined (NaN) replicate values are left out of the 95% interval.
template <typename DrawAndScore>
AgreementEstimate percentileBootstrap(
    double value, bool noUnits, std::size_t replicates, std::uint64_t seed, DrawAndScore drawAndScore)
{
    AgreementEstimate estimate;
    estimate.value = value;
    estimate.replicates = noUnits ? 0 : replicates;
    std::vector<double> values;
    if (!noUnits) {
        std::mt19937_64 generator(seed);
        values.reserve(replicates);
        for (std::size_t replicate = 0; replicate < replicates; ++replicate) {
            const double replicateValue = drawAndScore(generator);
            if (!std::isnan(replicateValue)) {
                values.push_back(replicateValue);
            }
        }
    }
    estimate.definedReplicates = values.size();
    estimate.low = percentile(values, 2.5);
    estimate.high = percentile(values, 97.5);
    return estimate;
}

} // namespace

AgreementEstimate bootstrapAgreement(const std::vector<RatedUnit>& units,
    const std::function<double(const std::vector<RatedUnit>&)>& statistic, std::size_t replicates, std::uint64_t seed)
{
    std::vector<RatedUnit> sample(units.size());
    return percentileBootstrap(statistic(units), units.empty(), replicates, seed, [&](std::mt19937_64& generator) {
        for (RatedUnit& unit : sample) {
            unit = units[static_cast<std::size_t>(generator() % units.size())];
        }
        return statistic(sample);
    });
}

namespace {

// Distinct units (answers as category indices, in order) and how often each occurs in a sample.
struct UnitPatterns {
    std::size_t categories = 0;
    std::vector<std::vector<std::size_t>> patterns;
    std::vector<std::size_t> patternOfUnit; // by unit index
};

UnitPatterns unitPatterns(const std::vector<RatedUnit>& units)
{
    UnitPatterns result;
    const auto index = categoryIndex(units);
    result.categories = index.size();
    std::map<std::vector<std::size_t>, std::size_t> seen;
    for (const RatedUnit& unit : units) {
        std::vector<std::size_t> pattern;
        for (const std::string& answer : unit.answers) {
            pattern.push_back(index.at(answer));
        }
        const auto found = seen.emplace(pattern, result.patterns.size());
        if (found.second) {
            result.patterns.push_back(pattern);
        }
        result.patternOfUnit.push_back(found.first->second);
    }
    return result;
}

double weightedCohen(const UnitPatterns& units, const std::vector<std::size_t>& weights)
{
    std::vector<std::vector<std::size_t>> matrix(units.categories, std::vector<std::size_t>(units.categories, 0));
    std::size_t total = 0;
    for (std::size_t p = 0; p < units.patterns.size(); ++p) {
        if (weights[p] == 0) {
            continue;
        }
        if (units.patterns[p].size() != 2) {
            return kNaN;
        }
        matrix[units.patterns[p][0]][units.patterns[p][1]] += weights[p];
        total += weights[p];
    }
    return total == 0 ? kNaN : cohensKappa(matrix);
}

double weightedFleiss(const UnitPatterns& units, const std::vector<std::size_t>& weights)
{
    std::size_t raters = 0;
    double unitCount = 0.0;
    double agreementSum = 0.0;
    std::vector<double> categoryTotals(units.categories, 0.0);
    for (std::size_t p = 0; p < units.patterns.size(); ++p) {
        if (weights[p] == 0) {
            continue;
        }
        const std::size_t size = units.patterns[p].size();
        if (raters == 0) {
            raters = size;
        }
        if (size != raters || size < 2) {
            return kNaN;
        }
        std::vector<double> counts(units.categories, 0.0);
        for (std::size_t category : units.patterns[p]) {
            counts[category] += 1.0;
        }
        double pairs = 0.0;
        for (std::size_t j = 0; j < units.categories; ++j) {
            pairs += counts[j] * (counts[j] - 1.0);
            categoryTotals[j] += counts[j] * static_cast<double>(weights[p]);
        }
        const double r = static_cast<double>(raters);
        agreementSum += static_cast<double>(weights[p]) * pairs / (r * (r - 1.0));
        unitCount += static_cast<double>(weights[p]);
    }
    if (unitCount == 0.0) {
        return kNaN;
    }
    const double observed = agreementSum / unitCount;
    double chance = 0.0;
    for (double total : categoryTotals) {
        const double share = total / (unitCount * static_cast<double>(raters));
        chance += share * share;
    }
    return chance >= 1.0 ? kNaN : (observed - chance) / (1.0 - chance);
}

double weightedAlpha(const UnitPatterns& units, const std::vector<std::size_t>& weights)
{
    const std::size_t categories = units.categories;
    std::vector<std::vector<double>> coincidence(categories, std::vector<double>(categories, 0.0));
    for (std::size_t p = 0; p < units.patterns.size(); ++p) {
        const std::size_t values = units.patterns[p].size();
        if (weights[p] == 0 || values < 2) {
            continue;
        }
        std::vector<double> counts(categories, 0.0);
        for (std::size_t category : units.patterns[p]) {
            counts[category] += 1.0;
        }
        const double weight = static_cast<double>(weights[p]) / (static_cast<double>(values) - 1.0);
        for (std::size_t c = 0; c < categories; ++c) {
            for (std::size_t k = 0; k < categories; ++k) {
                coincidence[c][k] += (c == k ? counts[c] * (counts[c] - 1.0) : counts[c] * counts[k]) * weight;
            }
        }
    }
    return alphaFromCoincidence(coincidence);
}

double weightedStatistic(
    const UnitPatterns& units, const std::vector<std::size_t>& weights, AgreementStatistic statistic)
{
    switch (statistic) {
    case AgreementStatistic::CohenKappa:
        return weightedCohen(units, weights);
    case AgreementStatistic::FleissKappa:
        return weightedFleiss(units, weights);
    case AgreementStatistic::KrippendorffAlpha:
        return weightedAlpha(units, weights);
    }
    return kNaN;
}

} // namespace

double agreementStatistic(const std::vector<RatedUnit>& units, AgreementStatistic statistic)
{
    switch (statistic) {
    case AgreementStatistic::CohenKappa:
        return cohensKappa(units);
    case AgreementStatistic::FleissKappa:
        return fleissKappa(units);
    case AgreementStatistic::KrippendorffAlpha:
        return krippendorffAlphaNominal(units);
    }
    return kNaN;
}

AgreementEstimate bootstrapAgreement(
    const std::vector<RatedUnit>& units, AgreementStatistic statistic, std::size_t replicates, std::uint64_t seed)
{
    const UnitPatterns patterns = unitPatterns(units);
    std::vector<std::size_t> weights(patterns.patterns.size());
    return percentileBootstrap(
        agreementStatistic(units, statistic), units.empty(), replicates, seed, [&](std::mt19937_64& generator) {
            std::fill(weights.begin(), weights.end(), 0);
            for (std::size_t draw = 0; draw < units.size(); ++draw) {
                ++weights[patterns.patternOfUnit[static_cast<std::size_t>(generator() % units.size())]];
            }
            return weightedStatistic(patterns, weights, statistic);
        });
}

} // namespace radmark::annotation
