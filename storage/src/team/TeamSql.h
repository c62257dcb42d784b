#pragma once

#include "project/SqliteStatement.h"

#include <cstdint>
#include <string>

namespace radmark::storage {

class ProjectStore;

// Small helpers of the team files (split, merge, work list, relink) over a project's connection.
std::int64_t queryInteger(const ProjectStore& project, const std::string& sql);
std::string projectSetting(const ProjectStore& project, const std::string& key);
bool tableHasRows(const ProjectStore& project, const std::string& table);
std::string newUuid();

// A plain BEGIN (deferred: an ATTACHed file is only read and never locked for writing) that rolls back unless
// committed.
class DeferredTransaction {
public:
    explicit DeferredTransaction(const ProjectStore& project);
    ~DeferredTransaction();
    DeferredTransaction(const DeferredTransaction&) = delete;
    DeferredTransaction& operator=(const DeferredTransaction&) = delete;
    void commit();

private:
    const ProjectStore& m_project;
    bool m_finished = false;
};

// ATTACH of another project file as `name` for the lifetime of the object (outside any transaction).
class AttachedFile {
public:
    AttachedFile(const ProjectStore& project, const std::string& path, const std::string& name);
    ~AttachedFile();
    AttachedFile(const AttachedFile&) = delete;
    AttachedFile& operator=(const AttachedFile&) = delete;

private:
    const ProjectStore& m_project;
    std::string m_name;
};

} // namespace radmark::storage
