// Team labelling in storage: the split's balance and reproducibility, and what a re-merge does with an annotator
// file changed since the previous merge (a decision undone, marks edited, edited on both sides, deleted).
#include "StudyRecordFixture.h"
#include "TestPaths.h"

#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"
#include "radmark/storage/team/TeamStore.h"

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;
using namespace radmark::storage;

namespace {

std::string text(const ProjectStore& project, const std::string& sql)
{
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(project.connection(), sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::string rows;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        rows += rows.empty() ? "" : "|";
        for (int column = 0; column < sqlite3_column_count(statement); ++column) {
            const auto* value = sqlite3_column_text(statement, column);
            rows += (column > 0 ? "," : "") + std::string(value ? reinterpret_cast<const char*>(value) : "NULL");
        }
    }
    sqlite3_finalize(statement);
    return rows;
}

void exec(const ProjectStore& project, const std::string& sql)
{
    INFO(sql);
    REQUIRE(sqlite3_exec(project.connection(), sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
}

// A team project of `studies` studies, patient k holding studies 2k-1 and 2k.
std::unique_ptr<ProjectStore> teamProject(const std::string& path, int studies)
{
    auto project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
    std::vector<InstanceRecord> records;
    for (int study = 1; study <= studies; ++study) {
        auto record = radmark::testing::studyRecord("/images/s" + std::to_string(study) + "/1.dcm",
            "1.2.3." + std::to_string(study), "ACC" + std::to_string(study));
        record.patientId = "P" + std::to_string((study + 1) / 2);
        records.push_back(record);
    }
    project->writeImportBatch(records, {});
    return project;
}

void insertMark(const ProjectStore& file, const std::string& id, const std::string& seriesUid, int modifiedMs)
{
    exec(file,
        "INSERT INTO marks(mark_id, series_uid, sop_instance_uid, frame_index, slice_index, "
        "pixel_spacing_column_mm, pixel_spacing_row_mm, plane_lps_mm, shape_kind, shape_px, shape_lps_mm, "
        "lesion_type, author_name, author_role, created_ms, modified_ms) VALUES ('"
            + id + "', '" + seriesUid + "', '" + seriesUid
            + ".1', 0, 0, 1, 1, '[0,0,0,1,0,0,0,1,0]', 'box2d', '[1,1,5,5]', '[1,1,0,5,5,0]', 1, "
              "'alice', 'radiologist', 1000, "
            + std::to_string(modifiedMs) + ")");
}

} // namespace

TEST_CASE("A split is balanced, reproducible for a seed and keeps a patient with its reader", "[team][project]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-team-split");
    for (const std::uint64_t seed : { 1u, 2u, 3u, 4u, 5u }) {
        for (const bool byPatient : { false, true }) {
            INFO("seed " << seed << (byPatient ? " by patient" : " by study"));
            std::map<std::string, std::string> assignmentOfRun[2];
            for (int run = 0; run < 2; ++run) {
                const std::string stem
                    = folder + "/s" + std::to_string(seed) + (byPatient ? "p" : "s") + std::to_string(run);
                auto project = teamProject(stem + ".radmark", 20);
                TeamSplitOptions options;
                options.annotators = { "ann", "ben", "cid" };
                options.doubleReadFraction = 0.3;
                options.byPatient = byPatient;
                options.seed = seed;
                options.outDir = stem;
                const TeamSplitResult result = splitTeamProject(*project, options);
                // 20 studies (10 patients): 30% of the units are read twice.
                CHECK(result.studies == 20);
                CHECK(result.doubleReadStudies == 6);
                std::vector<std::size_t> loads;
                for (const TeamSplitFile& file : result.files) {
                    loads.push_back(file.studies);
                }
                CHECK(loads[0] + loads[1] + loads[2] == 26);
                const auto [least, most] = std::minmax_element(loads.begin(), loads.end());
                CHECK(*most - *least <= (byPatient ? 2u : 1u));
                if (byPatient) {
                    // Both studies of a patient have the same readers.
                    CHECK(text(*project,
                              "SELECT COUNT(*) FROM (SELECT s.patient_ref, a.annotator_ref, COUNT(*) AS n "
                              "FROM team_assignments a JOIN studies s ON s.id = a.study_ref GROUP BY 1, 2) "
                              "WHERE n <> 2")
                        == "0");
                }
                assignmentOfRun[run]["all"] = text(*project,
                    "SELECT group_concat(study_ref || ':' || annotator_ref || "
                    "':' || double_read, ' ') FROM (SELECT * FROM "
                    "team_assignments ORDER BY study_ref, annotator_ref)");
            }
            CHECK(assignmentOfRun[0] == assignmentOfRun[1]);
        }
    }
}

TEST_CASE(
    "Re-merging a changed annotator file brings the changes and keeps what the team project edited", "[team][project]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-team-remerge");
    auto team = teamProject(folder + "/team.radmark", 2);
    TeamSplitOptions options;
    options.annotators = { "alice" };
    options.outDir = folder + "/out";
    const std::string alicePath = splitTeamProject(*team, options).files.at(0).path;

