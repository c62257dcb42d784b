#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace radmark::annotation {

// Chance-corrected agreement of several readers on one nominal label (study-level answers). Pure,
// standard library only. An undefined value (no unit with two answers, every answer in one category)
// is quiet NaN, printed as "n/a" by callers; never 0 or 1.

// The answers to one label of one study (a "unit"): one category per reader who answered, e.g. "1", "0",
// "-1", "none" or a Choice option. Readers are identified by their position only where a statistic
// needs it (Cohen: the first and second answer).
struct RatedUnit {
    std::vector<std::string> answers;
};

// Fleiss' kappa (Fleiss 1971) from counts: countsPerUnit[i][j] = readers putting unit i in category j.
// Every unit must have the same number of readers (>= 2); throws std::invalid_argument otherwise or when
// the rows differ in length. NaN for no units or when chance agreement is 1.
double fleissKappa(const std::vector<std::vector<std::size_t>>& countsPerUnit);
// Fleiss' kappa of units given as answers; NaN when the units do not all have the same number (>= 2) of answers.
double fleissKappa(const std::vector<RatedUnit>& units);

// Cohen's kappa of units with exactly two answers each (first vs second); NaN when any unit has another count.
double cohensKappa(const std::vector<RatedUnit>& units);

// Krippendorff's alpha for nominal data (Krippendorff 2011, "Computing Krippendorff's alpha-reliability"):
// units may have any number of answers; units with fewer than two are not pairable and are ignored.
double krippendorffAlphaNominal(const std::vector<RatedUnit>& units);

// Share of units in which every answer is the same (units with >= 2 answers); NaN without such a unit.
double observedAgreement(const std::vector<RatedUnit>& units);

// A statistic with its bootstrap 95% interval over units.
struct AgreementEstimate {
    double value = 0.0; // on all units
    double low = 0.0; // 2.5th percentile of the replicates (NaN when no replicate is defined)
    double high = 0.0; // 97.5th percentile
    std::size_t replicates = 0; // resamples drawn
    std::size_t definedReplicates = 0; // of which the statistic was defined (not NaN)
};

constexpr std::size_t kDefaultBootstrapReplicates = 2000;
constexpr std::uint64_t kDefaultBootstrapSeed = 20261203;

// Percentile bootstrap over units: `replicates` resamples of units.size() units drawn with replacement.
// Reproducible on every platform: indices come from std::mt19937_64(seed) as `draw % units.size()`
// (no std distribution, whose output the standard leaves to the library). Replicates where the
// statistic is NaN are left out of the percentiles (their count is reported).
AgreementEstimate bootstrapAgreement(const std::vector<RatedUnit>& units,
    const std::function<double(const std::vector<RatedUnit>&)>& statistic,
    std::size_t replicates = kDefaultBootstrapReplicates, std::uint64_t seed = kDefaultBootstrapSeed);

// The same bootstrap for the three statistics above, fast on large studies: units with the same answers are
// counted once (a replicate is a count per distinct unit, from the same draws as the generic version), so
// 10,000 studies x 2,000 replicates take milliseconds instead of a minute. Results equal the generic version's.
enum class AgreementStatistic { CohenKappa, FleissKappa, KrippendorffAlpha };
double agreementStatistic(const std::vector<RatedUnit>& units, AgreementStatistic statistic);
AgreementEstimate bootstrapAgreement(const std::vector<RatedUnit>& units, AgreementStatistic statistic,
    std::size_t replicates = kDefaultBootstrapReplicates, std::uint64_t seed = kDefaultBootstrapSeed);

// The p-th percentile (0..100) of values by linear interpolation between closest ranks (R type 7);
// NaN for no values. `values` need not be sorted.
double percentile(std::vector<double> values, double p);

} // namespace radmark::annotation
