// Gold label files (bad input refused with the line) and the label-by-label scoring of label-eval.
#include "radmark/annotation/reports/GoldLabelCsv.h"
#include "radmark/annotation/reports/LabelEvaluation.h"
#include "radmark/annotation/reports/LabelSchema.h"
#include "radmark/annotation/reports/ReportLabeller.h"

#include <catch2/catch.hpp>

#include <string>

using namespace radmark::annotation;

namespace {

std::string goldError(const std::string& bytes)
{
    try {
        readGoldLabelCsv(bytes, "gold.csv");
    } catch (const GoldLabelError& error) {
        return error.what();
    }
    return "no error";
}

ReportLabeller chestLabeller()
{
    return ReportLabeller(
        loadLabelSchemaFile(std::string(RADMARK_SOURCE_DIR) + "/resources/label-schemas/chest-radiograph.json"));
}

} // namespace

TEST_CASE("Gold files: values, id column, BOM and Latin-1", "[gold]")
{
    const GoldLabelTable table
        = readGoldLabelCsv("\xEF\xBB\xBF"
                           "filename,Cardiomegaly,Effusion\r\nR1,1,\r\nR2, 0 ,-1\r\nR3,1.0,0.0\r\n",
            "g.csv");
    CHECK(table.idColumn == "filename");
    REQUIRE(table.columns == std::vector<std::string> { "Cardiomegaly", "Effusion" });
    REQUIRE(table.rows.size() == 3);
    CHECK(table.rows[0].id == "R1");
    CHECK(table.rows[0].line == 2);
    CHECK(table.rows[0].values == std::vector<GoldValue> { GoldValue::Present, GoldValue::Empty });
    CHECK(table.rows[1].values == std::vector<GoldValue> { GoldValue::Absent, GoldValue::Uncertain });
    CHECK(table.rows[2].values == std::vector<GoldValue> { GoldValue::Present, GoldValue::Absent });
    CHECK(table.columnIndex("effusion") == 1);
    CHECK(table.columnIndex("pleural_effusion") == 2);

    // An "id" column wins wherever it stands; Latin-1 bytes in a column name are converted to UTF-8.
    const GoldLabelTable latin = readGoldLabelCsv("Oed\xE8me,id\n1,\xE9tude-1\n", "g.csv");
    CHECK(latin.idColumn == "id");
    CHECK(latin.columns == std::vector<std::string> { "Oed\xC3\xA8me" });
    CHECK(latin.rows[0].id == "\xC3\xA9tude-1");
}

TEST_CASE("Gold files: bad values and shapes are refused with the line", "[gold]")
{
    CHECK(goldError("id,Edema\nA,1\nB,yes\n")
        == "gold.csv: line 3: column \"Edema\": \"yes\" is not a gold label (expected 1, 0, -1 or empty)");
    CHECK(goldError("id,Edema\nA,2\n")
        == "gold.csv: line 2: column \"Edema\": \"2\" is not a gold label (expected 1, 0, -1 or empty)");
    CHECK(goldError("id,Edema\nA,1,0\n") == "gold.csv: line 2: 3 fields where the header has 2");
    CHECK(goldError("id,Edema\nA,1\nA,0\n") == "gold.csv: line 3: id \"A\" repeats line 2");
    CHECK(goldError("id,Edema\n,1\n") == "gold.csv: line 2: empty id in column \"id\"");
    CHECK(goldError("id,Edema,edema\nA,1,1\n") == "gold.csv: line 1: column \"edema\" appears twice");
    CHECK(goldError("id\nA\n") == "gold.csv: line 1: the header has no label column besides the id column \"id\"");
    CHECK(goldError("id,Edema\n") == "gold.csv: line 1: no gold rows after the header");
    CHECK(goldError("") == "gold.csv: empty file (expected a header: an id column and one column per label)");
    CHECK(goldError("id,Edema\nA,\"1\n") == "gold.csv: line 2: unterminated quote (the file ends inside a field)");
}

