// Agreement statistics of several readers, checked against the published worked examples.
#include "radmark/annotation/team/ReaderAgreement.h"
#include "radmark/annotation/team/LesionMatching.h"
#include "radmark/annotation/team/MeasurementAgreement.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace radmark::annotation;

namespace {

std::vector<RatedUnit> unitsOf(const std::vector<std::vector<std::string>>& answers)
{
    std::vector<RatedUnit> units;
    for (const auto& unit : answers) {
        units.push_back({ unit });
    }
    return units;
}

// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: four observers, twelve
// units, values 1-5, missing answers (unit 12 has a single value and is not pairable).
std::vector<RatedUnit> krippendorffFourObserverExample()
{
    return unitsOf({ { "1", "1", "1" }, { "2", "2", "3", "2" }, { "3", "3", "3", "3" }, { "3", "3", "3", "3" },
        { "2", "2", "2", "2" }, { "1", "2", "3", "4" }, { "4", "4", "4", "4" }, { "1", "1", "2", "1" },
        { "2", "2", "2", "2" }, { "5", "5", "5" }, { "1", "1" }, { "3" } });
}

} // namespace

TEST_CASE("Fleiss' kappa of Fleiss (1971) example is 0.210", "[team][agreement]")
{
    // Ten subjects, fourteen raters, five categories (the table reproduced in most textbooks).
    const std::vector<std::vector<std::size_t>> counts { { 0, 0, 0, 0, 14 }, { 0, 2, 6, 4, 2 }, { 0, 0, 3, 5, 6 },
        { 0, 3, 9, 2, 0 }, { 2, 2, 8, 1, 1 }, { 7, 7, 0, 0, 0 }, { 3, 2, 6, 3, 0 }, { 2, 5, 3, 2, 2 },
        { 6, 5, 2, 1, 0 }, { 0, 2, 2, 3, 7 } };
    // P-bar = 0.378, P-bar_e = 0.213: kappa = 4211 / 20059 exactly.
    CHECK(fleissKappa(counts) == Approx(4211.0 / 20059.0).epsilon(1e-12));
    CHECK(std::round(fleissKappa(counts) * 1000.0) / 1000.0 == 0.210);

    // The same table given as answers.
    std::vector<RatedUnit> units;
    const std::vector<std::string> categories { "a", "b", "c", "d", "e" };
    for (const auto& row : counts) {
        RatedUnit unit;
        for (std::size_t j = 0; j < row.size(); ++j) {
            unit.answers.insert(unit.answers.end(), row[j], categories[j]);
        }
        units.push_back(unit);
    }
    CHECK(fleissKappa(units) == Approx(4211.0 / 20059.0).epsilon(1e-12));
}

TEST_CASE("Fleiss' kappa refuses uneven reader counts and is undefined for a single category", "[team][agreement]")
{
    CHECK_THROWS_AS(fleissKappa(std::vector<std::vector<std::size_t>> { { 2, 0 }, { 1, 2 } }), std::invalid_argument);
    CHECK(std::isnan(fleissKappa(unitsOf({ { "1", "1" }, { "1", "0", "1" } }))));
    CHECK(std::isnan(fleissKappa(unitsOf({ { "1", "1" }, { "1", "1" } }))));
    CHECK(std::isnan(fleissKappa(std::vector<RatedUnit> {})));
}

TEST_CASE("Krippendorff's alpha (nominal) reproduces Krippendorff's worked examples", "[team][agreement]")
{
    // Four observers with missing data: alpha = 0.743 (113/152 exactly).
    CHECK(krippendorffAlphaNominal(krippendorffFourObserverExample()) == Approx(113.0 / 152.0).epsilon(1e-12));

    // Two observers, binary, ten units: alpha = 0.095 (2/21 exactly).
    const std::vector<std::string> first { "0", "1", "0", "0", "0", "0", "0", "0", "1", "0" };
    const std::vector<std::string> second { "1", "1", "1", "0", "0", "1", "0", "0", "0", "0" };
    std::vector<RatedUnit> units;
    for (std::size_t i = 0; i < first.size(); ++i) {
        units.push_back({ { first[i], second[i] } });
    }
    CHECK(krippendorffAlphaNominal(units) == Approx(2.0 / 21.0).epsilon(1e-12));
    // Cohen's kappa of the same two readers: observed 0.6, chance (0.8 * 0.6 + 0.2 * 0.4) = 0.56.
    CHECK(cohensKappa(units) == Approx((0.6 - 0.56) / (1.0 - 0.56)).epsilon(1e-12));
    CHECK(observedAgreement(units) == Approx(0.6));

    CHECK(std::isnan(krippendorffAlphaNominal(unitsOf({ { "1" }, { "0" } }))));
    CHECK(std::isnan(krippendorffAlphaNominal(unitsOf({ { "1", "1" }, { "1", "1" } }))));
    CHECK(std::isnan(cohensKappa(unitsOf({ { "1", "1", "0" } }))));
}

