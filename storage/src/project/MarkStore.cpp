#include "radmark/storage/project/MarkStore.h"

#include "project/MarkHistoryIds.h"
#include "project/MarkRows.h"
#include "project/SqliteStatement.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <sqlite3.h>

namespace radmark::storage {

namespace {

using namespace annotation;

constexpr char selectAllMarks[] = R"(SELECT mark_id, series_uid, sop_instance_uid, frame_index, slice_index,
    pixel_spacing_column_mm, pixel_spacing_row_mm, plane_lps_mm, shape_kind, shape_px, shape_lps_mm,
    first_slice_index, last_slice_index, lesion_type, note, author_name, author_role, created_ms, modified_ms,
    derived_from_mark_id FROM marks ORDER BY created_ms, rowid)";

constexpr char selectSeriesMarks[] = R"(SELECT mark_id, series_uid, sop_instance_uid, frame_index, slice_index,
    pixel_spacing_column_mm, pixel_spacing_row_mm, plane_lps_mm, shape_kind, shape_px, shape_lps_mm,
    first_slice_index, last_slice_index, lesion_type, note, author_name, author_role, created_ms, modified_ms,
    derived_from_mark_id FROM marks WHERE series_uid = ? ORDER BY created_ms, rowid)";

constexpr char upsertMarkSql[] = R"(INSERT INTO marks(mark_id, series_uid, sop_instance_uid, frame_index,
    slice_index, pixel_spacing_column_mm, pixel_spacing_row_mm, plane_lps_mm, shape_kind, shape_px, shape_lps_mm,
    first_slice_index, last_slice_index, lesion_type, note, author_name, author_role, created_ms, modified_ms,
    derived_from_mark_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
    ?19, ?20)
    ON CONFLICT(mark_id) DO UPDATE SET series_uid = ?2, sop_instance_uid = ?3, frame_index = ?4, slice_index = ?5,
    pixel_spacing_column_mm = ?6, pixel_spacing_row_mm = ?7, plane_lps_mm = ?8, shape_kind = ?9, shape_px = ?10,
    shape_lps_mm = ?11, first_slice_index = ?12, last_slice_index = ?13, lesion_type = ?14, note = ?15,
    author_name = ?16, author_role = ?17, created_ms = ?18, modified_ms = ?19, derived_from_mark_id = ?20)";

constexpr char deleteMarkSql[] = "DELETE FROM marks WHERE mark_id = ?";

constexpr char insertHistorySql[] = R"(INSERT INTO mark_history(origin, command_kind, description, author_name,
    author_role, time_ms, mark_ids) VALUES (?, ?, ?, ?, ?, ?, ?))";

constexpr char updateHistorySql[] = R"(UPDATE mark_history SET command_kind = ?, description = ?, author_name = ?,
    author_role = ?, time_ms = ?, mark_ids = ? WHERE id = ?)";

constexpr char selectSettingSql[] = "SELECT value FROM project_settings WHERE key = ?";
constexpr char putSettingSql[] = R"(INSERT INTO project_settings(key, value) VALUES (?1, ?2)
    ON CONFLICT(key) DO UPDATE SET value = ?2)";

PixelPoint pointAt(const std::vector<double>& numbers, std::size_t index)
{
    return { numbers[index], numbers[index + 1] };
}

Vector3 vectorAt(const std::vector<double>& numbers, std::size_t index)
{
    return { numbers[index], numbers[index + 1], numbers[index + 2] };
}

template <typename Enum, typename Namer> Enum parseEnum(const std::string& text, Namer namer, int count, Enum fallback)
{
    for (int value = 0; value < count; ++value) {
        if (text == namer(static_cast<Enum>(value))) {
            return static_cast<Enum>(value);
        }
    }
    return fallback;
}

} // namespace

MarkStore::MarkStore(ProjectStore& project)
    : m_project(project)
{
    if (m_project.schemaVersion() < 2) {
        throw ProjectError(m_project.path() + ": has no lesion mark tables (schema "
            + std::to_string(m_project.schemaVersion()) + ")");
    }
}

MarkStore::~MarkStore() = default;

SqliteStatement& MarkStore::statement(const char* sql) const
{
    return m_project.statement(sql);
}

void MarkStore::requireWritable(const std::string& action) const
{
    m_project.requireWritable(action);
}

std::vector<LesionMark> MarkStore::loadMarks() const
{
    return readMarks(statement(selectAllMarks));
}

std::vector<LesionMark> MarkStore::loadMarks(const std::string& seriesUid) const
{
    SqliteStatement& query = statement(selectSeriesMarks);
    query.bind(1, seriesUid);
    return readMarks(query);
}

std::int64_t MarkStore::markCount() const
{
    SqliteStatement& query = statement("SELECT COUNT(*) FROM marks");
    const std::int64_t count = query.step() ? query.int64(0) : 0;
    query.reset();
    return count;
}

