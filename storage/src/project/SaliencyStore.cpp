#include "radmark/storage/project/SaliencyStore.h"

#include "project/SqliteStatement.h"
#include "project/migrations/SaliencyFileValuesMigration.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <sqlite3.h>

namespace radmark::storage {

namespace {

using namespace annotation;

constexpr char selectAllMaps[] = R"(SELECT m.id, s.series_uid, st.study_uid, st.accession_number, m.map_path, m.model,
    m.target, m.score, m.method, m.slice_index, m.imported_ms FROM saliency_maps m
    JOIN series s ON s.id = m.series_ref JOIN studies st ON st.id = s.study_ref
    ORDER BY st.study_uid, s.series_uid, m.model, m.target, m.id)";
constexpr char selectSeriesMaps[]
    = R"(SELECT m.id, s.series_uid, st.study_uid, st.accession_number, m.map_path, m.model,
    m.target, m.score, m.method, m.slice_index, m.imported_ms FROM saliency_maps m
    JOIN series s ON s.id = m.series_ref JOIN studies st ON st.id = s.study_ref
    WHERE s.series_uid = ? ORDER BY m.model, m.target, m.id)";
constexpr char selectOneMap[] = R"(SELECT m.id, s.series_uid, st.study_uid, st.accession_number, m.map_path, m.model,
    m.target, m.score, m.method, m.slice_index, m.imported_ms FROM saliency_maps m
    JOIN series s ON s.id = m.series_ref JOIN studies st ON st.id = s.study_ref WHERE m.id = ?)";
constexpr char selectSeriesId[] = "SELECT id FROM series WHERE series_uid = ?";
constexpr char selectExistingMap[]
    = "SELECT id FROM saliency_maps WHERE series_ref = ? AND map_path = ? AND model = ? AND target = ?";
constexpr char insertMap[] = R"(INSERT INTO saliency_maps(series_ref, map_path, model, target, score, method,
    slice_index, imported_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?))";
constexpr char updateMap[]
    = "UPDATE saliency_maps SET score = ?, method = ?, slice_index = ?, imported_ms = ? WHERE id = ?";
constexpr char insertReview[] = R"(INSERT INTO saliency_reviews(map_ref, verdict, note, reviewer_name, reviewer_role,
    reviewed_ms) VALUES (?, ?, ?, ?, ?, ?))";
constexpr char deleteReview[] = "DELETE FROM saliency_reviews WHERE id = ?";
constexpr char selectReviews[] = R"(SELECT map_ref, verdict, note, reviewer_name, reviewer_role, reviewed_ms
    FROM saliency_reviews WHERE map_ref = ? ORDER BY reviewed_ms, id)";
constexpr char selectLatestReview[] = R"(SELECT map_ref, verdict, note, reviewer_name, reviewer_role, reviewed_ms
    FROM saliency_reviews WHERE map_ref = ? ORDER BY reviewed_ms DESC, id DESC LIMIT 1)";
constexpr char upsertChecks[] = R"(INSERT INTO saliency_checks(map_ref, total_mass, peak_value, peak_i, peak_j, peak_k,
    inside_marks_fraction, peak_inside_mark, outside_body_fraction, text_or_corners_fraction, mark_count, grid,
    warnings, problem, computed_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
    ON CONFLICT(map_ref) DO UPDATE SET total_mass = ?2, peak_value = ?3, peak_i = ?4, peak_j = ?5, peak_k = ?6,
    inside_marks_fraction = ?7, peak_inside_mark = ?8, outside_body_fraction = ?9, text_or_corners_fraction = ?10,
    mark_count = ?11, grid = ?12, warnings = ?13, problem = ?14, computed_ms = ?15)";
constexpr char upsertFileValues[] = R"(INSERT INTO saliency_file_values(map_ref, file_size_bytes, file_modified_ns,
    nonfinite_count, negative_count, nonzero_count, minimum, maximum) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
    ON CONFLICT(map_ref) DO UPDATE SET file_size_bytes = ?2, file_modified_ns = ?3, nonfinite_count = ?4,
    negative_count = ?5, nonzero_count = ?6, minimum = ?7, maximum = ?8)";
