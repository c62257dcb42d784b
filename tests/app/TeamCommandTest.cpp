// `radmark team split / merge / relink / worklist` end to end through the real binary: a team project split for
// three annotators, label decisions and marks entered with `radmark labels` and `radmark annotate` in each
// annotator file, merged back with exact row counts and authors, re-merged without change, and each refusal.
#include "RadmarkProcess.h"
#include "TeamProjectFixture.h"

#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using radmark::testing::queryProject;
using radmark::testing::runRadmark;
using radmark::testing::workListAccessions;

namespace {

void requireSuccess(const radmark::testing::ProcessResult& result)
{
    INFO(result.standardOutput << result.standardError);
    REQUIRE(result.exitCode == 0);
}

// The three labels of a study set in one call (author: the file's preset, i.e. the annotator).
void labelStudy(const fs::path& file, const std::string& accession, const std::string& effusion)
{
    requireSuccess(runRadmark({ "labels", file.string(), "--study", accession, "--set", "Effusion=" + effusion, "--set",
        "Pneumothorax=0", "--set", "Follow-up=no" }));
}

std::string counts(const fs::path& project)
{
    return queryProject(project,
        "SELECT (SELECT COUNT(*) FROM label_decisions), (SELECT COUNT(*) FROM marks), "
        "(SELECT COUNT(*) FROM mark_history), (SELECT COUNT(*) FROM team_merges)");
}

} // namespace