std::vector<LesionMark> MarkStore::readMarks(SqliteStatement& query) const
{
    std::vector<LesionMark> marks;
    while (query.step()) {
        LesionMark mark;
        mark.id = query.text(0);
        const std::string context = m_project.path() + ": mark " + mark.id;
        mark.slice.seriesUid = query.text(1);
        mark.slice.sopInstanceUid = query.text(2);
        mark.slice.frameIndex = query.integer(3);
        mark.slice.sliceIndex = query.integer(4);
        mark.plane.spacing.columnMm = query.real(5);
        mark.plane.spacing.rowMm = query.real(6);
        const auto plane = parseNumberArray(query.text(7), 9, context + " plane_lps_mm");
        mark.plane.originLpsMm = vectorAt(plane, 0);
        mark.plane.rowDirectionLps = vectorAt(plane, 3);
        mark.plane.columnDirectionLps = vectorAt(plane, 6);
        const std::string kind = query.text(8);
        if (kind == "recist") {
            const auto pixels = parseNumberArray(query.text(9), 8, context + " shape_px");
            const auto patient = parseNumberArray(query.text(10), 12, context + " shape_lps_mm");
            RecistMark recist;
            recist.longAxisPx = { pointAt(pixels, 0), pointAt(pixels, 2) };
            recist.shortAxisPx = { pointAt(pixels, 4), pointAt(pixels, 6) };
            recist.longAxisLpsMm = { vectorAt(patient, 0), vectorAt(patient, 3) };
            recist.shortAxisLpsMm = { vectorAt(patient, 6), vectorAt(patient, 9) };
            mark.shape = recist;
        } else {
            const auto pixels = parseNumberArray(query.text(9), 4, context + " shape_px");
            const PixelBox box { pixels[0], pixels[1], pixels[2], pixels[3] };
            if (kind == "line") {
                mark.shape = LineMark { { pointAt(pixels, 0), pointAt(pixels, 2) } };
            } else if (kind == "box2d") {
                mark.shape = Box2dMark { box };
            } else if (kind == "box3d") {
                mark.shape = Box3dMark { box, query.integer(11), query.integer(12) };
            } else {
                throw ProjectError(context + ": unknown shape kind '" + kind + "'");
            }
        }
        mark.lesionType = query.integer(13);
        mark.note = query.text(14);
        mark.author.name = query.text(15);
        mark.author.role = parseAuthorRole(query.text(16)).value_or(AuthorRole::Radiologist);
        mark.createdMs = query.int64(17);
        mark.modifiedMs = query.int64(18);
        if (!query.isNull(19)) {
            mark.derivedFromRecistId = query.text(19);
        }
        marks.push_back(std::move(mark));
    }
    query.reset();
    return marks;
}

void MarkStore::upsertMark(const LesionMark& mark)
{
    const MarkGeometryText geometry = encodeMarkGeometry(mark);
    const std::string kind = shapeKindName(mark.shape);
    const std::string role = authorRoleName(mark.author.role);
    SqliteStatement& upsert = statement(upsertMarkSql);
    upsert.bind(1, mark.id);
    upsert.bind(2, mark.slice.seriesUid);
    upsert.bind(3, mark.slice.sopInstanceUid);
    upsert.bind(4, mark.slice.frameIndex);
    upsert.bind(5, mark.slice.sliceIndex);
    upsert.bind(6, mark.plane.spacing.columnMm);
    upsert.bind(7, mark.plane.spacing.rowMm);
    upsert.bind(8, geometry.planeLpsMm);
    upsert.bind(9, kind);
    upsert.bind(10, geometry.shapePx);
    upsert.bind(11, geometry.shapeLpsMm);
    if (const auto* box3d = std::get_if<Box3dMark>(&mark.shape)) {
        upsert.bind(12, box3d->firstSliceIndex);
        upsert.bind(13, box3d->lastSliceIndex);
    } else {
        upsert.bindNull(12);
        upsert.bindNull(13);
    }
    upsert.bind(14, mark.lesionType);
    upsert.bind(15, mark.note);
    upsert.bind(16, mark.author.name);
    upsert.bind(17, role);
    upsert.bind(18, static_cast<std::int64_t>(mark.createdMs));
    upsert.bind(19, static_cast<std::int64_t>(mark.modifiedMs));
    if (mark.derivedFromRecistId) {
        upsert.bind(20, *mark.derivedFromRecistId);
    } else {
        upsert.bindNull(20);
    }
    upsert.run();
}

void MarkStore::applyChange(const DocumentChange& change, const AnnotationDocument& document)
{
    if (change.origin == ChangeOrigin::Reset) {
        return;
    }
    requireWritable("save the lesion marks");
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    for (const auto* ids : { &change.added, &change.modified }) {
        for (const MarkId& id : *ids) {
            if (const LesionMark* mark = document.find(id)) {
                upsertMark(*mark);
            }
        }
    }
    for (const MarkId& id : change.removed) {
        SqliteStatement& remove = statement(deleteMarkSql);
        remove.bind(1, id);
        remove.run();
    }
    writeHistory(change);
    transaction.commit();
}

