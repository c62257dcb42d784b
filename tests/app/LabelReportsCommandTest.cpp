// `radmark label-reports` end to end: presets by name, schema files, bad input.
#include "RadmarkProcess.h"
#include "TestFiles.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

using radmark::testing::readTextFile;
using radmark::testing::runRadmark;
using radmark::testing::writeTextFile;

namespace {

const std::string chestHeader = "id,No Finding,Enlarged Cardiomediastinum,Cardiomegaly,Lung Lesion,Lung Opacity,Edema,"
                                "Consolidation,Pneumonia,Atelectasis,Pneumothorax,Pleural Effusion,Pleural Other,"
                                "Fracture,Support Devices\n";

} // namespace

TEST_CASE("label-reports labels the CheXpert sample reports like the public labeller", "[cli][label-reports]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-label-reports");
    // UTF-8 with a byte-order mark, CR LF line ends, a report over several lines, an empty report.
    writeTextFile(folder + "/in.csv",
        "\xEF\xBB\xBFid,report\r\n"
        "s1,Heart size normal and lungs are clear. No edema or pneumonia. No effusion\r\n"
        "s2,\"1. Left pleural effusion with adjacent atelectasis. Right effusion is also present.\r\n\r\n"
        "2. Cardiomegaly without overt edema.\"\r\n"
        "s3,\"Minimal patchy airspace disease within the lingula, may reflect atelectasis or consolidation.\"\r\n"
        "s4,1. Stable mild cardiomegaly. 2. Hyperexpanded but clear lungs.\r\n"
        "s5,\r\n");
    const auto result = runRadmark({ "label-reports", "--schema", "chest-radiograph", "--in", folder + "/in.csv",
        "--out", folder + "/out.csv", "--explain", folder + "/why.csv" });
    INFO(result.standardError);
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardError.find("1 empty report(s) left unlabelled") != std::string::npos);
    CHECK(readTextFile(folder + "/out.csv")
        == chestHeader
            + "s1,1,,0,,,0,,0,,,0,,,\n"
              "s2,,,1,,,0,,,1,,1,,,\n"
              "s3,,,,,1,,-1,,-1,,,,,\n"
              "s4,,,1,,,,,,,,,,,\n"
              "s5,,,,,,,,,,,,,,\n");
    CHECK(readTextFile(folder + "/why.csv").find("s2,Edema,0,\"negative: \"\"edema\"\", cue \"\"without\"\"")
        != std::string::npos);
}

TEST_CASE("label-reports reads Latin-1 input and schema files by path or RADMARK_SCHEMA_DIR", "[cli][label-reports]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-label-reports");
    writeTextFile(folder + "/in.csv", "report,id\n\"Caf\xE9 patient: no hernia, possible appendicitis.\",a\n");
    writeTextFile(folder + "/mine.json",
        "{\"format\": \"radmark-label-schema\", \"version\": 1, \"name\": \"mine\", \"labels\": [\n"
        "  {\"name\": \"Hernia\", \"kind\": \"finding\", \"synonyms\": [\"hernia\"]},\n"
        "  {\"name\": \"Appendicitis\", \"kind\": \"finding\", \"synonyms\": [\"appendicitis\"]}]}\n");
    auto result = runRadmark({ "label-reports", "--schema", folder + "/mine.json", "--in", folder + "/in.csv", "--out",
        folder + "/out.csv" });
    INFO(result.standardError);
    REQUIRE(result.exitCode == 0);
    CHECK(readTextFile(folder + "/out.csv") == "id,Hernia,Appendicitis\na,0,-1\n");

    ::setenv("RADMARK_SCHEMA_DIR", folder.c_str(), 1);
    result
        = runRadmark({ "label-reports", "--schema", "mine", "--in", folder + "/in.csv", "--out", folder + "/2.csv" });
    ::unsetenv("RADMARK_SCHEMA_DIR");
    REQUIRE(result.exitCode == 0);
    CHECK(readTextFile(folder + "/2.csv") == "id,Hernia,Appendicitis\na,0,-1\n");
}

TEST_CASE("label-reports reports bad schemas and bad input in one line", "[cli][label-reports]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-label-reports");
    writeTextFile(folder + "/in.csv", "id,report\n1,No effusion.\n");
    writeTextFile(folder + "/dup.json",
        "{\"format\": \"radmark-label-schema\", \"version\": 1, \"name\": \"dup\", \"labels\": [\n"
        "  {\"name\": \"Hernia\", \"kind\": \"finding\", \"synonyms\": [\"hernia\"]},\n"
        "  {\"name\": \"Hernia\", \"kind\": \"finding\", \"synonyms\": [\"herniation\"]}]}\n");
    auto result = runRadmark({ "label-reports", "--schema", folder + "/dup.json", "--in", folder + "/in.csv", "--out",
        folder + "/out.csv" });
    CHECK(result.exitCode == 1);
    CHECK(result.standardError
        == "radmark label-reports: " + folder
            + "/dup.json: line 3, column 12: duplicate label \"Hernia\" (first at line 2)\n");

    result = runRadmark(
        { "label-reports", "--schema", "no-such-preset", "--in", folder + "/in.csv", "--out", folder + "/out.csv" });
    CHECK(result.exitCode == 1);
    CHECK(result.standardError.find("no label schema named \"no-such-preset\" (searched ") != std::string::npos);

    writeTextFile(folder + "/bad.csv", "id,text\n1,No effusion.\n");
    result = runRadmark(
        { "label-reports", "--schema", "chest-radiograph", "--in", folder + "/bad.csv", "--out", folder + "/out.csv" });
    CHECK(result.exitCode == 1);
    CHECK(result.standardError.find("bad.csv: line 1: the header has no \"report\" column") != std::string::npos);

    writeTextFile(folder + "/open.csv", "id,report\n1,\"No effusion.\n");
    result = runRadmark({ "label-reports", "--schema", "chest-radiograph", "--in", folder + "/open.csv", "--out",
        folder + "/out.csv" });
    CHECK(result.exitCode == 1);
    CHECK(result.standardError.find("open.csv: line 2: unterminated quote") != std::string::npos);

    result = runRadmark({ "label-reports", "--schema", "chest-radiograph", "--in", folder + "/in.csv" });
    CHECK(result.exitCode == 2);
    CHECK(result.standardError.find("--out is required") != std::string::npos);
}
