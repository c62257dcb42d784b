// `radmark team split`: the studies of a project assigned to annotators (some read twice) and one project file
// per annotator holding only theirs, with everything needed to label them and nobody's answers.
#include "project/ProjectWriterLock.h"
#include "radmark/annotation/Timestamp.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/team/TeamStore.h"
#include "team/TeamSql.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <random>
#include <set>

namespace radmark::storage {

namespace fs = std::filesystem;

namespace {

struct Unit {
    std::string key; // study UID or patient key
    std::vector<std::int64_t> studyIds;
    bool doubleRead = false;
};

struct Assignment {
    std::int64_t studyId = 0;
    std::size_t annotator = 0;
    bool doubleRead = false;
    std::int64_t position = 0;
};

void checkAnnotatorNames(const std::vector<std::string>& names)
{
    if (names.empty()) {
        throw ProjectError("no annotators given (--annotators alice,bob,...)");
    }
    std::set<std::string> seen;
    for (const std::string& name : names) {
        const bool unusable = name.empty() || name == "." || name == ".." || name.front() == '.'
            || name.find_first_of("/\\:*?\"<>|") != std::string::npos
            || std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
        if (unusable) {
            throw ProjectError(
                "annotator name '" + name + "' cannot name a file (no empty name, leading dot, / \\ : * ? \" < > |)");
        }
        std::string folded = name;
        std::transform(folded.begin(), folded.end(), folded.begin(),
            [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (!seen.insert(folded).second) {
            throw ProjectError("annotator '" + name + "' is given twice (names are compared ignoring case)");
        }
    }
}

// The studies no annotator has yet, grouped into units, in a reproducible shuffled order.
std::vector<Unit> unassignedUnits(const ProjectStore& project, bool byPatient, std::uint64_t seed)
{
    SqliteStatement query(project.connection(), project.path(), R"(SELECT s.id, s.study_uid, p.patient_key
        FROM studies s JOIN patients p ON p.id = s.patient_ref
        WHERE NOT EXISTS (SELECT 1 FROM team_assignments a WHERE a.study_ref = s.id) ORDER BY s.study_uid)");
    std::map<std::string, Unit> units;
    while (query.step()) {
        const std::string key = byPatient ? query.text(2) : query.text(1);
        Unit& unit = units[key];
        unit.key = key;
        unit.studyIds.push_back(query.int64(0));
    }
    std::vector<Unit> ordered;
    ordered.reserve(units.size());
    for (auto& entry : units) {
        ordered.push_back(std::move(entry.second));
    }
    // Fisher-Yates with the raw 64-bit engine output (std::shuffle and the distributions differ between
    // standard libraries; this order is the same everywhere for a seed).
    std::mt19937_64 random(seed);
    for (std::size_t index = ordered.size(); index > 1; --index) {
        std::swap(ordered[index - 1], ordered[static_cast<std::size_t>(random() % index)]);
    }
    return ordered;
}

// Each unit to the least-loaded annotator (studies so far); a double-read unit to the two least loaded, the
// second preferring the partner it has been paired with least (so every pair gets double reads).
std::vector<Assignment> assign(std::vector<Unit>& units, std::size_t annotatorCount, double fraction)
{
    const std::size_t doubleCount
        = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(units.size())));
    // Spread evenly over the shuffled order.
    for (std::size_t index = 0; index < units.size(); ++index) {
        units[index].doubleRead = (index + 1) * doubleCount / units.size() > index * doubleCount / units.size();
    }
    std::vector<std::size_t> load(annotatorCount, 0);
    std::vector<std::vector<std::size_t>> paired(annotatorCount, std::vector<std::size_t>(annotatorCount, 0));
    std::vector<std::int64_t> nextPosition(annotatorCount, 0);
    std::vector<Assignment> assignments;
    for (const Unit& unit : units) {
        std::size_t first = 0;
        for (std::size_t a = 1; a < annotatorCount; ++a) {
            if (load[a] < load[first]) {
                first = a;
            }
        }
        std::vector<std::size_t> readers { first };
        if (unit.doubleRead) {
            std::size_t second = annotatorCount;
            for (std::size_t a = 0; a < annotatorCount; ++a) {
                if (a == first) {
                    continue;
                }
                if (second == annotatorCount || load[a] < load[second]
                    || (load[a] == load[second] && paired[first][a] < paired[first][second])) {
                    second = a;
                }
            }
            readers.push_back(second);
            ++paired[first][second];
            ++paired[second][first];
        }
        for (const std::size_t reader : readers) {
            for (const std::int64_t studyId : unit.studyIds) {
                assignments.push_back({ studyId, reader, unit.doubleRead, nextPosition[reader]++ });
            }
            load[reader] += unit.studyIds.size();
        }
    }
    return assignments;
}

// Removes a half-written annotator file (and what SQLite and the writer lock leave beside it) unless released.
class PartialFiles {
public:
    ~PartialFiles()
    {
        if (m_released) {
            return;
        }
        std::error_code error;
        for (const std::string& path : m_paths) {
            for (const char* suffix : { "", "-journal", "-wal", "-shm", ".lock" }) {
                fs::remove(path + suffix, error);
            }
        }
    }
    void add(const std::string& path) { m_paths.push_back(path); }
    void release() { m_released = true; }

private:
    std::vector<std::string> m_paths;
    bool m_released = false;
};

// The team_identity row (schema 7) of the team project or of an annotator's file.
void insertTeamIdentity(sqlite3* database, const std::string& path, const TeamIdentity& identity)
{
    SqliteStatement insert(database, path, R"(INSERT INTO team_identity(singleton, team_uuid, file_uuid, file_role,
        annotator_name, created_ms) VALUES (1, ?, ?, ?, ?, ?))");
    insert.bind(1, identity.teamUuid);
    insert.bind(2, identity.fileUuid);
    insert.bind(3, identity.fileRole);
    insert.bind(4, identity.annotatorName);
    insert.bind(5, identity.createdMs);
    insert.run();
}

// A team_splits row (schema 7) of `options` (out_dir is options.outDir): in the team project numbered by SQLite
// (`id` 0) and naming every annotator, in an annotator's file row 1 naming that annotator alone.
void insertTeamSplit(sqlite3* database, const std::string& path, std::int64_t id, const TeamSplitOptions& options,
    const std::string& annotators, std::int64_t splitMs)
{
    SqliteStatement split(database, path, R"(INSERT INTO team_splits(id, seed, double_read_fraction, unit, annotators,
        out_dir, split_ms) VALUES (?, ?, ?, ?, ?, ?, ?))");
    if (id != 0) {
        split.bind(1, id);
    } else {
        split.bindNull(1);
    }
    split.bind(2, static_cast<std::int64_t>(options.seed));
    split.bind(3, options.doubleReadFraction);
    split.bindText(4, options.byPatient ? "patient" : "study");
    split.bind(5, annotators);
    split.bind(6, options.outDir);
    split.bind(7, splitMs);
    split.run();
}