void MarkStore::writeHistory(const DocumentChange& change)
{
    if (!change.history) {
        return;
    }
    const HistoryEntry& entry = *change.history;
    const std::string kind = commandKindName(entry.kind);
    const std::string role = authorRoleName(entry.author.role);
    const std::string ids = markIdsJson(entry.markIds);
    if (change.mergedIntoPrevious && m_lastHistoryRowId != 0) {
        SqliteStatement& update = statement(updateHistorySql);
        update.bind(1, kind);
        update.bind(2, entry.description);
        update.bind(3, entry.author.name);
        update.bind(4, role);
        update.bind(5, static_cast<std::int64_t>(entry.timeMs));
        update.bind(6, ids);
        update.bind(7, m_lastHistoryRowId);
        update.run();
        return;
    }
    const std::string origin = changeOriginName(entry.origin);
    SqliteStatement& insert = statement(insertHistorySql);
    insert.bind(1, origin);
    insert.bind(2, kind);
    insert.bind(3, entry.description);
    insert.bind(4, entry.author.name);
    insert.bind(5, role);
    insert.bind(6, static_cast<std::int64_t>(entry.timeMs));
    insert.bind(7, ids);
    insert.run();
    m_lastHistoryRowId = sqlite3_last_insert_rowid(m_project.connection());
}

std::vector<HistoryEntry> MarkStore::loadHistory() const
{
    SqliteStatement& query
        = statement("SELECT id, origin, command_kind, description, author_name, author_role, time_ms, mark_ids "
                    "FROM mark_history ORDER BY id");
    std::vector<HistoryEntry> entries;
    while (query.step()) {
        HistoryEntry entry;
        entry.sequence = query.int64(0);
        entry.origin = parseEnum(query.text(1), changeOriginName, 4, ChangeOrigin::Execute);
        entry.kind = parseEnum(query.text(2), commandKindName, 8, CommandKind::AddMark);
        entry.description = query.text(3);
        entry.author.name = query.text(4);
        entry.author.role = parseAuthorRole(query.text(5)).value_or(AuthorRole::Radiologist);
        entry.timeMs = query.int64(6);
        entry.markIds = parseMarkIds(query.text(7));
        entries.push_back(std::move(entry));
    }
    query.reset();
    return entries;
}

std::optional<std::string> MarkStore::setting(const std::string& key) const
{
    SqliteStatement& query = statement(selectSettingSql);
    query.bind(1, key);
    std::optional<std::string> value;
    if (query.step()) {
        value = query.text(0);
    }
    query.reset();
    return value;
}

void MarkStore::putSetting(const std::string& key, const std::string& value)
{
    requireWritable("save the setting " + key);
    SqliteStatement& put = statement(putSettingSql);
    put.bind(1, key);
    put.bind(2, value);
    put.run();
}

LesionTypeList MarkStore::lesionTypes() const
{
    if (!setting("lesion_types")) {
        return LesionTypeList::deepLesionDefaults();
    }
    // SQLite's JSON functions read the list written by setLesionTypes.
    SqliteStatement& query = statement("SELECT json_extract(item.value, '$.code'), json_extract(item.value, '$.name') "
                                       "FROM project_settings, json_each(project_settings.value) AS item "
                                       "WHERE project_settings.key = 'lesion_types' ORDER BY item.key");
    LesionTypeList types;
    while (query.step()) {
        const int code = query.integer(0);
        const std::string name = query.text(1);
        if (!types.contains(code)) {
            types.add(code, name);
        } else {
            types.rename(code, name);
        }
    }
    query.reset();
    return types;
}

void MarkStore::setLesionTypes(const LesionTypeList& types)
{
    requireWritable("save the lesion types");
    std::string json = "[";
    for (const LesionType& type : types.types()) {
        json += (json.size() > 1 ? "," : "");
        json += "{\"code\":" + std::to_string(type.code) + ",\"name\":" + jsonString(type.name) + "}";
    }
    json += "]";
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    putSetting("lesion_types", json);
    transaction.commit();
}

std::optional<Author> MarkStore::defaultAuthor() const
{
    const auto name = setting("default_author_name");
    if (!name) {
        return std::nullopt;
    }
    const auto role = setting("default_author_role");
    return Author { *name, parseAuthorRole(role.value_or("")).value_or(AuthorRole::Radiologist) };
}

void MarkStore::setDefaultAuthor(const Author& author)
{
    requireWritable("save the default author");
    SqliteTransaction transaction(m_project.connection(), m_project.path());
    putSetting("default_author_name", author.name);
    putSetting("default_author_role", authorRoleName(author.role));
    transaction.commit();
}

} // namespace radmark::storage
