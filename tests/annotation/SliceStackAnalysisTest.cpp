#include "radmark/annotation/SliceStackAnalysis.h"
#include "radmark/annotation/WindowPresets.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace radmark::annotation;

namespace {

std::vector<SlicePlacement> axialStack(const std::vector<double>& heightsMm, double shiftYPerMm = 0.0)
{
    std::vector<SlicePlacement> slices;
    for (const double z : heightsMm) {
        slices.push_back({ { -100.0, -100.0 + shiftYPerMm * z, z }, { 1, 0, 0 }, { 0, 1, 0 } });
    }
    return slices;
}

} // namespace

TEST_CASE("slices are sorted by position along the normal, not input order", "[stack]")
{
    const auto report = analyzeSliceStack(axialStack({ 10.0, -5.0, 5.0, 0.0 }));
    CHECK(report.sortedOrder == std::vector<std::size_t> { 1, 3, 2, 0 });
    CHECK(report.medianGapMm == Approx(5.0));
    CHECK_FALSE(report.unevenSpacing);
    CHECK(report.estimatedMissingSlices == 0);
    CHECK(report.gantryTiltDegrees == 0.0);
    CHECK(report.warnings().empty());
}

TEST_CASE("uneven spacing and missing slices are detected", "[stack]")
{
    const auto report = analyzeSliceStack(axialStack({ 0, 4, 8, 12, 19, 26, 30, 38 }));
    CHECK(report.unevenSpacing);
    CHECK(report.minimumGapMm == Approx(4.0));
    CHECK(report.maximumGapMm == Approx(8.0));
    CHECK(report.medianGapMm == Approx(4.0));
    CHECK(report.estimatedMissingSlices == 1); // the 8 mm gap; 7 mm gaps are not whole multiples
    CHECK(report.warnings().size() == 2);
}

TEST_CASE("gantry tilt is measured from the positions", "[stack]")
{
    // tan(18.5 deg) = 0.33460 mm of in-plane shift per mm along the normal.
    const auto report = analyzeSliceStack(axialStack({ 0, 5, 10, 15 }, 0.334595));
    CHECK(report.gantryTiltDegrees == Approx(18.5).margin(0.01));
    CHECK_FALSE(report.unevenSpacing);
}

TEST_CASE("duplicate positions are reported, not silently merged", "[stack]")
{
    const auto report = analyzeSliceStack(axialStack({ 0, 2, 2, 4 }));
    REQUIRE(report.duplicatePositions.size() == 1);
    CHECK((report.duplicatePositions[0] == 2 || report.duplicatePositions[0] == 1));
    CHECK(report.gapsMm.size() == 2);
}

TEST_CASE("mixed orientations are flagged", "[stack]")
{
    auto slices = axialStack({ 0, 1, 2 });
    slices[1].rowDirectionLps = { 0, 1, 0 };
    slices[1].columnDirectionLps = { 0, 0, -1 };
    CHECK(analyzeSliceStack(slices).mixedOrientations);
}

TEST_CASE("CT window presets carry the domain's width and level", "[presets]")
{
    const auto& presets = ctWindowPresets();
    REQUIRE(presets.size() == 7);
    const auto lung = std::find_if(presets.begin(), presets.end(), [](const auto& p) { return p.name == "Lung"; });
    REQUIRE(lung != presets.end());
    CHECK(lung->window.width == 1500.0);
    CHECK(lung->window.level == -600.0);
    CHECK(presets.front().shortcutKey == '1');
}
