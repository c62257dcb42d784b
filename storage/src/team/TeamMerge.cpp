// `radmark team merge`: an annotator file's marks, label decisions, mark history and saliency verdicts brought
// into the team project, each row with its author, role and time, in one transaction per file.
#include "project/ProjectFileCheck.h"
#include "radmark/annotation/Timestamp.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/team/TeamStore.h"
#include "team/TeamSql.h"

#include <filesystem>

namespace radmark::storage {

namespace fs = std::filesystem;

namespace {

constexpr char markColumns[] = "mark_id, series_uid, sop_instance_uid, frame_index, slice_index, "
                               "pixel_spacing_column_mm, pixel_spacing_row_mm, plane_lps_mm, shape_kind, shape_px, "
                               "shape_lps_mm, first_slice_index, last_slice_index, lesion_type, note, author_name, "
                               "author_role, created_ms, modified_ms, derived_from_mark_id";

std::int64_t run(const ProjectStore& team, const std::string& sql, std::int64_t mergeId)
{
    SqliteStatement statement(team.connection(), team.path(), sql);
    if (sql.find("?1") != std::string::npos) {
        statement.bind(1, mergeId);
    }
    statement.run();
    return queryInteger(team, "SELECT changes()");
}

// Studies the file holds work on (a decision, a mark, a saliency verdict) that are not assigned to its annotator
// in the team project: their UIDs (a few) and how many.
std::pair<std::vector<std::string>, std::int64_t> unassignedWork(const ProjectStore& team, std::int64_t annotatorId)
{
    SqliteStatement query(team.connection(), team.path(), R"(
        WITH worked(study_uid) AS (
            SELECT ss.study_uid FROM src.label_decisions d JOIN src.studies ss ON ss.id = d.study_ref
            UNION SELECT coalesce(ms.study_uid, 'series ' || m.series_uid) FROM src.marks m
                LEFT JOIN main.series se ON se.series_uid = m.series_uid LEFT JOIN main.studies ms ON ms.id = se.study_ref
            UNION SELECT ss.study_uid FROM src.saliency_reviews r JOIN src.saliency_maps sm ON sm.id = r.map_ref
                JOIN src.series se ON se.id = sm.series_ref JOIN src.studies ss ON ss.id = se.study_ref)
        SELECT study_uid FROM worked w WHERE NOT EXISTS (SELECT 1 FROM main.studies ms
            JOIN main.team_assignments a ON a.study_ref = ms.id AND a.annotator_ref = ?1 WHERE ms.study_uid = w.study_uid)
        ORDER BY study_uid)");
    query.bind(1, annotatorId);
    std::vector<std::string> examples;
    std::int64_t count = 0;
    while (query.step()) {
        if (++count <= 3) {
            examples.push_back(query.text(0));
        }
    }
    return { examples, count };
}

} // namespace

TeamMergeResult mergeAnnotatorFile(ProjectStore& team, const std::string& annotatorFilePath)
{
    if (team.isReadOnly()) {
        throw ProjectError(
            team.path() + ": cannot merge: the project is open read-only (" + team.readOnlyReason() + ")");
    }
    const auto teamId = teamIdentity(team);
    if (!teamId || teamId->isAnnotatorFile()) {
        throw ProjectError(team.path()
            + (teamId ? ": is the annotator file of " + teamId->annotatorName
                        + ", not a team project: merge into the team project"
                      : ": not a team project (split it first: radmark team split)"));
    }
    std::error_code error;
    const std::string path = fs::absolute(annotatorFilePath, error).lexically_normal().string();
    if (fs::equivalent(path, team.path(), error)) {
        throw ProjectError(path + ": is the team project itself");
    }
    const std::string unchanged = " (not merged; " + team.path() + " unchanged)";
    std::unique_ptr<ProjectStore> source;
    try {
        // Only read, unless it is of an earlier schema and must be upgraded first (no lock file is left beside it).
        const long long headerVersion = projectFileHeaderVersion(path);
        const bool older = headerVersion >= 0 && headerVersion < ProjectStore::currentSchemaVersion();
        source = ProjectStore::open(path, older ? ProjectStore::OpenMode::ReadWrite : ProjectStore::OpenMode::ReadOnly);
    } catch (const ProjectError& refusal) {
        throw ProjectError(refusal.what() + unchanged);
    }
    const auto sourceId = teamIdentity(*source);
    if (!sourceId) {
        throw ProjectError(path + ": not an annotator file (it was not written by `radmark team split`)" + unchanged);
    }
    if (!sourceId->isAnnotatorFile()) {
        throw ProjectError(path + ": is a team project, not an annotator file" + unchanged);
    }
    if (sourceId->teamUuid != teamId->teamUuid) {
        throw ProjectError(path + ": belongs to another team project (team " + sourceId->teamUuid + "; " + team.path()
            + " is team " + teamId->teamUuid + ")" + unchanged);
    }
    std::int64_t annotatorId = 0;
    {
        // Finished before the ATTACH: a pending statement would keep DETACH and DROP TABLE from running.
        SqliteStatement annotatorRow(team.connection(), team.path(), "SELECT id FROM team_annotators WHERE name = ?");
        annotatorRow.bind(1, sourceId->annotatorName);
        if (!annotatorRow.step()) {
            throw ProjectError(
                path + ": annotator '" + sourceId->annotatorName + "' is not in the team project" + unchanged);
        }
        annotatorId = annotatorRow.int64(0);
    }
    const std::string sourceRoot = imageRoot(*source);
    const std::string teamRoot = imageRoot(team);

    TeamMergeResult result;
    result.path = path;
    result.annotator = sourceId->annotatorName;
    const std::string sourcePath = source->path();
    // Closed before the ATTACH: the team's connection is then the last one on the file and removes its -wal and
    // -shm when it detaches (a read-only connection leaves them).
    source.reset();
    AttachedFile attached(team, sourcePath, "src");
    const auto [unassigned, unassignedCount] = unassignedWork(team, annotatorId);
    if (unassignedCount > 0) {
        std::string list;
        for (const std::string& uid : unassigned) {
            list += (list.empty() ? "" : ", ") + uid;
        }
        throw ProjectError(path + ": holds work on " + std::to_string(unassignedCount) + " stud"
            + (unassignedCount == 1 ? "y" : "ies") + " not assigned to " + result.annotator + " (" + list
            + (unassignedCount > 3 ? ", ..." : "") + ")" + unchanged);
    }

    {
        SqliteStatement others(team.connection(), team.path(), R"(SELECT
            (SELECT COUNT(*) FROM src.label_decisions WHERE author_name <> ?1) +
            (SELECT COUNT(*) FROM src.marks WHERE author_name <> ?1) +
            (SELECT COUNT(*) FROM src.saliency_reviews WHERE reviewer_name <> ?1))");
        others.bind(1, result.annotator);
        result.otherAuthorRows = others.step() ? others.int64(0) : 0;
    }

    DeferredTransaction transaction(team);
    {
        SqliteStatement merge(team.connection(), team.path(), R"(INSERT INTO team_merges(annotator_ref, file_uuid,
            source_path, merged_ms) VALUES (?, ?, ?, ?))");
        merge.bind(1, annotatorId);
        merge.bind(2, sourceId->fileUuid);
        merge.bind(3, path);
        merge.bind(4, annotation::systemTimeMs());
        merge.run();
    }
    const std::int64_t mergeId = queryInteger(team, "SELECT last_insert_rowid()");
    // Every merge of this file, this one included: the rows they brought in are this file's rows.
    executeSql(team.connection(), team.path(), "DROP TABLE IF EXISTS temp.file_merges");
    {
        SqliteStatement merges(team.connection(), team.path(),
            "CREATE TEMP TABLE file_merges AS SELECT id FROM main.team_merges WHERE file_uuid = ?");
        merges.bind(1, sourceId->fileUuid);
        merges.run();
    }