    std::int64_t decisionToUndo = 0;
    {
        auto alice = ProjectStore::open(alicePath, ProjectStore::OpenMode::ReadWrite);
        ReportStore reports(*alice);
        const auto ids = reports.addDecisions({ { 1, "Effusion", 1, "alice", "radiologist", 1000, "", 0, 0 },
            { 1, "Nodule", 0, "alice", "radiologist", 1001, "", 0, 0 },
            { 2, "Effusion", -1, "alice", "radiologist", 1002, "", 0, 0 } });
        decisionToUndo = ids[1];
        insertMark(*alice, "m1", "1.2.3.1.1", 1000);
        insertMark(*alice, "m2", "1.2.3.1.1", 1000);
        insertMark(*alice, "m3", "1.2.3.2.1", 1000);
    }
    TeamMergeResult first = mergeAnnotatorFile(*team, alicePath);
    CHECK(first.decisionsAdded == 3);
    CHECK(first.marksAdded == 3);
    CHECK(text(*team, "SELECT mark_id, merge_ref, merged_modified_ms FROM marks ORDER BY mark_id")
        == "m1,1,1000|m2,1,1000|m3,1,1000");

    // Meanwhile: alice undoes a decision, edits m1 and m2, deletes m3; the team project edits m2 too.
    {
        auto alice = ProjectStore::open(alicePath, ProjectStore::OpenMode::ReadWrite);
        ReportStore(*alice).undoDecisions({ decisionToUndo }, "alice");
        exec(*alice, "UPDATE marks SET shape_px = '[2,2,8,8]', modified_ms = 2000 WHERE mark_id IN ('m1', 'm2')");
        exec(*alice, "DELETE FROM marks WHERE mark_id = 'm3'");
    }
    exec(*team, "UPDATE marks SET note = 'checked by the lead', modified_ms = 1500 WHERE mark_id = 'm2'");

    const TeamMergeResult second = mergeAnnotatorFile(*team, alicePath);
    CHECK(second.decisionsAdded == 0);
    CHECK(second.decisionsUndone == 1);
    CHECK(second.marksAdded == 0);
    CHECK(second.marksUpdated == 1);
    CHECK(second.marksRemoved == 1);
    CHECK(second.marksKept == 1);
    CHECK(text(*team, "SELECT mark_id, shape_px, note, modified_ms, merge_ref FROM marks ORDER BY mark_id")
        == "m1,[2,2,8,8],,2000,2|m2,[1,1,5,5],checked by the lead,1500,1");
    CHECK(text(*team, "SELECT label_name, undone_by, undone_ms IS NOT NULL FROM label_decisions ORDER BY id")
        == "Effusion,,0|Nodule,alice,1|Effusion,,0");
    CHECK(text(*team, "SELECT id, decisions_added, decisions_undone, marks_updated, marks_removed FROM team_merges")
        == "1,3,0,0,0|2,0,1,1,1");