TEST_CASE("Bootstrap interval over units is reproducible by seed and holds the estimate", "[team][agreement]")
{
    const auto units = krippendorffFourObserverExample();
    const auto first = bootstrapAgreement(units, krippendorffAlphaNominal, 500, 7);
    const auto again = bootstrapAgreement(units, krippendorffAlphaNominal, 500, 7);
    const auto other = bootstrapAgreement(units, krippendorffAlphaNominal, 500, 8);
    CHECK(first.value == Approx(113.0 / 152.0));
    CHECK(first.low == again.low);
    CHECK(first.high == again.high);
    CHECK((first.low != other.low || first.high != other.high));
    CHECK(first.replicates == 500);
    CHECK(first.definedReplicates > 400);
    CHECK(first.low < first.value);
    CHECK(first.high <= 1.0);
    CHECK(first.low < first.high);

    // Perfect agreement on two categories: every defined replicate is 1.
    const auto perfect
        = bootstrapAgreement(unitsOf({ { "1", "1" }, { "0", "0" }, { "1", "1" }, { "0", "0" } }), cohensKappa, 200, 1);
    CHECK(perfect.value == 1.0);
    CHECK(perfect.low == 1.0);
    CHECK(perfect.high == 1.0);
    // Replicates drawing one category only have no kappa and are left out (about 2 * 0.5^4 of them).
    CHECK(perfect.definedReplicates < 200);

    const auto none = bootstrapAgreement({}, cohensKappa, 200, 1);
    CHECK(std::isnan(none.value));
    CHECK(std::isnan(none.low));
    CHECK(none.replicates == 0);
}

TEST_CASE("Percentile interpolates between closest ranks", "[team][agreement]")
{
    CHECK(percentile({ 4.0, 1.0, 3.0, 2.0 }, 50.0) == 2.5);
    CHECK(percentile({ 1.0, 2.0, 3.0, 4.0, 5.0 }, 2.5) == Approx(1.1));
    CHECK(percentile({ 1.0, 2.0, 3.0, 4.0, 5.0 }, 100.0) == 5.0);
    CHECK(std::isnan(percentile({}, 50.0)));
}

TEST_CASE("ICC(2,1) of Shrout and Fleiss (1979) table 2 is 0.29", "[team][agreement]")
{
    // Six targets rated by four judges.
    const std::vector<std::vector<double>> ratings { { 9, 2, 5, 8 }, { 6, 1, 3, 2 }, { 8, 4, 6, 8 }, { 7, 1, 2, 6 },
        { 10, 5, 6, 9 }, { 6, 2, 4, 7 } };
    // BMS 11.24, JMS 32.49, EMS 1.02: ICC(2,1) = 184/635 exactly.
    CHECK(icc21(ratings) == Approx(184.0 / 635.0).epsilon(1e-12));
    CHECK(std::round(icc21(ratings) * 100.0) / 100.0 == 0.29);

    // Two readers measuring identically agree perfectly; a constant offset lowers absolute agreement.
    CHECK(icc21({ { 10, 10 }, { 20, 20 }, { 30, 30 } }) == Approx(1.0));
    CHECK(icc21({ { 10, 12 }, { 20, 22 }, { 30, 32 } }) < 1.0);
    CHECK(std::isnan(icc21({ { 10, 12 } })));
    CHECK_THROWS_AS(icc21({ { 10, 12 }, { 20 } }), std::invalid_argument);
}

