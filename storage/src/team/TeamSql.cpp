#include "team/TeamSql.h"

#include "radmark/annotation/MarkId.h"
#include "radmark/storage/ProjectStore.h"

#include <sqlite3.h>

namespace radmark::storage {

std::int64_t queryInteger(const ProjectStore& project, const std::string& sql)
{
    SqliteStatement query(project.connection(), project.path(), sql);
    const std::int64_t value = query.step() && !query.isNull(0) ? query.int64(0) : 0;
    query.reset();
    return value;
}

std::string projectSetting(const ProjectStore& project, const std::string& key)
{
    SqliteStatement query(project.connection(), project.path(), "SELECT value FROM project_settings WHERE key = ?");
    query.bind(1, key);
    std::string value = query.step() ? query.text(0) : std::string {};
    query.reset();
    return value;
}

bool tableHasRows(const ProjectStore& project, const std::string& table)
{
    return queryInteger(project, "SELECT EXISTS (SELECT 1 FROM " + table + ")") != 0;
}

std::string newUuid()
{
    static annotation::MarkIdGenerator generator;
    return generator.next();
}

DeferredTransaction::DeferredTransaction(const ProjectStore& project)
    : m_project(project)
{
    executeSql(project.connection(), project.path(), "BEGIN");
}

DeferredTransaction::~DeferredTransaction()
{
    if (!m_finished) {
        sqlite3_exec(m_project.connection(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void DeferredTransaction::commit()
{
    executeSql(m_project.connection(), m_project.path(), "COMMIT");
    m_finished = true;
}

AttachedFile::AttachedFile(const ProjectStore& project, const std::string& path, const std::string& name)
    : m_project(project)
    , m_name(name)
{
    SqliteStatement attach(project.connection(), project.path(), "ATTACH DATABASE ? AS " + name);
    attach.bind(1, path);
    attach.run();
}

AttachedFile::~AttachedFile()
{
    sqlite3_exec(m_project.connection(), ("DETACH DATABASE " + m_name).c_str(), nullptr, nullptr, nullptr);
}

} // namespace radmark::storage