TEST_CASE(
    "A team project split for three annotators, labelled and marked in each file, merges back exactly", "[team][cli]")
{
    const auto fixture = radmark::testing::makeTeamProjectFixture("radmark-team", 9);
    const fs::path team = fixture.project;
    const fs::path out = fixture.folder / "annotators";
    // The lead's own answers in the team project before the split: no annotator may see them.
    requireSuccess(
        runRadmark({ "labels", team.string(), "--study", "ACC1", "--set", "Effusion=1", "--author", "lead" }));
    requireSuccess(runRadmark({ "annotate", team.string(), "--series", fixture.seriesOfAccession.at("ACC1"), "--slice",
        "1", "--box", "4,4,12,12", "--author", "lead" }));
    {
        sqlite3* database = nullptr;
        REQUIRE(sqlite3_open(team.c_str(), &database) == SQLITE_OK);
        REQUIRE(sqlite3_exec(database,
                    "INSERT INTO project_settings(key, value) VALUES ('default_author_role', "
                    "'reviewer')",
                    nullptr, nullptr, nullptr)
            == SQLITE_OK);
        sqlite3_close(database);
    }
    fs::copy_file(team, fixture.folder / "before-split.radmark");

    const auto split = runRadmark({ "team", "split", team.string(), "--annotators", "alice,bob,carol", "--double-read",
        "0.34", "--seed", "7", "--out", out.string() });
    requireSuccess(split);
    CHECK(split.standardOutput.find(
              "Split 9 studies of " + team.string() + " among 3 annotator(s), 3 read twice (seed 7, by study):")
        != std::string::npos);

    // The assignment in the team project: 12 reads, 4 per annotator, 3 studies read twice, once by each pair.
    CHECK(queryProject(team, "SELECT file_role, annotator_name FROM team_identity") == "team,");
    CHECK(queryProject(team,
              "SELECT t.name, COUNT(*), SUM(a.double_read) FROM team_assignments a JOIN "
              "team_annotators t ON t.id = a.annotator_ref GROUP BY t.name ORDER BY t.name")
        == "alice,4,2|bob,4,2|carol,4,2");
    CHECK(queryProject(team,
              "SELECT COUNT(*) FROM (SELECT study_ref FROM team_assignments GROUP BY study_ref "
              "HAVING COUNT(*) = 2)")
        == "3");
    CHECK(queryProject(team,
              "SELECT group_concat(pair, ' ') FROM (SELECT group_concat(t.name, '+') AS pair FROM "
              "(SELECT a.study_ref, n.name FROM team_assignments a JOIN team_annotators n ON n.id = "
              "a.annotator_ref WHERE a.double_read = 1 ORDER BY a.study_ref, n.name) t GROUP BY "
              "t.study_ref ORDER BY pair)")
        == "alice+bob alice+carol bob+carol");
    CHECK(queryProject(team, "SELECT seed, double_read_fraction, unit, annotators FROM team_splits")
        == "7,0.34,study,alice,bob,carol");
    // The split's row and the team identity, column by column (each annotator file repeats them, below).
    const std::string outDir = fs::absolute(out).lexically_normal().string();
    const std::string splitMs = queryProject(team, "SELECT split_ms FROM team_splits");
    CHECK(queryProject(team, "SELECT id, out_dir FROM team_splits") == "1," + outDir);
    CHECK(queryProject(team,
              "SELECT team_uuid <> file_uuid AND file_uuid <> '', created_ms = (SELECT split_ms FROM team_splits) "
              "FROM team_identity")
        == "1,1");

    // The same seed on the same project gives the same assignment; another seed another one.
    {
        const fs::path again = fixture.folder / "again.radmark";
        fs::copy_file(fixture.folder / "before-split.radmark", again);
        requireSuccess(runRadmark({ "team", "split", again.string(), "--annotators", "alice,bob,carol", "--double-read",
            "0.34", "--seed", "7", "--out", (fixture.folder / "again").string() }));
        const std::string assignment
            = "SELECT group_concat(s.accession_number || '>' || n.name, ' ') FROM "
              "(SELECT * FROM team_assignments ORDER BY study_ref, annotator_ref) a JOIN "
              "studies s ON s.id = a.study_ref JOIN team_annotators n ON n.id = a.annotator_ref";
        CHECK(queryProject(again, assignment) == queryProject(team, assignment));
        const fs::path other = fixture.folder / "other-seed.radmark";
        fs::copy_file(fixture.folder / "before-split.radmark", other);
        requireSuccess(runRadmark({ "team", "split", other.string(), "--annotators", "alice,bob,carol", "--double-read",
            "0.34", "--seed", "8", "--out", (fixture.folder / "other-seed").string() }));
        CHECK(queryProject(other, assignment) != queryProject(team, assignment));
    }

    std::map<std::string, std::vector<std::string>> worklists;
    for (const std::string name : { "alice", "bob", "carol" }) {
        const fs::path file = out / (name + ".radmark");
        REQUIRE(fs::exists(file));
        CHECK_FALSE(fs::exists(file.string() + ".lock"));
        INFO(name);
        // Only the annotator's studies, with images, proposals, schema and the annotator as author; blinded.
        CHECK(queryProject(file,
                  "SELECT (SELECT COUNT(*) FROM patients), (SELECT COUNT(*) FROM studies), "
                  "(SELECT COUNT(*) FROM series), (SELECT COUNT(*) FROM instances), "
                  "(SELECT COUNT(DISTINCT study_ref) FROM label_proposals), (SELECT COUNT(*) FROM reports), "
                  "(SELECT COUNT(*) FROM label_schemas)")
            == "4,4,4,8,4,4,1");
        CHECK(queryProject(file,
                  "SELECT (SELECT COUNT(*) FROM label_decisions), (SELECT COUNT(*) FROM marks), "
                  "(SELECT COUNT(*) FROM mark_history), (SELECT COUNT(*) FROM saliency_reviews), "
                  "(SELECT SUM(double_read) FROM team_assignments)")
            == "0,0,0,0,0");
        CHECK(queryProject(file,
                  "SELECT group_concat(value, ',') FROM (SELECT value FROM project_settings WHERE key "
                  "LIKE 'default_author_%' ORDER BY key)")
            == name + ",radiologist");
        CHECK(queryProject(file, "SELECT file_role, annotator_name FROM team_identity") == "annotator," + name);
        CHECK(queryProject(file, "SELECT team_uuid FROM team_identity")
            == queryProject(team, "SELECT team_uuid FROM team_identity"));
        CHECK(queryProject(file, "SELECT file_uuid, created_ms FROM team_identity")
            == queryProject(team, "SELECT file_uuid FROM team_annotators WHERE name = '" + name + "'") + "," + splitMs);
        CHECK(queryProject(
                  file, "SELECT id, seed, double_read_fraction, unit, annotators, out_dir, split_ms FROM team_splits")
            == "1,7,0.34,study," + name + "," + outDir + "," + splitMs);
        worklists[name] = workListAccessions(file);
        CHECK(worklists[name] == workListAccessions(team, name));
        REQUIRE(worklists[name].size() == 4);
    }

    // Answers entered through the command line in each annotator's file.
    for (const auto& [name, accessions] : worklists) {
        const fs::path file = out / (name + ".radmark");
        for (const std::string& accession : accessions) {
            labelStudy(file, accession, name == "bob" ? "0" : "1");
        }
    }
    std::set<std::string> aliceMarkIds;
    for (const std::string& accession : worklists["alice"]) {
        requireSuccess(runRadmark({ "annotate", (out / "alice.radmark").string(), "--series",
            fixture.seriesOfAccession.at(accession), "--slice", "2", "--box", "8,8,20,16" }));
    }
    requireSuccess(runRadmark({ "annotate", (out / "bob.radmark").string(), "--series",
        fixture.seriesOfAccession.at(worklists["bob"].front()), "--slice", "1", "--recist", "4,4,20,20,8,16,16,8",
        "--role", "trainee" }));
    for (const std::string& id : [&] {
             std::set<std::string> ids;
             const std::string rows = queryProject(out / "alice.radmark", "SELECT mark_id FROM marks");
             std::size_t start = 0;
             while (start < rows.size()) {
                 const auto end = rows.find('|', start);
                 ids.insert(rows.substr(start, end == std::string::npos ? std::string::npos : end - start));
                 start = end == std::string::npos ? rows.size() : end + 1;
             }
             return ids;
         }()) {
        aliceMarkIds.insert(id);
    }
    REQUIRE(aliceMarkIds.size() == 4);
    CHECK(runRadmark({ "team", "worklist", (out / "carol.radmark").string() }).standardOutput
        == "carol: 4 done, 0 to do (4 studies)\n");

    const auto merged = runRadmark({ "team", "merge", team.string(), (out / "alice.radmark").string(),
        (out / "bob.radmark").string(), (out / "carol.radmark").string() });
    requireSuccess(merged);
    CHECK(merged.standardOutput
        == (out / "alice.radmark").string()
            + " (alice): 12 label decision(s), 4 mark(s), 4 mark history row(s), 0 "
              "saliency verdict(s) added\n"
            + (out / "bob.radmark").string()
            + " (bob): 12 label decision(s), 1 mark(s), 1 "
              "mark history row(s), 0 saliency verdict(s) added\n"
            + (out / "carol.radmark").string()
            + " (carol): 12 label "
              "decision(s), 0 mark(s), 0 mark history row(s), 0 saliency verdict(s) added\n");
    // Every answer is kept with its author; the lead's rows are untouched.
    CHECK(queryProject(team,
              "SELECT author_name, author_role, COUNT(*), COUNT(merge_ref) FROM label_decisions GROUP BY "
              "author_name ORDER BY author_name")
        == "alice,radiologist,12,12|bob,radiologist,12,12|carol,radiologist,12,12|lead,radiologist,1,0");
    CHECK(queryProject(team,
              "SELECT author_name, author_role, COUNT(*) FROM marks GROUP BY author_name ORDER BY "
              "author_name")
        == "alice,radiologist,4|bob,trainee,1|lead,radiologist,1");
    CHECK(queryProject(team,
              "SELECT author_name, COUNT(*) FROM mark_history GROUP BY author_name ORDER BY "
              "author_name")
        == "alice,4|bob,1|lead,1");
    std::set<std::string> teamAliceIds;
    {
        const std::string rows = queryProject(team,
            "SELECT group_concat(mark_id, ' ') FROM marks WHERE author_name = "
            "'alice'");
        std::istringstream words(rows);
        std::string word;
        while (words >> word) {
            teamAliceIds.insert(word);
        }
    }
    CHECK(teamAliceIds == aliceMarkIds);
    // Times and values as entered: the decisions of a double-read study by both readers side by side.
    CHECK(queryProject(out / "bob.radmark",
              "SELECT group_concat(decided_ms || label_name || value, ' ') FROM "
              "(SELECT * FROM label_decisions ORDER BY id)")
        == queryProject(team,
            "SELECT group_concat(decided_ms || label_name || value, ' ') FROM (SELECT * FROM "
            "label_decisions WHERE author_name = 'bob' ORDER BY id)"));
    CHECK(queryProject(team,
              "SELECT COUNT(*) FROM (SELECT d.study_ref FROM label_decisions d JOIN team_assignments a "
              "ON a.study_ref = d.study_ref AND a.double_read = 1 WHERE d.label_name = 'Effusion' AND "
              "d.author_name <> 'lead' GROUP BY d.study_ref HAVING COUNT(DISTINCT d.author_name) = 2)")
        == "3");
    CHECK(queryProject(team,
              "SELECT n.name, m.decisions_added, m.marks_added, m.mark_history_added FROM team_merges m "
              "JOIN team_annotators n ON n.id = m.annotator_ref ORDER BY m.id")
        == "alice,12,4,4|bob,12,1,1|carol,12,0,0");
    CHECK(runRadmark({ "team", "worklist", team.string() }).standardOutput
        == "alice: 4 done, 0 to do (4 studies)\nbob: 4 done, 0 to do (4 studies)\ncarol: 4 done, 0 to do (4 "
           "studies)\n");

    // Merging again adds nothing (not even a log row); a later answer in a file comes in alone.
    const std::string before = counts(team);
    CHECK(before == "37,6,6,3");
    const auto again = runRadmark({ "team", "merge", team.string(), (out / "alice.radmark").string(),
        (out / "bob.radmark").string(), (out / "carol.radmark").string() });
    requireSuccess(again);
    CHECK(again.standardOutput
        == (out / "alice.radmark").string() + " (alice): nothing new to merge\n" + (out / "bob.radmark").string()
            + " (bob): nothing new to merge\n" + (out / "carol.radmark").string() + " (carol): nothing new to merge\n");
    CHECK(counts(team) == before);
    requireSuccess(runRadmark({ "labels", (out / "carol.radmark").string(), "--study", worklists["carol"].front(),
        "--set", "Pneumothorax=1" }));
    const auto later = runRadmark({ "team", "merge", team.string(), (out / "carol.radmark").string() });
    requireSuccess(later);
    CHECK(later.standardOutput
        == (out / "carol.radmark").string()
            + " (carol): 1 label decision(s), 0 mark(s), 0 mark "
              "history row(s), 0 saliency verdict(s) added\n");
    CHECK(counts(team) == "38,6,6,4");
    CHECK(queryProject(team, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("Team merge refuses another team's file, a newer schema and unassigned work, leaving the project intact",
    "[team][cli]")
{
    const auto fixture = radmark::testing::makeTeamProjectFixture("radmark-team-refusal", 4);
    const fs::path team = fixture.project;
    const fs::path out = fixture.folder / "annotators";
    fs::copy_file(team, fixture.folder / "plain.radmark");
    fs::copy_file(team, fixture.folder / "other-team.radmark");
    requireSuccess(runRadmark(
        { "team", "split", team.string(), "--annotators", "alice,bob", "--seed", "3", "--out", out.string() }));
    requireSuccess(runRadmark({ "team", "split", (fixture.folder / "other-team.radmark").string(), "--annotators",
        "alice,bob", "--seed", "3", "--out", (fixture.folder / "other").string() }));
    const auto alice = workListAccessions(out / "alice.radmark");
    const auto bob = workListAccessions(out / "bob.radmark");
    REQUIRE(alice.size() == 2);
    REQUIRE(bob.size() == 2);
    labelStudy(out / "alice.radmark", alice.front(), "1");
    const std::string intact = counts(team);
    CHECK(intact == "0,0,0,0");

    const auto refuse = [&](const fs::path& file, const std::string& reason) {
        const auto result = runRadmark({ "team", "merge", team.string(), file.string() });
        INFO(result.standardOutput << result.standardError);
        CHECK(result.exitCode == 1);
        CHECK(result.standardOutput.empty());
        CHECK(result.standardError
            == "radmark team merge: refused: " + file.string() + ": " + reason + " (not merged; " + team.string()
                + " unchanged)\n");
        CHECK(counts(team) == intact);
    };

    SECTION("a file of another team project")
    {
        const fs::path other = fixture.folder / "other" / "alice.radmark";
        labelStudy(other, workListAccessions(other).front(), "1");
        refuse(other,
            "belongs to another team project (team " + queryProject(other, "SELECT team_uuid FROM team_identity") + "; "
                + team.string() + " is team " + queryProject(team, "SELECT team_uuid FROM team_identity") + ")");
    }
    SECTION("a newer schema")
    {
        const fs::path newer = out / "alice-newer.radmark";
        fs::copy_file(out / "alice.radmark", newer);
        sqlite3* database = nullptr;
        REQUIRE(sqlite3_open(newer.c_str(), &database) == SQLITE_OK);
        const int version = radmark::storage::ProjectStore::currentSchemaVersion() + 1;
        REQUIRE(sqlite3_exec(
                    database, ("PRAGMA user_version = " + std::to_string(version)).c_str(), nullptr, nullptr, nullptr)
            == SQLITE_OK);
        sqlite3_close(database);
        refuse(newer,
            "was written by a newer RadMark (schema " + std::to_string(version) + "; this build reads up to "
                + std::to_string(version - 1) + ")");
    }
    SECTION("work on a study not assigned to the annotator, beside a good file")
    {
        // alice imports one of bob's studies into a copy of her file and labels it.
        const fs::path stray = out / "alice-stray.radmark";
        fs::copy_file(out / "alice.radmark", stray);
        const std::string bobStudy = bob.front();
        const std::string bobFolder = "dicom" + bobStudy.substr(3);
        requireSuccess(runRadmark({ "import", stray.string(), (fixture.images / bobFolder).string(), "--quiet" }));
        labelStudy(stray, bobStudy, "0");
        std::string bobStudyUid;
        for (const auto& [uid, accession] : fixture.accessionOfStudyUid) {
            if (accession == bobStudy) {
                bobStudyUid = uid;
            }
        }
        refuse(stray, "holds work on 1 study not assigned to alice (" + bobStudyUid + ")");
        // One transaction per file: the good file after the refused one is merged.
        const auto mixed
            = runRadmark({ "team", "merge", team.string(), stray.string(), (out / "alice.radmark").string() });
        CHECK(mixed.exitCode == 1);
        CHECK(mixed.standardOutput
            == (out / "alice.radmark").string()
                + " (alice): 3 label decision(s), 0 mark(s), 0 "
                  "mark history row(s), 0 saliency verdict(s) added\n");
        CHECK(counts(team) == "3,0,0,1");
    }
    SECTION("a project that is no annotator file")
    {
        refuse(fixture.folder / "plain.radmark", "not an annotator file (it was not written by `radmark team split`)");
    }
    SECTION("the split refuses to replace annotator files and to split an annotator file")
    {
        const auto twice = runRadmark({ "team", "split", (fixture.folder / "plain.radmark").string(), "--annotators",
            "alice", "--out", out.string() });
        CHECK(twice.exitCode == 1);
        CHECK(twice.standardError
            == "radmark team split: " + (out / "alice.radmark").string()
                + ": already exists; an annotator file is never replaced (choose another --out)\n");
        const auto nested = runRadmark({ "team", "split", (out / "alice.radmark").string(), "--annotators", "x,y",
            "--out", (fixture.folder / "nested").string() });
        CHECK(nested.exitCode == 1);
        CHECK(nested.standardError
            == "radmark team split: " + (out / "alice.radmark").string()
                + ": is the annotator file of alice, not a team project: split the team project\n");
        CHECK_FALSE(fs::exists(fixture.folder / "nested" / "x.radmark"));
        const auto single = runRadmark({ "team", "split", (fixture.folder / "plain.radmark").string(), "--annotators",
            "solo", "--double-read", "0.5", "--out", (fixture.folder / "solo").string() });
        CHECK(single.exitCode == 1);
        CHECK(single.standardError == "radmark team split: double reading needs at least two annotators\n");
    }
}

TEST_CASE("An annotator file relinked to a copy of the images reads them there", "[team][cli]")
{
    const auto fixture = radmark::testing::makeTeamProjectFixture("radmark-team-relink", 2);
    const fs::path out = fixture.folder / "annotators";
    requireSuccess(
        runRadmark({ "team", "split", fixture.project.string(), "--annotators", "alice", "--out", out.string() }));
    const fs::path file = out / "alice.radmark";
    const fs::path copy = fixture.folder / "laptop" / "scans";
    fs::create_directories(copy);
    fs::copy(fixture.images, copy, fs::copy_options::recursive);

    const auto wrong = runRadmark({ "team", "relink", file.string(), "--root", fixture.folder.string() + "/laptop" });
    CHECK(wrong.exitCode == 1);
    CHECK(wrong.standardError.find("not one of the 4 image files is under " + fixture.folder.string()
              + "/laptop/ (e.g. " + fixture.folder.string() + "/laptop/dicom")
        != std::string::npos);
    CHECK(queryProject(
              file, "SELECT COUNT(*) FROM instance_records WHERE file_path LIKE '" + fixture.images.string() + "/%'")
        == "4");

    fs::remove_all(fixture.images); // the images are now only in the copy
    const auto relinked = runRadmark({ "team", "relink", file.string(), "--root", copy.string() });
    requireSuccess(relinked);
    CHECK(relinked.standardOutput
        == "Relinked 4 image path(s) from " + fixture.images.string() + "/ to " + copy.string() + "/ (4 found)\n");
    CHECK(
        queryProject(file, "SELECT COUNT(*) FROM instance_records WHERE file_path LIKE '" + copy.string() + "/dicom%'")
        == "4");
    CHECK(queryProject(file, "SELECT value FROM project_settings WHERE key = 'image_root'") == copy.string() + "/");
    const auto rendered = runRadmark({ "render", file.string(), "--series", fixture.seriesOfAccession.at("ACC1"),
        "--out", (fixture.folder / "acc1.png").string() });
    requireSuccess(rendered);
    CHECK(fs::file_size(fixture.folder / "acc1.png") > 100);
}
