// The chest-radiograph preset against the public CheXpert labeler's own output on its sample
// reports (../shared/data/reports/chexpert_labeler_samples): every one of the 4 x 14 cells agrees.
#include "radmark/annotation/reports/LabelSchema.h"
#include "radmark/annotation/reports/ReportCsv.h"
#include "radmark/annotation/reports/ReportLabeller.h"

#include "TestFiles.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

using namespace radmark::annotation;
using radmark::testing::readTextFile;

namespace {

// CheXpert writes 1.0 / 0.0 / -1.0 / empty.
std::string normalizedCell(const std::string& value)
{
    if (value.empty()) {
        return value;
    }
    return value == "1.0" ? "1" : value == "0.0" ? "0" : value == "-1.0" ? "-1" : "?" + value;
}

} // namespace

TEST_CASE("the chest preset agrees with the CheXpert labeler on its sample reports", "[reports][chexpert]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    const std::string folder = "reports/chexpert_labeler_samples/";
    const auto reports = readCsvRows(readTextFile(radmark::testing::sharedDataPath(folder + "sample_reports.csv")));
    const auto labelled = readCsvRows(readTextFile(radmark::testing::sharedDataPath(folder + "labeled_reports.csv")));
    REQUIRE(reports.size() == 4);
    REQUIRE(labelled.size() == reports.size() + 1);

    const ReportLabeller labeller(
        loadLabelSchemaFile(std::string(RADMARK_SOURCE_DIR) + "/resources/label-schemas/chest-radiograph.json"));
    const auto& header = labelled.front().fields;
    REQUIRE(header.size() == 15);
    REQUIRE(labeller.schema().labels.size() == 14);
    for (std::size_t column = 1; column < header.size(); ++column) {
        CHECK(labeller.schema().labels[column - 1].name == header[column]);
    }

    int agree = 0;
    int differ = 0;
    for (std::size_t row = 0; row < reports.size(); ++row) {
        const std::string& report = reports[row].fields.at(0);
        const auto& expected = labelled[row + 1].fields;
        REQUIRE(expected.size() == 15);
        CHECK(expected[0] == report);
        const LabelledReport result = labeller.label(report);
        for (std::size_t column = 1; column < expected.size(); ++column) {
            const LabelDefinition& definition = labeller.schema().labels[column - 1];
            const LabelResult& ours = result.labels[column - 1];
            const std::string cell = labelCellText(definition, ours);
            INFO("report " << row + 1 << " \"" << report << "\", " << definition.name << ": "
                           << ours.explanation.describe());
            CHECK(cell == normalizedCell(expected[column]));
            (cell == normalizedCell(expected[column]) ? agree : differ) += 1;
        }
    }
    CHECK(agree == 56);
    CHECK(differ == 0);
}
