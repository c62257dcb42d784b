// The audit's pure parts: the stratified, seeded draw (proportional allocation, reproducible, independent of
// the candidates' order) and the measured accuracy with exact Wilson and kappa intervals on known counts.
#include "radmark/annotation/reports/AuditAccuracy.h"
#include "radmark/annotation/reports/AuditSampling.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace radmark::annotation;

namespace {

std::vector<AuditCandidate> candidates(int positives, int negatives, int uncertain)
{
    std::vector<AuditCandidate> result;
    for (int k = 0; k < positives + negatives + uncertain; ++k) {
        result.push_back({ "1.2.826.0.1." + std::to_string(k),
            k < positives                   ? "Edema=1"
                : k < positives + negatives ? "Edema=0"
                                            : "Edema=-1" });
    }
    return result;
}

std::vector<std::string> drawnKeys(const std::vector<AuditCandidate>& pool, const AuditDraw& draw)
{
    std::vector<std::string> keys;
    for (const std::size_t index : draw.drawn) {
        keys.push_back(pool[index].key);
    }
    return keys;
}

AuditPair pair(std::optional<int> proposed, std::optional<int> human)
{
    return AuditPair { proposed, {}, human, {} };
}

} // namespace

TEST_CASE("An audit draw allocates the sample to the strata in proportion, reproducibly", "[audit]")
{
    const auto pool = candidates(30, 60, 10); // 100 studies: 30 % / 60 % / 10 %
    const AuditDraw draw = drawStratifiedSample(pool, 20, 42);
    CHECK(draw.strata == 3);
    REQUIRE(draw.drawn.size() == 20);
    std::map<std::string, int> perStratum;
    for (const std::size_t index : draw.drawn) {
        ++perStratum[pool[index].stratum];
    }
    CHECK(perStratum["Edema=1"] == 6);
    CHECK(perStratum["Edema=0"] == 12);
    CHECK(perStratum["Edema=-1"] == 2);
    CHECK(std::set<std::size_t>(draw.drawn.begin(), draw.drawn.end()).size() == 20); // no study twice

    // The same seed gives the same studies in the same order, whatever order the candidates come in.
    std::vector<AuditCandidate> reversed(pool.rbegin(), pool.rend());
    CHECK(drawnKeys(reversed, drawStratifiedSample(reversed, 20, 42)) == drawnKeys(pool, draw));
    CHECK(drawnKeys(pool, drawStratifiedSample(pool, 20, 43)) != drawnKeys(pool, draw));

    // Remainders: 7 of 3 strata of 30 / 60 / 10 → 2.1 / 4.2 / 0.7 → 2 / 4 / 0 and one more for the largest
    // remainder (0.7 of the third).
    const AuditDraw seven = drawStratifiedSample(pool, 7, 1);
    perStratum.clear();
    for (const std::size_t index : seven.drawn) {
        ++perStratum[pool[index].stratum];
    }
    CHECK(perStratum["Edema=1"] == 2);
    CHECK(perStratum["Edema=0"] == 4);
    CHECK(perStratum["Edema=-1"] == 1);

    // A size beyond the candidates draws them all; nothing to draw from gives nothing.
    CHECK(drawStratifiedSample(pool, 500, 42).drawn.size() == 100);
    CHECK(drawStratifiedSample({}, 5, 42).drawn.empty());
    // The rank is a fixed function of seed and text (the same on every platform).
    CHECK(auditRank(0, "") == auditRank(0, ""));
    CHECK(auditRank(1, "a") != auditRank(2, "a"));
}

TEST_CASE("Precision, recall, agreement and kappa of audited proposals with exact 95% intervals", "[audit]")
{
    // 10 audited studies: proposed 1 and human 1 four times, proposed 1 / human 0 once, proposed 0 (or not
    // mentioned, or uncertain) / human 1 twice, both 0 three times.
    std::vector<AuditPair> pairs { pair(1, 1), pair(1, 1), pair(1, 1), pair(1, 1), pair(1, 0), pair(0, 1), pair(0, 1),
        pair(0, 0), pair(0, 0), pair(0, 0) };
    LabelAccuracy accuracy = estimateLabelAccuracy("Edema", LabelKind::Finding, pairs);
    CHECK(accuracy.audited == 10);
    CHECK(accuracy.truePositives == 4);
    CHECK(accuracy.proposedPositives == 5);
    CHECK(accuracy.humanPositives == 6);
    CHECK(accuracy.precision.successes == 4);
    CHECK(accuracy.precision.trials == 5);
    CHECK(accuracy.precision.value == Approx(0.8).margin(1e-12));
    CHECK(accuracy.precision.low == Approx(0.375535).margin(1e-6)); // Wilson, z = 1.96
    CHECK(accuracy.precision.high == Approx(0.963776).margin(1e-6));
    CHECK(accuracy.recall.value == Approx(4.0 / 6.0).margin(1e-12));
    CHECK(accuracy.recall.low == Approx(0.299993).margin(1e-6));
    CHECK(accuracy.recall.high == Approx(0.903229).margin(1e-6));
    CHECK(accuracy.agreement.value == Approx(0.7).margin(1e-12));
    CHECK(accuracy.agreement.low == Approx(0.396778).margin(1e-6));
    CHECK(accuracy.agreement.high == Approx(0.892209).margin(1e-6));
    // po 0.7, pe 0.6 * 0.5 + 0.4 * 0.5 = 0.5: kappa 0.4, SE sqrt(0.7 * 0.3 / (10 * 0.25)).
    REQUIRE(accuracy.kappa.defined);
    CHECK(accuracy.kappa.value == Approx(0.4).margin(1e-12));
    CHECK(accuracy.kappa.low == Approx(-0.1680515).margin(1e-6));
    CHECK(accuracy.kappa.high == Approx(0.9680515).margin(1e-6));
    CHECK(formatEstimate(accuracy.precision) == "0.80 [0.38, 0.96]");
    CHECK(formatEstimate(accuracy.kappa) == "0.40 [-0.17, 0.97]");

    // Uncertain and not mentioned are not positive for precision and recall, but are answers of their own for
    // agreement and kappa.
    pairs = { pair(-1, 0), pair(std::nullopt, 0), pair(1, 1) };
    accuracy = estimateLabelAccuracy("Edema", LabelKind::Finding, pairs);
    CHECK(accuracy.precision.successes == 1);
    CHECK(accuracy.precision.trials == 1);
    CHECK(accuracy.recall.trials == 1);
    CHECK(accuracy.agreement.successes == 1);
    CHECK(accuracy.agreement.trials == 3);

    // Nothing proposed positive: precision is undefined, never 0 or 1; one answer everywhere: no kappa.
    accuracy = estimateLabelAccuracy("Edema", LabelKind::Finding, { pair(0, 0), pair(0, 0) });
    CHECK_FALSE(accuracy.precision.defined());
    CHECK_FALSE(accuracy.recall.defined());
    CHECK_FALSE(accuracy.kappa.defined);
    CHECK(formatEstimate(accuracy.precision) == "-");
    CHECK(accuracy.agreement.value == 1.0);

    // A choice label has no precision or recall; its agreement compares the options.
    accuracy = estimateLabelAccuracy("Report author", LabelKind::Choice,
        { AuditPair { std::nullopt, "trainee", std::nullopt, "trainee" },
            AuditPair { std::nullopt, "senior", std::nullopt, "trainee" } });
    CHECK_FALSE(accuracy.precision.defined());
    CHECK(accuracy.agreement.successes == 1);
    CHECK(accuracy.agreement.trials == 2);
}