void writeAnnotatorFile(const ProjectStore& team, const std::string& path, const std::string& annotator,
    const std::vector<Assignment>& mine, const TeamIdentity& teamId, const std::string& fileUuid,
    const TeamSplitOptions& options, const std::string& imageRootFolder, std::int64_t nowMs, TeamSplitFile& summary)
{
    auto file = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
    const std::string& filePath = file->path();
    sqlite3* database = file->connection();
    {
        AttachedFile source(*file, team.path(), "team");
        DeferredTransaction transaction(*file);
        executeSql(database, filePath, "CREATE TEMP TABLE assigned (study_ref INTEGER PRIMARY KEY)");
        {
            SqliteStatement insert(database, filePath, "INSERT INTO temp.assigned(study_ref) VALUES (?)");
            for (const Assignment& assignment : mine) {
                insert.reset();
                insert.bind(1, assignment.studyId);
                insert.run();
            }
        }
        // The studies with their images' rows; the report texts and proposals (what the reader labels from); the
        // label schema, lesion types and other settings; saliency maps with their checks but no verdicts. No
        // marks, decisions or verdicts of anyone: the reading is blinded.
        executeSql(database, filePath, R"(
            INSERT INTO main.patients SELECT * FROM team.patients WHERE id IN
                (SELECT patient_ref FROM team.studies WHERE id IN (SELECT study_ref FROM temp.assigned));
            INSERT INTO main.studies SELECT * FROM team.studies WHERE id IN (SELECT study_ref FROM temp.assigned);
            INSERT INTO main.series SELECT * FROM team.series WHERE study_ref IN (SELECT study_ref FROM temp.assigned);
            INSERT INTO main.instance_series_values SELECT * FROM team.instance_series_values
                WHERE series_ref IN (SELECT id FROM main.series);
            INSERT INTO main.instance_folders SELECT * FROM team.instance_folders WHERE id IN
                (SELECT folder_ref FROM team.instances WHERE series_ref IN (SELECT id FROM main.series));
            INSERT INTO main.instances SELECT * FROM team.instances WHERE series_ref IN (SELECT id FROM main.series);
            INSERT INTO main.reports SELECT * FROM team.reports WHERE study_ref IN (SELECT study_ref FROM temp.assigned);
            INSERT INTO main.label_proposals SELECT * FROM team.label_proposals
                WHERE study_ref IN (SELECT study_ref FROM temp.assigned);
            INSERT INTO main.label_schemas SELECT * FROM team.label_schemas;
            INSERT INTO main.saliency_maps SELECT * FROM team.saliency_maps WHERE series_ref IN (SELECT id FROM main.series);
            INSERT INTO main.saliency_checks SELECT * FROM team.saliency_checks
                WHERE map_ref IN (SELECT id FROM main.saliency_maps);
            INSERT INTO main.project_settings SELECT * FROM team.project_settings
                WHERE key NOT IN ('default_author_name', 'default_author_role', 'image_root');
            DROP TABLE temp.assigned;)");
        SqliteStatement setting(database, filePath,
            "INSERT INTO project_settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        for (const auto& [key, value] : { std::pair<std::string, std::string> { "default_author_name", annotator },
                 { "default_author_role", options.annotatorRole }, { "image_root", imageRootFolder } }) {
            if (value.empty()) {
                continue;
            }
            setting.reset();
            setting.bind(1, key);
            setting.bind(2, value);
            setting.run();
        }
        insertTeamIdentity(
            database, filePath, TeamIdentity { teamId.teamUuid, fileUuid, "annotator", annotator, nowMs });
        SqliteStatement member(
            database, filePath, "INSERT INTO team_annotators(id, name, file_uuid, added_ms) VALUES (1, ?, ?, ?)");
        member.bind(1, annotator);
        member.bind(2, fileUuid);
        member.bind(3, nowMs);
        member.run();
        insertTeamSplit(database, filePath, 1, options, annotator, nowMs);
        // The annotator is not told which studies are read twice.
        SqliteStatement assignment(database, filePath, R"(INSERT INTO team_assignments(study_ref, annotator_ref,
            split_ref, double_read, position) VALUES (?, 1, 1, 0, ?))");
        for (const Assignment& item : mine) {
            assignment.reset();
            assignment.bind(1, item.studyId);
            assignment.bind(2, item.position);
            assignment.run();
        }
        transaction.commit();
    }
    summary.studies = mine.size();
    summary.instances = static_cast<std::size_t>(queryInteger(*file, "SELECT COUNT(*) FROM instances"));
    const std::string lockPath = ProjectWriterLock::lockFilePath(filePath);
    file.reset();
    std::error_code error;
    fs::remove(lockPath, error); // made by this open; the file is handed out without it
}

} // namespace

