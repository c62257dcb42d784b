#include "importing/KnownFileStates.h"

#include "project/SqliteStatement.h"
#include "radmark/storage/project/ProjectStore.h"

#include <sqlite3.h>

#include <algorithm>
#include <functional>

namespace radmark::storage {

namespace {

std::uint64_t pathHash(std::string_view path)
{
    return static_cast<std::uint64_t>(std::hash<std::string_view> {}(path));
}

} // namespace

KnownFileStates::KnownFileStates(const ProjectStore& project)
{
    static constexpr char sql[] = R"(
        SELECT f.folder_path || i.file_name, i.file_size_bytes, i.file_modified_ns
          FROM instances i JOIN instance_folders f ON f.id = i.folder_ref
        UNION ALL
        SELECT file_path, file_size_bytes, file_modified_ns FROM skipped_files)";
    SqliteStatement query(project.connection(), project.path(), sql);
    while (query.step()) {
        const std::string path = query.text(0);
        m_entries.push_back(Entry { pathHash(path), State { query.int64(1), query.int64(2) } });
    }
    std::sort(m_entries.begin(), m_entries.end(),
        [](const Entry& left, const Entry& right) { return left.pathHash < right.pathHash; });
    m_entries.shrink_to_fit();
}

const KnownFileStates::State* KnownFileStates::find(std::string_view filePath) const
{
    const std::uint64_t hash = pathHash(filePath);
    const auto found = std::lower_bound(m_entries.begin(), m_entries.end(), hash,
        [](const Entry& entry, std::uint64_t value) { return entry.pathHash < value; });
    return found != m_entries.end() && found->pathHash == hash ? &found->state : nullptr;
}

} // namespace radmark::storage
