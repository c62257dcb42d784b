// Agreement statistics against textbook values: precision/recall/F1, Cohen's kappa (2x2 and k x k)
// and the Wilson score interval (Newcombe 1998, Stat Med 17:857, table I, method 3).
#include "radmark/annotation/reports/LabelAgreement.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

using namespace radmark::annotation;

TEST_CASE("Precision, recall and F1 of a binary confusion", "[agreement]")
{
    const BinaryConfusion counts { 8, 2, 4, 86 };
    CHECK(counts.total() == 100);
    CHECK(counts.support() == 12);
    CHECK(precision(counts) == Approx(0.8).epsilon(1e-15));
    CHECK(recall(counts) == Approx(8.0 / 12.0).epsilon(1e-15));
    CHECK(f1Score(counts) == Approx(16.0 / 22.0).epsilon(1e-15));
}

TEST_CASE("Undefined ratios are NaN, not a crash or a made-up 0", "[agreement]")
{
    const BinaryConfusion allNegative { 0, 0, 0, 50 };
    CHECK(std::isnan(precision(allNegative)));
    CHECK(std::isnan(recall(allNegative)));
    CHECK(std::isnan(f1Score(allNegative)));
    CHECK(std::isnan(cohensKappa(allNegative))); // chance agreement 1
    CHECK(std::isnan(cohensKappa(BinaryConfusion {})));
    CHECK(std::isnan(cohensKappa(std::vector<std::vector<std::size_t>> {})));

    const BinaryConfusion neverProposed { 0, 0, 5, 45 };
    CHECK(std::isnan(precision(neverProposed)));
    CHECK(recall(neverProposed) == 0.0);
    CHECK(f1Score(neverProposed) == 0.0);
    CHECK(cohensKappa(neverProposed) == 0.0);
}

TEST_CASE("Cohen's kappa of the textbook 2x2 tables", "[agreement]")
{
    // 50 items: both yes 20, reference yes / candidate no 5, reference no / candidate yes 10, both no 15.
    // po = 0.7, pe = 0.5, kappa = 0.4.
    CHECK(cohensKappa(BinaryConfusion { 20, 10, 5, 15 }) == Approx(0.4).epsilon(1e-14));
    // 100 items (45, 15, 25, 15): po = 0.60, pe = 0.54, kappa = 0.06 / 0.46 = 0.1304...
    CHECK(cohensKappa(BinaryConfusion { 45, 25, 15, 15 }) == Approx(0.06 / 0.46).epsilon(1e-14));
    // (25, 35, 5, 35): po = 0.60, pe = 0.46, kappa = 0.14 / 0.54 = 0.2593...
    CHECK(cohensKappa(BinaryConfusion { 25, 5, 35, 35 }) == Approx(0.14 / 0.54).epsilon(1e-14));
    // Perfect agreement and perfect disagreement on balanced classes.
    CHECK(cohensKappa(BinaryConfusion { 10, 0, 0, 10 }) == 1.0);
    CHECK(cohensKappa(BinaryConfusion { 0, 10, 10, 0 }) == -1.0);
}

TEST_CASE("Cohen's kappa of a k x k table", "[agreement]")
{
    // n = 100, po = 85/100, row sums 30/25/45, column sums 29/26/45, pe = 709/2000,
    // kappa = (0.85 - 0.3545) / (1 - 0.3545) = 991/1291.
    const std::vector<std::vector<std::size_t>> table { { 25, 2, 3 }, { 3, 20, 2 }, { 1, 4, 40 } };
    CHECK(cohensKappa(table) == Approx(991.0 / 1291.0).epsilon(1e-14));
    // The 2x2 overload is the same statistic.
    CHECK(cohensKappa(std::vector<std::vector<std::size_t>> { { 20, 5 }, { 10, 15 } }) == Approx(0.4).epsilon(1e-14));
    CHECK_THROWS_AS(cohensKappa(std::vector<std::vector<std::size_t>> { { 1, 2 }, { 3 } }), std::invalid_argument);
}

TEST_CASE("Wilson score interval matches Newcombe's published values", "[agreement]")
{
    const auto check = [](std::size_t successes, std::size_t trials, double low, double high) {
        const ProportionInterval interval = wilsonInterval(successes, trials);
        CHECK(interval.low == Approx(low).margin(5e-5));
        CHECK(interval.high == Approx(high).margin(5e-5));
    };
    check(81, 263, 0.2553, 0.3662);
    check(15, 148, 0.0624, 0.1605);
    check(0, 20, 0.0000, 0.1611);
    check(1, 29, 0.0061, 0.1718);

    CHECK(wilsonInterval(0, 20).low == 0.0);
    CHECK(wilsonInterval(29, 29).high == 1.0);
    CHECK(wilsonInterval(29, 29).low == Approx(0.88303020150025935).epsilon(1e-12));
    // A wider z gives a wider interval around the same proportion.
    CHECK(wilsonInterval(81, 263, 2.5758293035489).low < wilsonInterval(81, 263).low);
}

TEST_CASE("Wilson interval of no trials is [0, 1], impossible counts are refused", "[agreement]")
{
    const ProportionInterval none = wilsonInterval(0, 0);
    CHECK(none.low == 0.0);
    CHECK(none.high == 1.0);
    CHECK_THROWS_AS(wilsonInterval(5, 4), std::invalid_argument);
    CHECK_THROWS_AS(wilsonInterval(1, 4, 0.0), std::invalid_argument);
}