TEST_CASE("Bland-Altman summary of paired measurements", "[team][agreement]")
{
    // Differences 1, 0, -1, 2: mean 0.5, SD sqrt(5/3), limits 0.5 -/+ 1.96 SD.
    const BlandAltman summary = blandAltman({ 10, 12, 14, 20 }, { 9, 12, 15, 18 });
    CHECK(summary.pairs == 4);
    CHECK(summary.meanDifference == Approx(0.5));
    CHECK(summary.sdDifference == Approx(std::sqrt(5.0 / 3.0)));
    CHECK(summary.lowerLimit == Approx(0.5 - 1.96 * std::sqrt(5.0 / 3.0)));
    CHECK(summary.upperLimit == Approx(0.5 + 1.96 * std::sqrt(5.0 / 3.0)));

    const BlandAltman one = blandAltman({ 10 }, { 8 });
    CHECK(one.meanDifference == 2.0);
    CHECK(std::isnan(one.lowerLimit));
    CHECK(std::isnan(blandAltman({}, {}).meanDifference));
    CHECK_THROWS_AS(blandAltman({ 1, 2 }, { 1 }), std::invalid_argument);
}

namespace {

LesionMark boxMark(const std::string& id, int slice, PixelBox box, const std::string& series = "1.2.series")
{
    LesionMark mark;
    mark.id = id;
    mark.slice = { series, "1.2.instance", 0, slice };
    mark.shape = Box2dMark { box };
    return mark;
}

LesionMark recistMark(const std::string& id, int slice, PixelSegment longAxis, PixelSegment shortAxis)
{
    LesionMark mark;
    mark.id = id;
    mark.slice = { "1.2.series", "1.2.instance", 0, slice };
    mark.shape = RecistMark { longAxis, shortAxis, {}, {} };
    return mark;
}

} // namespace

TEST_CASE("Box IoU and lesion footprints", "[team][lesions]")
{
    CHECK(boxIou({ 0, 0, 10, 10 }, { 0, 0, 10, 10 }) == 1.0);
    CHECK(boxIou({ 0, 0, 10, 10 }, { 5, 0, 15, 10 }) == Approx(50.0 / 150.0));
    CHECK(boxIou({ 10, 10, 0, 0 }, { 5, 0, 15, 10 }) == Approx(50.0 / 150.0)); // corners in any order
    CHECK(boxIou({ 0, 0, 10, 10 }, { 10, 0, 20, 10 }) == 0.0); // touching only
    CHECK(boxIou({ 0, 0, 0, 10 }, { 0, 0, 10, 10 }) == 0.0); // no area

    const LesionFootprint recist
        = lesionFootprint(recistMark("r", 4, { { 10, 20 }, { 30, 22 } }, { { 20, 15 }, { 21, 28 } }));
    CHECK(recist.boxPx == PixelBox { 10, 15, 30, 28 });
    CHECK(recist.firstSliceIndex == 4);
    LesionMark box3d = boxMark("b", 5, { 0, 0, 4, 4 });
    box3d.shape = Box3dMark { { 4, 4, 0, 0 }, 7, 3 };
    const LesionFootprint volume = lesionFootprint(box3d);
    CHECK(volume.boxPx == PixelBox { 0, 0, 4, 4 });
    CHECK(volume.firstSliceIndex == 3);
    CHECK(volume.lastSliceIndex == 7);
}

TEST_CASE("Lesions of two readers are matched one to one on the same or adjacent slice", "[team][lesions]")
{
    const std::vector<LesionMark> first {
        boxMark("a1", 10, { 100, 100, 140, 140 }), // = b1, same slice
        boxMark("a2", 20, { 200, 200, 240, 240 }), // = b2 one slice away
        boxMark("a3", 30, { 50, 50, 60, 60 }), // b3 two slices away: not matched
        boxMark("a4", 40, { 300, 300, 340, 340 }), // b4 overlaps too little
        boxMark("a5", 10, { 100, 100, 140, 140 }, "1.2.other"), // another series
    };
    const std::vector<LesionMark> second {
        boxMark("b2", 21, { 202, 200, 242, 240 }),
        boxMark("b1", 10, { 100, 100, 140, 140 }),
        boxMark("b1bis", 10, { 104, 100, 144, 140 }), // also overlaps a1, lower IoU: left over
        boxMark("b3", 32, { 50, 50, 60, 60 }),
        boxMark("b4", 40, { 330, 300, 370, 340 }),
    };
    const LesionMatching matching = matchLesions(first, second, 0.3);
    REQUIRE(matching.matched.size() == 2);
    CHECK(matching.matched[0].first == 0);
    CHECK(matching.matched[0].second == 1);
    CHECK(matching.matched[0].iou == 1.0);
    CHECK(matching.matched[1].first == 1);
    CHECK(matching.matched[1].second == 0);
    CHECK(matching.matched[1].iou == Approx(38.0 * 40.0 / (2 * 1600.0 - 38.0 * 40.0)));
    CHECK(matching.onlyFirst == std::vector<std::size_t> { 2, 3, 4 });
    CHECK(matching.onlySecond == std::vector<std::size_t> { 2, 3, 4 });
    // 2 * 2 / (2 * 2 + 3 + 3)
    CHECK(lesionDetectionAgreement(2, 3, 3) == Approx(0.4));
    CHECK(std::isnan(lesionDetectionAgreement(0, 0, 0)));

    // A lower threshold matches b4 (IoU 10 * 40 / (2 * 1600 - 400) = 1/7).
    CHECK(matchLesions(first, second, 0.1).matched.size() == 3);
}