constexpr char selectFileValues[] = R"(SELECT file_size_bytes, file_modified_ns, nonfinite_count, negative_count,
    nonzero_count, minimum, maximum FROM saliency_file_values WHERE map_ref = ?)";
constexpr char deleteFileValues[] = "DELETE FROM saliency_file_values WHERE map_ref = ?";
constexpr char selectChecks[] = R"(SELECT total_mass, peak_value, peak_i, peak_j, peak_k, inside_marks_fraction,
    peak_inside_mark, outside_body_fraction, text_or_corners_fraction, mark_count, grid, warnings, problem, computed_ms
    FROM saliency_checks WHERE map_ref = ?)";

SaliencyReview readReview(const SqliteStatement& row)
{
    SaliencyReview review;
    review.mapId = row.int64(0);
    review.verdict = parseSaliencyVerdict(row.text(1)).value_or(SaliencyVerdict::Unsure);
    review.note = row.text(2);
    review.reviewer.name = row.text(3);
    review.reviewer.role = parseAuthorRole(row.text(4)).value_or(AuthorRole::Reviewer);
    review.reviewedMs = row.int64(5);
    return review;
}

SaliencyMapRecord readMap(const SqliteStatement& row)
{
    SaliencyMapRecord map;
    map.id = row.int64(0);
    map.seriesUid = row.text(1);
    map.studyUid = row.text(2);
    map.accessionNumber = row.text(3);
    map.mapPath = row.text(4);
    map.model = row.text(5);
    map.target = row.text(6);
    map.score = row.optionalReal(7);
    map.method = row.text(8);
    map.sliceIndex = row.optionalInteger(9);
    map.importedMs = row.int64(10);
    return map;
}

StoredSaliencyChecks readStoredChecks(const SqliteStatement& row)
{
    StoredSaliencyChecks stored;
    stored.checks.totalMass = row.real(0);
    stored.checks.peakValue = row.real(1);
    stored.checks.peakI = row.integer(2);
    stored.checks.peakJ = row.integer(3);
    stored.checks.peakK = row.integer(4);
    stored.checks.massInsideMarksFraction = row.optionalReal(5);
    if (const auto hit = row.optionalInteger(6)) {
        stored.checks.peakInsideMark = *hit != 0;
    }
    stored.checks.massOutsideBodyFraction = row.optionalReal(7);
    stored.checks.massOnTextOrCornersFraction = row.optionalReal(8);
    stored.markCount = row.integer(9);
    stored.grid = row.text(10);
    stored.warnings = row.text(11);
    stored.problem = row.text(12);
    stored.computedMs = row.int64(13);
    return stored;
}

} // namespace

SaliencyStore::SaliencyStore(ProjectStore& project)
    : m_project(project)
{
    if (m_project.schemaVersion() < 4) {
        throw ProjectError(
            m_project.path() + ": has no saliency tables (schema " + std::to_string(m_project.schemaVersion()) + ")");
    }
}

SqliteStatement& SaliencyStore::statement(const char* sql) const
{
    return m_project.statement(sql);
}

