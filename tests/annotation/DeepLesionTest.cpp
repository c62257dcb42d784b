// RadMark's measurement functions against the real DeepLesion rows in ../shared/data.
#include "radmark/annotation/DeepLesionRow.h"
#include "radmark/annotation/RecistMeasurement.h"

#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

using namespace radmark::annotation;

namespace {

std::vector<std::string> sampleLines()
{
    std::ifstream file(radmark::testing::sharedDataPath("deeplesion/DL_info_sample.csv"));
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(file, line)) {
        if (!line.empty()) {
            lines.push_back(line);
        }
    }
    return lines;
}

} // namespace

TEST_CASE("every DeepLesion row: boxes and diameters reproduced from the RECIST endpoints", "[deeplesion]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::vector<std::string> lines = sampleLines();
    REQUIRE(lines.size() > 1);
    CHECK(lines.front() == DeepLesionRow::header());

    int matched = 0;
    int swapped = 0;
    int notPerpendicular = 0;
    double worstAngleOffDegrees = 0.0;
    for (std::size_t index = 1; index < lines.size(); ++index) {
        std::string error;
        const std::optional<DeepLesionRow> row = DeepLesionRow::parse(lines[index], &error);
        INFO("line " << index + 1 << ": " << lines[index] << " " << error);
        REQUIRE(row);

        // The box from the CSV's own endpoints, compared at the CSV's precision (3 decimals).
        const PixelBox box = deepLesionBox(row->longAxisPx(), row->shortAxisPx());
        const bool boxMatches = std::abs(box.x1 - row->boundingBox.x1) <= 1e-3
            && std::abs(box.y1 - row->boundingBox.y1) <= 1e-3 && std::abs(box.x2 - row->boundingBox.x2) <= 1e-3
            && std::abs(box.y2 - row->boundingBox.y2) <= 1e-3;
        const bool diametersMatch = std::abs(lengthPx(row->longAxisPx()) - row->lesionDiametersPx[0]) <= 1e-3
            && std::abs(lengthPx(row->shortAxisPx()) - row->lesionDiametersPx[1]) <= 1e-3;
        CHECK(boxMatches);
        CHECK(diametersMatch);
        matched += boxMatches && diametersMatch ? 1 : 0;

        // The same endpoints through makeRecist: accepted, and the derived box is unchanged.
        SlicePlane plane;
        plane.spacing = row->pixelSpacing();
        const RecistCheck check = makeRecist(row->longAxisPx(), row->shortAxisPx(), plane);
        REQUIRE(check.mark);
        CHECK(deepLesionBox(*check.mark) == box);
        const RecistLengthsMm lengths = recistLengthsMm(*check.mark, plane.spacing);
        CHECK(lengths.longAxisMm
            == Approx(std::max(row->lesionDiametersPx[0], row->lesionDiametersPx[1]) * plane.spacing.columnMm)
                   .epsilon(1e-4));
        CHECK(lengths.longAxisMm >= lengths.shortAxisMm);
        swapped += check.axesSwapped ? 1 : 0;
        notPerpendicular += check.perpendicular ? 0 : 1;
        worstAngleOffDegrees = std::max(worstAngleOffDegrees, 90.0 - check.angleDegrees);

        // Parse then format gives back the released line, byte for byte.
        CHECK(row->format() == lines[index]);
    }
    const int rows = static_cast<int>(lines.size()) - 1;
    WARN("DeepLesion sample: " << matched << " of " << rows << " rows matched (box and diameters); " << swapped
                               << " with the short axis longer (swapped); " << notPerpendicular
                               << " beyond the perpendicular tolerance; worst " << worstAngleOffDegrees
                               << " degrees off 90");
    CHECK(matched == rows);
    CHECK(rows == 90);
}

TEST_CASE("DeepLesion rows: malformed input is refused with a reason", "[deeplesion]")
{
    std::string error;
    CHECK_FALSE(DeepLesionRow::parse("a,b,c", &error));
    CHECK(error.find("18 fields") != std::string::npos);
    CHECK_FALSE(DeepLesionRow::parse("x.png,1,1,1,1,\"1, 2, 3\",\"1, 2, 3, 4\",\"1, 2\",\"1, 2, 3\",-1,0,\"1, 2\","
                                     "\"1, 1, 5\",\"512, 512\",\"-175, 275\",F,71,1",
        &error));
    CHECK(error.find("malformed number") != std::string::npos);
    CHECK_FALSE(DeepLesionRow::parse("\"unterminated,1", &error));
}
