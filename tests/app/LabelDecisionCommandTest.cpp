// `radmark labels PROJECT --study KEY --set LABEL=VALUE / --confirm / --history`: human decisions from the
// command line, kept in the project with author and role, and refused with a clear reason when wrong.
#include "RadmarkProcess.h"
#include "StudyRecordFixture.h"
#include "TestFiles.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <catch2/catch.hpp>

#include <string>

using radmark::testing::runRadmark;
using namespace radmark::storage;
using radmark::testing::studyRecord;
using radmark::testing::writeTextFile;

namespace {

const char* choiceSchema = R"({"format": "radmark-label-schema", "version": 1, "name": "mini", "title": "Mini",
  "labels": [
    {"name": "Effusion", "kind": "finding", "synonyms": ["pleural effusion"], "shortcut": "e"},
    {"name": "Follow-up", "kind": "yesno", "synonyms": ["follow-up"], "default": "no", "shortcut": "u"},
    {"name": "Author", "kind": "choice", "shortcut": "a", "choices": [
      {"name": "trainee", "synonyms": ["resident"]}, {"name": "senior", "synonyms": ["attending"]}]}]})";

// Two studies, ACC1 with a report; labelled with the schema above.
std::string labelledProject(const std::string& folder)
{
    const std::string project = folder + "/p.radmark";
    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::CreateIfMissing);
        store->writeImportBatch(
            { studyRecord("/d/a.dcm", "1.2.10", "ACC1"), studyRecord("/d/b.dcm", "1.2.20", "ACC2") }, {});
    }
    writeTextFile(folder + "/mini.json", choiceSchema);
    writeTextFile(folder + "/ACC1.txt", "FINDINGS: Small pleural effusion. Dictated by the resident.\n");
    REQUIRE(runRadmark({ "import", project, folder + "/ACC1.txt", "--quiet" }).exitCode == 0);
    REQUIRE(runRadmark({ "label-reports", project, "--schema", folder + "/mini.json" }).exitCode == 0);
    return project;
}

} // namespace

TEST_CASE("labels --set records human decisions with author and role, --confirm accepts the rest", "[cli][labels]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-label-decisions");
    const std::string project = labelledProject(folder);
    auto result = runRadmark({ "labels", project });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput
        == "accession,study_uid,Effusion,Follow-up,Author,source,author\n"
           "ACC1,1.2.10,1,0,trainee,auto,\n"
           "ACC2,1.2.20,,,,,\n");

    result = runRadmark({ "labels", project, "--study", "ACC1", "--set", "Effusion=-1", "--set", "author=senior",
        "--author", "Dr Lee", "--role", "reviewer" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput
        == "Recorded 2 decision(s) for study ACC1 by Dr Lee (reviewer)\n"
           "  Effusion: uncertain\n"
           "  Author: senior\n");
    result = runRadmark({ "labels", project });
    CHECK(result.standardOutput
        == "accession,study_uid,Effusion,Follow-up,Author,source,author\n"
           "ACC1,1.2.10,-1,0,senior,human,Dr Lee\n"
           "ACC2,1.2.20,,,,,\n");

    // --confirm records the proposal of every label without a decision: here Follow-up (no).
    result = runRadmark({ "labels", project, "--study", "1.2.10", "--confirm", "--author", "Dr Lee" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput
        == "Recorded 1 decision(s) for study 1.2.10 by Dr Lee (radiologist); 1 proposal(s) "
           "confirmed as they were\n"
           "  Follow-up: no\n");
    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::ReadOnly);
        ReportStore reports(*store);
        const auto decisions = reports.decisions(*reports.findStudy("ACC1"));
        REQUIRE(decisions.size() == 3);
        CHECK(decisions[0].labelName == "Effusion");
        CHECK(*decisions[0].value == -1);
        CHECK(decisions[0].authorRole == "reviewer");
        CHECK(decisions[1].choice == "senior");
        CHECK_FALSE(decisions[1].value);
        CHECK(decisions[2].labelName == "Follow-up");
        CHECK(*decisions[2].value == 0);
        CHECK(decisions[2].authorRole == "radiologist");
        const auto states = reports.reviewStates({ "Effusion", "Follow-up", "Author" });
        CHECK(states[0].decidedLabels == 3);
        CHECK(states[0].disagreements == 2);
    }

    result = runRadmark({ "labels", project, "--study", "ACC1", "--history" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput.rfind("label,value,author,role,decided_ms,undone_ms,undone_by\nEffusion,-1,Dr Lee,"
                                      "reviewer,",
              0)
        == 0);

    // An empty value is "not mentioned".
    result = runRadmark({ "labels", project, "--study", "ACC2", "--set", "Effusion=", "--author", "Dr Lee" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput
        == "Recorded 1 decision(s) for study ACC2 by Dr Lee (radiologist)\n"
           "  Effusion: not mentioned\n");
}

TEST_CASE("labels --set refuses unknown labels, values, studies and usage, and writes nothing then", "[cli][labels]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-label-decisions-bad");
    const std::string project = labelledProject(folder);
    auto result = runRadmark({ "labels", project, "--study", "ACC1", "--set", "Effusion=1", "--set", "Oedema=1" });
    CHECK(result.exitCode == 2);
    CHECK_THAT(result.standardError,
        Catch::Contains("schema \"mini\" has no label \"Oedema\" (labels: Effusion, Follow-up, Author)"));
    result = runRadmark({ "labels", project, "--study", "ACC1", "--set", "Follow-up=maybe" });
    CHECK(result.exitCode == 2);
    CHECK_THAT(result.standardError, Catch::Contains("\"maybe\" is not a value of Follow-up (yes, no or empty)"));
    result = runRadmark({ "labels", project, "--study", "ACC1", "--set", "Author=consultant" });
    CHECK(result.exitCode == 2);
    result = runRadmark({ "labels", project, "--study", "ACC1", "--set", "Effusion=1", "--set", "Effusion=0" });
    CHECK(result.exitCode == 2);
    CHECK_THAT(result.standardError, Catch::Contains("--set Effusion is given twice"));
    result = runRadmark({ "labels", project, "--study", "ACC1", "--set", "Effusion" });
    CHECK(result.exitCode == 2);
    CHECK_THAT(result.standardError, Catch::Contains("--set takes LABEL=VALUE"));
    result = runRadmark({ "labels", project, "--set", "Effusion=1" });
    CHECK(result.exitCode == 2);
    result = runRadmark({ "labels", project, "--study", "ACC1", "--set", "Effusion=1", "--role", "boss" });
    CHECK(result.exitCode == 2);
    result = runRadmark({ "labels", project, "--study", "ACC7", "--set", "Effusion=1" });
    CHECK(result.exitCode == 1);
    CHECK_THAT(result.standardError, Catch::Contains("no study with Study Instance UID or accession number \"ACC7\""));
    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::ReadOnly);
        ReportStore reports(*store);
        CHECK(reports.decisionHistory(*reports.findStudy("ACC1")).empty());
    }

    // A project never labelled has no schema to check against.
    const std::string fresh = folder + "/fresh.radmark";
    {
        auto store = ProjectStore::open(fresh, ProjectStore::OpenMode::CreateIfMissing);
        store->writeImportBatch({ studyRecord("/d/a.dcm", "1.2.10", "ACC1") }, {});
    }
    result = runRadmark({ "labels", fresh, "--study", "ACC1", "--set", "Effusion=1" });
    CHECK(result.exitCode == 1);
    CHECK_THAT(result.standardError, Catch::Contains("has no label schema yet"));
}