std::int64_t SaliencyStore::putMap(const std::string& seriesUid, const SaliencyMapRecord& map, bool* added)
{
    m_project.requireWritable("add saliency maps");
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    SqliteStatement& series = statement(selectSeriesId).reset();
    series.bind(1, seriesUid);
    if (!series.step()) {
        throw ProjectError(m_project.path() + ": no series with UID " + seriesUid);
    }
    const std::int64_t seriesId = series.int64(0);
    series.reset();
    SqliteStatement& existing = statement(selectExistingMap).reset();
    existing.bind(1, seriesId);
    existing.bind(2, map.mapPath);
    existing.bind(3, map.model);
    existing.bind(4, map.target);
    const bool exists = existing.step();
    std::int64_t id = exists ? existing.int64(0) : 0;
    existing.reset();
    if (exists) {
        SqliteStatement& update = statement(updateMap).reset();
        update.bind(1, map.score);
        update.bind(2, map.method);
        update.bind(3, map.sliceIndex);
        update.bind(4, map.importedMs);
        update.bind(5, id);
        update.run();
    } else {
        SqliteStatement& insert = statement(insertMap).reset();
        insert.bind(1, seriesId);
        insert.bind(2, map.mapPath);
        insert.bind(3, map.model);
        insert.bind(4, map.target);
        insert.bind(5, map.score);
        insert.bind(6, map.method);
        insert.bind(7, map.sliceIndex);
        insert.bind(8, map.importedMs);
        insert.run();
        id = sqlite3_last_insert_rowid(m_project.connection());
    }
    transaction.commit();
    if (added != nullptr) {
        *added = !exists;
    }
    return id;
}

std::vector<SaliencyMapRecord> SaliencyStore::readMaps(SqliteStatement& query) const
{
    return readRows(query, readMap);
}

std::vector<SaliencyMapRecord> SaliencyStore::maps() const
{
    return readMaps(statement(selectAllMaps).reset());
}

std::vector<SaliencyMapRecord> SaliencyStore::maps(const std::string& seriesUid) const
{
    SqliteStatement& query = statement(selectSeriesMaps).reset();
    query.bind(1, seriesUid);
    return readMaps(query);
}

std::optional<SaliencyMapRecord> SaliencyStore::map(std::int64_t mapId) const
{
    SqliteStatement& query = statement(selectOneMap).reset();
    query.bind(1, mapId);
    std::vector<SaliencyMapRecord> found = readMaps(query);
    if (found.empty()) {
        return std::nullopt;
    }
    return found.front();
}

std::int64_t SaliencyStore::addReview(const SaliencyReview& review)
{
    m_project.requireWritable("save saliency reviews");
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    // Bound text must outlive the statement's step.
    const std::string verdict = saliencyVerdictName(review.verdict);
    const std::string role = authorRoleName(review.reviewer.role);
    SqliteStatement& insert = statement(insertReview).reset();
    insert.bind(1, review.mapId);
    insert.bind(2, verdict);
    insert.bind(3, review.note);
    insert.bind(4, review.reviewer.name);
    insert.bind(5, role);
    insert.bind(6, review.reviewedMs);
    insert.run();
    const std::int64_t id = sqlite3_last_insert_rowid(m_project.connection());
    transaction.commit();
    return id;
}

bool SaliencyStore::removeReview(std::int64_t reviewId)
{
    m_project.requireWritable("remove a saliency review");
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    SqliteStatement& remove = statement(deleteReview).reset();
    remove.bind(1, reviewId);
    remove.run();
    const bool removed = sqlite3_changes(m_project.connection()) > 0;
    transaction.commit();
    return removed;
}

std::optional<SaliencyReview> SaliencyStore::latestReview(std::int64_t mapId) const
{
    SqliteStatement& query = statement(selectLatestReview).reset();
    query.bind(1, mapId);
    return readFirstRow(query, readReview);
}

std::vector<SaliencyReview> SaliencyStore::reviews(std::int64_t mapId) const
{
    SqliteStatement& query = statement(selectReviews).reset();
    query.bind(1, mapId);
    return readRows(query, readReview);
}