TEST_CASE("The fast bootstrap of the three statistics equals the generic one draw for draw", "[team][agreement]")
{
    const auto units = krippendorffFourObserverExample();
    const auto generic = bootstrapAgreement(units, krippendorffAlphaNominal, 300, 9);
    const auto fast = bootstrapAgreement(units, AgreementStatistic::KrippendorffAlpha, 300, 9);
    CHECK(fast.value == generic.value);
    CHECK(fast.definedReplicates == generic.definedReplicates);
    CHECK(fast.low == Approx(generic.low).epsilon(1e-12));
    CHECK(fast.high == Approx(generic.high).epsilon(1e-12));

    std::vector<RatedUnit> pairs;
    const std::vector<std::string> first { "0", "1", "0", "0", "0", "0", "0", "0", "1", "0", "1", "1" };
    const std::vector<std::string> second { "1", "1", "1", "0", "0", "1", "0", "0", "0", "0", "1", "0" };
    for (std::size_t i = 0; i < first.size(); ++i) {
        pairs.push_back({ { first[i], second[i] } });
    }
    for (const auto& [statistic, function] :
        { std::make_pair(AgreementStatistic::CohenKappa, &radmark::annotation::cohensKappa),
            std::make_pair(AgreementStatistic::FleissKappa,
                static_cast<double (*)(const std::vector<RatedUnit>&)>(&radmark::annotation::fleissKappa)) }) {
        const auto slow = bootstrapAgreement(pairs, function, 300, 4);
        const auto quick = bootstrapAgreement(pairs, statistic, 300, 4);
        CHECK(quick.value == slow.value);
        CHECK(quick.definedReplicates == slow.definedReplicates);
        CHECK(quick.low == Approx(slow.low).epsilon(1e-12));
        CHECK(quick.high == Approx(slow.high).epsilon(1e-12));
    }
}

TEST_CASE("Both bootstraps give the intervals of their seed, value for value", "[team][agreement]")
{
    // Figures of the implementation as first released (seed 7, 500 replicates; seed 4, 300 replicates).
    const auto units = krippendorffFourObserverExample();
    for (const AgreementEstimate& alpha : { bootstrapAgreement(units, krippendorffAlphaNominal, 500, 7),
             bootstrapAgreement(units, AgreementStatistic::KrippendorffAlpha, 500, 7) }) {
        CHECK(alpha.replicates == 500);
        CHECK(alpha.definedReplicates == 500);
        CHECK(alpha.low == Approx(0.41588436567818909).epsilon(1e-12));
        CHECK(alpha.high == Approx(0.97182758620689524).epsilon(1e-12));
    }
    std::vector<RatedUnit> pairs;
    const std::vector<std::string> first { "0", "1", "0", "0", "0", "0", "0", "0", "1", "0", "1", "1" };
    const std::vector<std::string> second { "1", "1", "1", "0", "0", "1", "0", "0", "0", "0", "1", "0" };
    for (std::size_t i = 0; i < first.size(); ++i) {
        pairs.push_back({ { first[i], second[i] } });
    }
    for (const AgreementEstimate& kappa : { bootstrapAgreement(pairs, cohensKappa, 300, 4),
             bootstrapAgreement(pairs, AgreementStatistic::CohenKappa, 300, 4) }) {
        CHECK(kappa.definedReplicates == 300);
        CHECK(kappa.low == Approx(-0.4).epsilon(1e-12));
        CHECK(kappa.high == Approx(0.73666666666666369).epsilon(1e-12));
    }
}