    result.decisionsAdded = run(team, R"(INSERT INTO main.label_decisions(study_ref, label_name, value, choice,
        author_name, author_role, decided_ms, undone_ms, undone_by, merge_ref, merge_source_id)
        SELECT ms.id, d.label_name, d.value, d.choice, d.author_name, d.author_role, d.decided_ms, d.undone_ms,
            d.undone_by, ?1, d.id
        FROM src.label_decisions d JOIN src.studies ss ON ss.id = d.study_ref JOIN main.studies ms ON ms.study_uid = ss.study_uid
        WHERE d.id NOT IN (SELECT merge_source_id FROM main.label_decisions
            WHERE merge_ref IN (SELECT id FROM temp.file_merges))
        ORDER BY d.id)",
        mergeId);
    result.decisionsUndone = run(team, R"(UPDATE main.label_decisions AS t SET undone_ms = d.undone_ms,
        undone_by = d.undone_by FROM src.label_decisions d
        WHERE t.merge_ref IN (SELECT id FROM temp.file_merges) AND t.merge_source_id = d.id
            AND t.undone_ms IS NULL AND d.undone_ms IS NOT NULL)",
        mergeId);

    // Marks keep their ids. One merged before and edited in the annotator file since is updated, one deleted there
    // is removed, but only while nobody edited it here (modified_ms still what was merged); otherwise it is kept.
    result.marksKept = queryInteger(team, R"(SELECT COUNT(*) FROM src.marks m JOIN main.marks t ON t.mark_id = m.mark_id
        WHERE m.modified_ms IS NOT coalesce(t.merged_modified_ms, t.modified_ms)
            AND NOT (t.merge_ref IN (SELECT id FROM temp.file_merges) AND t.modified_ms IS t.merged_modified_ms))");
    result.marksUpdated = run(team, std::string(R"(UPDATE main.marks AS t SET
        (series_uid, sop_instance_uid, frame_index, slice_index, pixel_spacing_column_mm, pixel_spacing_row_mm,
         plane_lps_mm, shape_kind, shape_px, shape_lps_mm, first_slice_index, last_slice_index, lesion_type, note,
         author_name, author_role, created_ms, modified_ms, derived_from_mark_id, merge_ref, merged_modified_ms) =
        (m.series_uid, m.sop_instance_uid, m.frame_index, m.slice_index, m.pixel_spacing_column_mm,
         m.pixel_spacing_row_mm, m.plane_lps_mm, m.shape_kind, m.shape_px, m.shape_lps_mm, m.first_slice_index,
         m.last_slice_index, m.lesion_type, m.note, m.author_name, m.author_role, m.created_ms, m.modified_ms,
         m.derived_from_mark_id, ?1, m.modified_ms)
        FROM src.marks m WHERE t.mark_id = m.mark_id AND t.merge_ref IN (SELECT id FROM temp.file_merges)
            AND t.modified_ms IS t.merged_modified_ms AND m.modified_ms IS NOT t.merged_modified_ms)"),
        mergeId);
    result.marksRemoved = run(team, R"(DELETE FROM main.marks WHERE merge_ref IN (SELECT id FROM temp.file_merges)
        AND modified_ms IS merged_modified_ms AND mark_id NOT IN (SELECT mark_id FROM src.marks))",
        mergeId);
    result.marksAdded = run(team,
        std::string("INSERT INTO main.marks(") + markColumns + ", merge_ref, merged_modified_ms) SELECT " + markColumns
            + ", ?1, modified_ms FROM src.marks WHERE mark_id NOT IN "
              "(SELECT mark_id FROM main.marks) ORDER BY created_ms, rowid",
        mergeId);
    result.markHistoryAdded = run(team, R"(INSERT INTO main.mark_history(origin, command_kind, description,
        author_name, author_role, time_ms, mark_ids, merge_ref, merge_source_id)
        SELECT origin, command_kind, description, author_name, author_role, time_ms, mark_ids, ?1, id
        FROM src.mark_history WHERE id NOT IN (SELECT merge_source_id FROM main.mark_history
            WHERE merge_ref IN (SELECT id FROM temp.file_merges))
        ORDER BY id)",
        mergeId);

    // Saliency verdicts go to the team project's map of the same series, model and target whose file is the same
    // one under the team's image root (the annotator may have relinked); a map the team project lacks comes along.
    {
        const std::string teamMapPath = "CASE WHEN ?2 <> '' AND substr(sm.map_path, 1, length(?2)) = ?2 "
                                        "THEN ?3 || substr(sm.map_path, length(?2) + 1) ELSE sm.map_path END";
        SqliteStatement maps(team.connection(), team.path(),
            R"(INSERT OR IGNORE INTO main.saliency_maps(series_ref,
            map_path, model, target, score, method, slice_index, imported_ms)
            SELECT mse.id, )"
                + teamMapPath + R"(, sm.model, sm.target, sm.score, sm.method, sm.slice_index, sm.imported_ms
            FROM src.saliency_maps sm JOIN src.series sse ON sse.id = sm.series_ref
            JOIN main.series mse ON mse.series_uid = sse.series_uid
            WHERE sm.id IN (SELECT map_ref FROM src.saliency_reviews))");
        maps.bind(2, sourceRoot);
        maps.bind(3, teamRoot);
        maps.run();
        SqliteStatement reviews(team.connection(), team.path(),
            R"(INSERT INTO main.saliency_reviews(map_ref, verdict,
            note, reviewer_name, reviewer_role, reviewed_ms, merge_ref, merge_source_id)
            SELECT mm.id, r.verdict, r.note, r.reviewer_name, r.reviewer_role, r.reviewed_ms, ?1, r.id
            FROM src.saliency_reviews r JOIN src.saliency_maps sm ON sm.id = r.map_ref
            JOIN src.series sse ON sse.id = sm.series_ref JOIN main.series mse ON mse.series_uid = sse.series_uid
            JOIN main.saliency_maps mm ON mm.series_ref = mse.id AND mm.model = sm.model AND mm.target = sm.target
                AND mm.map_path = )"
                + teamMapPath + R"(
            WHERE r.id NOT IN (SELECT merge_source_id FROM main.saliency_reviews
                WHERE merge_ref IN (SELECT id FROM temp.file_merges))
            ORDER BY r.id)");
        reviews.bind(1, mergeId);
        reviews.bind(2, sourceRoot);
        reviews.bind(3, teamRoot);
        reviews.run();
        result.saliencyReviewsAdded = queryInteger(team, "SELECT changes()");
    }
    executeSql(team.connection(), team.path(), "DROP TABLE temp.file_merges");

    if (result.addedNothing()) {
        // Nothing new: not even the log row is kept, so a re-merge leaves the team project as it was.
        return result;
    }
    SqliteStatement counts(team.connection(), team.path(), R"(UPDATE team_merges SET marks_added = ?2,
        marks_updated = ?3, marks_removed = ?4, mark_history_added = ?5, decisions_added = ?6, decisions_undone = ?7,
        saliency_reviews_added = ?8 WHERE id = ?1)");
    counts.bind(1, mergeId);
    counts.bind(2, result.marksAdded);
    counts.bind(3, result.marksUpdated);
    counts.bind(4, result.marksRemoved);
    counts.bind(5, result.markHistoryAdded);
    counts.bind(6, result.decisionsAdded);
    counts.bind(7, result.decisionsUndone);
    counts.bind(8, result.saliencyReviewsAdded);
    counts.run();
    transaction.commit();
    result.mergeId = mergeId;
    return result;
}

} // namespace radmark::storage