TeamSplitResult splitTeamProject(ProjectStore& project, const TeamSplitOptions& options)
{
    checkAnnotatorNames(options.annotators);
    if (!(options.doubleReadFraction >= 0.0 && options.doubleReadFraction <= 1.0)) {
        throw ProjectError("--double-read must be a fraction between 0 and 1");
    }
    if (options.annotatorRole != "trainee" && options.annotatorRole != "radiologist") {
        // Reviewer is the adjudicator's role: an annotator's answers must not pass for adjudicated ones.
        throw ProjectError("the annotators' role must be trainee or radiologist, not '" + options.annotatorRole + "'");
    }
    if (options.doubleReadFraction > 0.0 && options.annotators.size() < 2) {
        throw ProjectError("double reading needs at least two annotators");
    }
    if (project.isReadOnly()) {
        throw ProjectError(
            project.path() + ": cannot split: the project is open read-only (" + project.readOnlyReason() + ")");
    }
    const auto existing = teamIdentity(project);
    if (existing && existing->isAnnotatorFile()) {
        throw ProjectError(project.path() + ": is the annotator file of " + existing->annotatorName
            + ", not a team project: split the team project");
    }
    if (options.outDir.empty()) {
        throw ProjectError("no output folder given (--out DIR)");
    }
    std::error_code error;
    const fs::path outDir = fs::absolute(options.outDir, error).lexically_normal();
    fs::create_directories(outDir, error);
    if (!fs::is_directory(outDir)) {
        throw ProjectError(outDir.string() + ": cannot create the output folder"
            + (error ? " (" + error.message() + ")" : std::string {}));
    }
    std::vector<std::string> paths;
    for (const std::string& annotator : options.annotators) {
        const std::string path = (outDir / (annotator + ".radmark")).string();
        if (fs::exists(fs::symlink_status(path, error))) {
            throw ProjectError(path + ": already exists; an annotator file is never replaced (choose another --out)");
        }
        paths.push_back(path);
    }
    // Names given before (an earlier split) keep their row; the others must not clash with them ignoring case.
    std::vector<Unit> units = unassignedUnits(project, options.byPatient, options.seed);
    if (units.empty()) {
        throw ProjectError(project.path()
            + ": every study is already assigned to an annotator (import new studies "
              "to split them)");
    }
    std::vector<Assignment> assignments = assign(units, options.annotators.size(), options.doubleReadFraction);

    const std::int64_t nowMs = annotation::systemTimeMs();
    TeamIdentity identity = existing.value_or(TeamIdentity { newUuid(), newUuid(), "team", "", nowMs });
    const std::string rootFolder = imageRoot(project);
    TeamSplitResult result;
    result.imageRoot = rootFolder;
    std::set<std::int64_t> studies;
    std::set<std::int64_t> doubleStudies;
    for (const Assignment& assignment : assignments) {
        studies.insert(assignment.studyId);
        if (assignment.doubleRead) {
            doubleStudies.insert(assignment.studyId);
        }
    }
    result.studies = studies.size();
    result.doubleReadStudies = doubleStudies.size();

    TeamSplitOptions recorded = options;
    recorded.outDir = outDir.string();
    PartialFiles partial;
    std::vector<std::string> fileUuids;
    for (std::size_t index = 0; index < options.annotators.size(); ++index) {
        std::vector<Assignment> mine;
        for (const Assignment& assignment : assignments) {
            if (assignment.annotator == index) {
                mine.push_back(assignment);
            }
        }
        TeamSplitFile summary;
        summary.annotator = options.annotators[index];
        summary.path = paths[index];
        summary.doubleReadStudies = static_cast<std::size_t>(
            std::count_if(mine.begin(), mine.end(), [](const Assignment& a) { return a.doubleRead; }));
        fileUuids.push_back(newUuid());
        partial.add(paths[index]);
        writeAnnotatorFile(project, paths[index], options.annotators[index], mine, identity, fileUuids.back(), recorded,
            rootFolder, nowMs, summary);
        result.files.push_back(summary);
    }

    // The assignment recorded in the team project, all or nothing.
    sqlite3* database = project.connection();
    SqliteTransaction transaction(database, project.path());
    if (!existing) {
        insertTeamIdentity(database, project.path(), identity);
    }
    std::string names;
    for (const std::string& annotator : options.annotators) {
        names += (names.empty() ? "" : ",") + annotator;
    }
    insertTeamSplit(database, project.path(), 0, recorded, names, nowMs);
    result.splitId = queryInteger(project, "SELECT last_insert_rowid()");
    std::vector<std::int64_t> annotatorIds;
    for (std::size_t index = 0; index < options.annotators.size(); ++index) {
        SqliteStatement member(database, project.path(), R"(INSERT INTO team_annotators(name, file_uuid, added_ms)
            VALUES (?1, ?2, ?3) ON CONFLICT(name) DO UPDATE SET file_uuid = excluded.file_uuid)");
        member.bind(1, options.annotators[index]);
        member.bind(2, fileUuids[index]);
        member.bind(3, nowMs);
        member.run();
        SqliteStatement id(database, project.path(), "SELECT id FROM team_annotators WHERE name = ?");
        id.bind(1, options.annotators[index]);
        id.step();
        annotatorIds.push_back(id.int64(0));
    }
    SqliteStatement insert(database, project.path(), R"(INSERT INTO team_assignments(study_ref, annotator_ref,
        split_ref, double_read, position) VALUES (?, ?, ?, ?, ?))");
    for (const Assignment& assignment : assignments) {
        insert.reset();
        insert.bind(1, assignment.studyId);
        insert.bind(2, annotatorIds[assignment.annotator]);
        insert.bind(3, result.splitId);
        insert.bind(4, assignment.doubleRead ? 1 : 0);
        insert.bind(5, assignment.position);
        insert.run();
    }
    transaction.commit();
    partial.release();
    return result;
}

} // namespace radmark::storage