TEST_CASE(
    "label-reports keeps the schema in the project and reuses it, a changed file is a new revision", "[cli][labels]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-label-schema-kept");
    const std::string project = labelledProject(folder);
    // The file goes away: the project still has the schema.
    std::string schemaText = choiceSchema;
    std::remove((folder + "/mini.json").c_str());
    auto result = runRadmark({ "label-reports", project });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput.rfind("Labelled 1 study with schema \"mini\" version 1;", 0) == 0);
    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::ReadOnly);
        ReportStore reports(*store);
        REQUIRE(reports.labelSchemaRevisions().size() == 1);
        CHECK(reports.currentLabelSchema()->jsonText == schemaText);
        CHECK(reports.currentLabelSchema()->source == folder + "/mini.json");
    }
    result = runRadmark({ "labels", project, "--schema-json" });
    REQUIRE(result.exitCode == 0);
    CHECK(result.standardOutput == schemaText + "\n"); // printed as stored, with a final line end
    schemaText.replace(schemaText.find("\"Mini\""), 6, "\"Mini, edited\"");
    writeTextFile(folder + "/mini2.json", schemaText);
    REQUIRE(runRadmark({ "label-reports", project, "--schema", folder + "/mini2.json" }).exitCode == 0);
    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::ReadOnly);
        ReportStore reports(*store);
        REQUIRE(reports.labelSchemaRevisions().size() == 2);
        CHECK(reports.currentLabelSchema()->revision == 2);
        CHECK(reports.currentLabelSchema()->jsonText == schemaText);
        CHECK(reports.labelSchemaRevisions()[0].jsonText == choiceSchema);
    }
    // A schema with an error is refused with its line and reason, and the project keeps its schema.
    writeTextFile(folder + "/broken.json",
        "{\"format\": \"radmark-label-schema\", \"version\": 1, \"name\": \"b\",\n"
        "  \"labels\": [\n    {\"name\": \"A\", \"kind\": \"finding\", \"synonyms\": [\"a\"]},\n"
        "    {\"name\": \"a\", \"kind\": \"finding\", \"synonyms\": [\"b\"]}]}\n");
    result = runRadmark({ "label-reports", project, "--schema", folder + "/broken.json" });
    CHECK(result.exitCode == 1);
    CHECK_THAT(result.standardError, Catch::Contains(folder + "/broken.json: line 4"));
    CHECK_THAT(result.standardError, Catch::Contains("duplicate"));
    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::ReadOnly);
        ReportStore reports(*store);
        CHECK(reports.labelSchemaRevisions().size() == 2);
    }
}
