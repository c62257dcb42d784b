// Team identity, annotators and the annotator's work list (schema 7 tables team_*).
#include "radmark/storage/team/TeamStore.h"

#include "radmark/annotation/reports/LabelSchema.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "team/TeamSql.h"

#include <unordered_map>

namespace radmark::storage {

namespace {

// Label names of the project's current schema; empty when it has none (or it no longer parses).
std::vector<std::string> currentSchemaLabels(const ProjectStore& project)
{
    SqliteStatement query(
        project.connection(), project.path(), "SELECT json_text FROM label_schemas ORDER BY revision DESC LIMIT 1");
    std::vector<std::string> names;
    if (!query.step()) {
        return names;
    }
    try {
        for (const auto& label : annotation::parseLabelSchema(query.text(0), project.path()).labels) {
            names.push_back(label.name);
        }
    } catch (const std::exception&) {
        names.clear();
    }
    return names;
}

} // namespace

std::optional<TeamIdentity> teamIdentity(const ProjectStore& project)
{
    SqliteStatement query(project.connection(), project.path(),
        "SELECT team_uuid, file_uuid, file_role, annotator_name, created_ms FROM team_identity");
    if (!query.step()) {
        return std::nullopt;
    }
    return TeamIdentity { query.text(0), query.text(1), query.text(2), query.text(3), query.int64(4) };
}

std::vector<TeamAnnotator> teamAnnotators(const ProjectStore& project)
{
    SqliteStatement query(project.connection(), project.path(), "SELECT id, name FROM team_annotators ORDER BY id");
    return readRows(query, [](SqliteStatement& row) { return TeamAnnotator { row.int64(0), row.text(1) }; });
}

std::vector<WorkItem> workList(const ProjectStore& project, const std::string& annotator)
{
    const auto identity = teamIdentity(project);
    if (!identity) {
        throw ProjectError(project.path() + ": not a team project (no `radmark team split` was run on it)");
    }
    const bool annotatorFile = identity->isAnnotatorFile();
    const std::string name = annotator.empty() ? identity->annotatorName : annotator;
    if (name.empty()) {
        throw ProjectError(project.path() + ": a team project: name the annotator whose work list to show");
    }
    SqliteStatement annotatorRow(project.connection(), project.path(), "SELECT id FROM team_annotators WHERE name = ?");
    annotatorRow.bind(1, name);
    if (!annotatorRow.step()) {
        throw ProjectError(project.path() + ": no annotator '" + name + "' in this team project");
    }
    const std::int64_t annotatorId = annotatorRow.int64(0);

    const std::vector<std::string> labels = currentSchemaLabels(project);
    std::unordered_map<std::string, std::size_t> labelIndex;
    for (std::size_t index = 0; index < labels.size(); ++index) {
        labelIndex.emplace(labels[index], index);
    }

    SqliteStatement items(project.connection(), project.path(), R"(SELECT s.id, s.study_uid, s.accession_number,
        s.study_description, a.double_read FROM team_assignments a JOIN studies s ON s.id = a.study_ref
        WHERE a.annotator_ref = ? ORDER BY a.position, s.id)");
    items.bind(1, annotatorId);
    std::vector<WorkItem> list = readRows(items, [&](SqliteStatement& row) {
        WorkItem item;
        item.studyId = row.int64(0);
        item.studyUid = row.text(1);
        item.accessionNumber = row.text(2);
        item.studyDescription = row.text(3);
        item.doubleRead = row.int64(4) != 0;
        item.labelsTotal = labels.size();
        return item;
    });
    std::unordered_map<std::int64_t, std::size_t> position;
    for (std::size_t index = 0; index < list.size(); ++index) {
        position.emplace(list[index].studyId, index);
    }
    // Distinct labels decided (in force) per study, and the study's marks; ?1 = author, ?2 = 1 for any author.
    SqliteStatement decided(project.connection(), project.path(), R"(SELECT d.study_ref, d.label_name
        FROM label_decisions d JOIN team_assignments a ON a.study_ref = d.study_ref AND a.annotator_ref = ?3
        WHERE d.undone_ms IS NULL AND (?2 = 1 OR d.author_name = ?1) GROUP BY d.study_ref, d.label_name)");
    decided.bind(1, name);
    decided.bind(2, annotatorFile ? 1 : 0);
    decided.bind(3, annotatorId);
    std::unordered_map<std::int64_t, std::size_t> anyDecision;
    while (decided.step()) {
        const auto found = position.find(decided.int64(0));
        if (found == position.end()) {
            continue;
        }
        ++anyDecision[found->first];
        if (labelIndex.count(decided.text(1)) != 0) {
            ++list[found->second].labelsDecided;
        }
    }
    SqliteStatement marks(project.connection(), project.path(), R"(SELECT se.study_ref, COUNT(*)
        FROM marks m JOIN series se ON se.series_uid = m.series_uid
        JOIN team_assignments a ON a.study_ref = se.study_ref AND a.annotator_ref = ?3
        WHERE ?2 = 1 OR m.author_name = ?1 GROUP BY se.study_ref)");
    marks.bind(1, name);
    marks.bind(2, annotatorFile ? 1 : 0);
    marks.bind(3, annotatorId);
    while (marks.step()) {
        const auto found = position.find(marks.int64(0));
        if (found != position.end()) {
            list[found->second].marks = static_cast<std::size_t>(marks.int64(1));
        }
    }
    for (WorkItem& item : list) {
        item.done = labels.empty() ? (anyDecision.count(item.studyId) != 0 || item.marks > 0)
                                   : item.labelsDecided >= item.labelsTotal;
    }
    return list;
}

} // namespace radmark::storage