    // And once more: nothing new.
    CHECK(mergeAnnotatorFile(*team, alicePath).addedNothing());
    CHECK(text(*team, "SELECT COUNT(*) FROM team_merges") == "2");
}

TEST_CASE(
    "Saliency verdicts merge onto the team project's map even when the annotator relinked the files", "[team][project]")
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-team-saliency");
    auto team = teamProject(folder + "/team.radmark", 2);
    exec(*team,
        "INSERT INTO saliency_maps(series_ref, map_path, model, target, imported_ms) VALUES "
        "(1, '/images/maps/m1.nii.gz', 'net', 'Nodule', 5)");
    TeamSplitOptions options;
    options.annotators = { "alice" };
    options.outDir = folder + "/out";
    const std::string alicePath = splitTeamProject(*team, options).files.at(0).path;
    CHECK(imageRoot(*team) == "/images/");
    {
        auto alice = ProjectStore::open(alicePath, ProjectStore::OpenMode::ReadWrite);
        CHECK(text(*alice, "SELECT map_path FROM saliency_maps") == "/images/maps/m1.nii.gz");
        CHECK(text(*alice, "SELECT value FROM project_settings WHERE key = 'image_root'") == "/images/");
        // As `radmark team relink` leaves it with the images under /laptop/, plus a map alice imported herself.
        exec(*alice, "UPDATE project_settings SET value = '/laptop/' WHERE key = 'image_root'");
        exec(*alice, "UPDATE saliency_maps SET map_path = '/laptop/maps/m1.nii.gz'");
        exec(*alice,
            "INSERT INTO saliency_maps(series_ref, map_path, model, target, imported_ms) VALUES "
            "(2, '/laptop/maps/own.nii.gz', 'net', 'Nodule', 6)");
        exec(*alice,
            "INSERT INTO saliency_reviews(map_ref, verdict, note, reviewer_name, reviewer_role, reviewed_ms) "
            "VALUES (1, 'implausible', 'on the table', 'alice', 'radiologist', 100), "
            "(2, 'plausible', '', 'alice', 'radiologist', 200)");
    }
    const TeamMergeResult merged = mergeAnnotatorFile(*team, alicePath);
    CHECK(merged.saliencyReviewsAdded == 2);
    CHECK(text(*team,
              "SELECT m.id, m.map_path, r.verdict, r.note, r.reviewer_name, r.reviewed_ms, r.merge_ref FROM "
              "saliency_reviews r JOIN saliency_maps m ON m.id = r.map_ref ORDER BY r.id")
        == "1,/images/maps/m1.nii.gz,implausible,on the "
           "table,alice,100,1|2,/images/maps/own.nii.gz,plausible,,alice,200,1");
    CHECK(merged.otherAuthorRows == 0);
    CHECK(mergeAnnotatorFile(*team, alicePath).addedNothing());
    CHECK(text(*team, "SELECT COUNT(*) FROM saliency_reviews") == "2");

    // A verdict entered in alice's file under another name comes in as authored, and is counted.
    {
        auto alice = ProjectStore::open(alicePath, ProjectStore::OpenMode::ReadWrite);
        exec(*alice,
            "INSERT INTO saliency_reviews(map_ref, verdict, note, reviewer_name, reviewer_role, reviewed_ms) "
            "VALUES (1, 'unsure', '', 'locum', 'trainee', 300)");
    }
    const TeamMergeResult later = mergeAnnotatorFile(*team, alicePath);
    CHECK(later.saliencyReviewsAdded == 1);
    CHECK(later.otherAuthorRows == 1);
    CHECK(text(*team, "SELECT reviewer_name, reviewer_role, merge_ref FROM saliency_reviews ORDER BY id DESC LIMIT 1")
        == "locum,trainee,2");
}