TEST_CASE("Default mapping: same names and the NegBio gold names", "[gold]")
{
    const ReportLabeller labeller = chestLabeller();
    const GoldLabelTable gold = readGoldLabelCsv("filename,Atelectasis,Cardiomegaly,Effusion,Mass,Pneumothorax,Edema,"
                                                 "Consolidation,Pneumonia,normal\nR,0,0,0,0,0,0,0,0,1\n",
        "g.csv");
    const auto mapping = defaultGoldMapping(labeller.schema(), gold);
    std::vector<std::string> pairs;
    for (const auto& pair : mapping) {
        pairs.push_back(pair.label + "=" + pair.column);
    }
    CHECK(pairs
        == std::vector<std::string> { "No Finding=normal", "Cardiomegaly=Cardiomegaly", "Edema=Edema",
            "Consolidation=Consolidation", "Pneumonia=Pneumonia", "Atelectasis=Atelectasis",
            "Pneumothorax=Pneumothorax", "Pleural Effusion=Effusion" });
}

TEST_CASE("Gold file mapping (--map): other column names, and what it refuses", "[gold]")
{
    const ReportLabeller labeller = chestLabeller();
    const GoldLabelTable gold = readGoldLabelCsv("case,big_heart,fluid\nR,1,0\n", "g.csv");
    CHECK(defaultGoldMapping(labeller.schema(), gold).empty());
    const auto mapping = parseGoldMapping("Cardiomegaly=big_heart, pleural effusion = FLUID", labeller.schema(), gold);
    REQUIRE(mapping.size() == 2);
    CHECK(mapping[1].label == "Pleural Effusion");
    CHECK(mapping[1].column == "fluid");
    const auto error = [&](const std::string& text) -> std::string {
        try {
            parseGoldMapping(text, labeller.schema(), gold);
        } catch (const std::invalid_argument& e) {
            return e.what();
        }
        return "no error";
    };
    CHECK(error("Cardiomegaly") == "--map: \"Cardiomegaly\" is not LABEL=COLUMN");
    CHECK(error("Heart=big_heart") == "--map: schema \"chest-radiograph\" has no label \"Heart\"");
    CHECK(
        error("Cardiomegaly=heart") == "--map: the gold file has no column \"heart\" (its columns: big_heart, fluid)");
    CHECK(error("Cardiomegaly=big_heart,cardiomegaly=fluid") == "--map: label \"Cardiomegaly\" is mapped twice");
    CHECK(error(" , ") == "--map: no LABEL=COLUMN pair");
}

TEST_CASE("Scoring: confusion per label, unmatched ids listed, disagreements explained", "[gold]")
{
    const ReportLabeller labeller = chestLabeller();
    const GoldLabelTable gold = readGoldLabelCsv("id,Cardiomegaly,Effusion\n"
                                                 "A,1,0\n"
                                                 "B,0,1\n"
                                                 "C,-1,\n"
                                                 "D,1,1\n",
        "g.csv");
    const std::vector<IdentifiedReport> reports {
        { "A", "FINDINGS: Cardiomegaly. No pleural effusion." },
        { "B", "FINDINGS: Cardiomegaly. Small left pleural effusion." },
        { "C", "FINDINGS: Possible cardiomegaly." },
        { "E", "FINDINGS: Cardiomegaly." },
    };
    const LabelEvaluation result
        = evaluateLabeller(labeller, reports, gold, defaultGoldMapping(labeller.schema(), gold));
    CHECK(result.scoredReports == 3);
    CHECK(result.goldWithoutReport == std::vector<std::string> { "D" });
    CHECK(result.reportsWithoutGold == std::vector<std::string> { "E" });
    const LabelScore* cardiomegaly = nullptr;
    const LabelScore* effusion = nullptr;
    for (const auto& score : result.scores) {
        cardiomegaly = score.label == "Cardiomegaly" ? &score : cardiomegaly;
        effusion = score.label == "Pleural Effusion" ? &score : effusion;
    }
    REQUIRE(cardiomegaly != nullptr);
    REQUIRE(effusion != nullptr);
    // A: gold 1 / proposed 1; B: gold 0 / proposed 1; C: gold -1 (absent) / proposed -1 (absent).
    CHECK(cardiomegaly->counts.truePositive == 1);
    CHECK(cardiomegaly->counts.falsePositive == 1);
    CHECK(cardiomegaly->counts.falseNegative == 0);
    CHECK(cardiomegaly->counts.trueNegative == 1);
    CHECK(effusion->counts.truePositive == 1);
    CHECK(effusion->counts.trueNegative == 2);
    bool found = false;
    for (const auto& d : result.disagreements) {
        if (d.id == "B" && d.label == "Cardiomegaly") {
            found = true;
            CHECK(d.expected == "0");
            CHECK(d.proposed == "1");
            CHECK(d.explanation.find("\"Cardiomegaly\"") != std::string::npos);
        }
    }
    CHECK(found);
}