void SaliencyStore::putChecks(std::int64_t mapId, const StoredSaliencyChecks& stored)
{
    m_project.requireWritable("save saliency checks");
    const SaliencyChecks& c = stored.checks;
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    SqliteStatement& upsert = statement(upsertChecks).reset();
    upsert.bind(1, mapId);
    upsert.bind(2, c.totalMass);
    upsert.bind(3, c.peakValue);
    upsert.bind(4, c.peakI);
    upsert.bind(5, c.peakJ);
    upsert.bind(6, c.peakK);
    upsert.bind(7, c.massInsideMarksFraction);
    upsert.bind(8, c.peakInsideMark ? std::optional<int>(*c.peakInsideMark ? 1 : 0) : std::nullopt);
    upsert.bind(9, c.massOutsideBodyFraction);
    upsert.bind(10, c.massOnTextOrCornersFraction);
    upsert.bind(11, stored.markCount);
    upsert.bind(12, stored.grid);
    upsert.bind(13, stored.warnings);
    upsert.bind(14, stored.problem);
    upsert.bind(15, stored.computedMs);
    upsert.run();
    if (!stored.problem.empty() && keepsFileValues()) {
        SqliteStatement& forget = statement(deleteFileValues).reset();
        forget.bind(1, mapId);
        forget.run();
    }
    transaction.commit();
}

bool SaliencyStore::keepsFileValues() const
{
    return m_project.schemaVersion() >= saliencyFileValuesSchemaVersion;
}

void SaliencyStore::putFileValues(std::int64_t mapId, const SaliencyFileValues& values)
{
    if (!keepsFileValues()) {
        return;
    }
    m_project.requireWritable("save saliency map values");
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    SqliteStatement& upsert = statement(upsertFileValues).reset();
    upsert.bind(1, mapId);
    upsert.bind(2, values.stamp.sizeBytes);
    upsert.bind(3, values.stamp.modifiedNs);
    upsert.bind(4, static_cast<std::int64_t>(values.summary.nonFiniteCount));
    upsert.bind(5, static_cast<std::int64_t>(values.summary.negativeCount));
    upsert.bind(6, static_cast<std::int64_t>(values.summary.nonZeroCount));
    upsert.bind(7, values.summary.minimum);
    upsert.bind(8, values.summary.maximum);
    upsert.run();
    transaction.commit();
}

std::optional<SaliencyFileValues> SaliencyStore::fileValues(std::int64_t mapId) const
{
    if (!keepsFileValues()) {
        return std::nullopt;
    }
    SqliteStatement& query = statement(selectFileValues).reset();
    query.bind(1, mapId);
    return readFirstRow(query, [](const SqliteStatement& row) {
        SaliencyFileValues values;
        values.stamp.sizeBytes = row.int64(0);
        values.stamp.modifiedNs = row.int64(1);
        values.summary.nonFiniteCount = static_cast<std::size_t>(row.int64(2));
        values.summary.negativeCount = static_cast<std::size_t>(row.int64(3));
        values.summary.nonZeroCount = static_cast<std::size_t>(row.int64(4));
        values.summary.minimum = row.real(5);
        values.summary.maximum = row.real(6);
        return values;
    });
}

std::optional<StoredSaliencyChecks> SaliencyStore::checks(std::int64_t mapId) const
{
    SqliteStatement& query = statement(selectChecks).reset();
    query.bind(1, mapId);
    return readFirstRow(query, readStoredChecks);
}

std::optional<SaliencyStore::RemovedMap> SaliencyStore::removeMap(std::int64_t mapId)
{
    m_project.requireWritable("remove saliency maps");
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    std::optional<SaliencyMapRecord> found = map(mapId);
    if (!found) {
        return std::nullopt;
    }
    RemovedMap removed;
    removed.map = std::move(*found);
    removed.reviews = static_cast<int>(reviews(mapId).size());
    removed.hadChecks = checks(mapId).has_value();
    for (const char* sql :
        { "DELETE FROM saliency_reviews WHERE map_ref = ?", "DELETE FROM saliency_checks WHERE map_ref = ?",
            deleteFileValues, "DELETE FROM saliency_maps WHERE id = ?" }) {
        if (sql == deleteFileValues && !keepsFileValues()) {
            continue;
        }
        SqliteStatement& remove = statement(sql).reset();
        remove.bind(1, mapId);
        remove.run();
    }
    transaction.commit();
    return removed;
}

} // namespace radmark::storage
