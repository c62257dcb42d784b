// `radmark labels PROJECT --study KEY --set LABEL=VALUE [--set ...] [--confirm] [--author NAME] [--role ROLE]`
// records human label decisions (as the GUI's label panel does); `--history` prints a study's decision trail.
#include "cli/CommandArguments.h"
#include "cli/OperatingSystemUser.h"
#include "cli/ProjectArgument.h"
#include "cli/ProjectLabels.h"

#include "labelling/LabelSchemaSource.h"
#include "radmark/annotation/CsvRecord.h"
#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/reports/LabelAnswer.h"
#include "radmark/storage/project/LabelAuditStore.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ReportStore.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <map>

namespace radmark::app {

namespace {

bool equalIgnoringCase(const std::string& a, const std::string& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

std::string valueCell(const std::optional<int>& value, const std::string& choice)
{
    return !choice.empty() ? choice : value ? std::to_string(*value) : std::string();
}

int printHistory(storage::ReportStore& reports, std::int64_t studyId)
{
    std::cout << "label,value,author,role,decided_ms,undone_ms,undone_by\n";
    for (const auto& record : reports.decisionHistory(studyId)) {
        const storage::LabelDecision& decision = record.decision;
        std::cout << annotation::joinCsvRecord({ decision.labelName, valueCell(decision.value, decision.choice),
            decision.authorName, decision.authorRole, std::to_string(decision.decidedMs),
            record.undoneMs != 0 ? std::to_string(record.undoneMs) : std::string(), record.undoneBy })
                  << "\n";
    }
    return 0;
}

} // namespace

annotation::Author decisionAuthor(const CommandArguments& parsed, storage::ProjectStore& project)
{
    std::optional<annotation::AuthorRole> role;
    if (const auto roleText = parsed.value("role")) {
        role = annotation::parseAuthorRole(*roleText);
        if (!role) {
            throw UsageError("--role must be trainee, radiologist or reviewer, not '" + *roleText + "'");
        }
    }
    storage::MarkStore marks(project);
    const std::optional<annotation::Author> projectDefault = marks.defaultAuthor();
    annotation::Author author;
    author.name = parsed.value("author").value_or(projectDefault ? projectDefault->name : operatingSystemUserName());
    author.role = role.value_or(projectDefault ? projectDefault->role : annotation::AuthorRole::Radiologist);
    return author;
}

int runLabelDecisionCommand(const CommandArguments& parsed)
{
    const auto studyKey = parsed.value("study");
    if (!studyKey) {
        throw UsageError("--study UID|ACCESSION is required with --set, --confirm and --history");
    }
    const bool history = parsed.has("history");
    if (history && (parsed.has("set") || parsed.has("confirm") || parsed.has("audit"))) {
        throw UsageError("--history lists decisions; it does not go with --set, --confirm or --audit");
    }
    if (const auto roleText = parsed.value("role"); roleText && !annotation::parseAuthorRole(*roleText)) {
        throw UsageError("--role must be trainee, radiologist or reviewer, not '" + *roleText + "'");
    }
    auto project = openProjectArgument(
        parsed, history ? storage::ProjectStore::OpenMode::ReadOnly : storage::ProjectStore::OpenMode::ReadWrite);
    storage::ReportStore reports(*project);
    const auto studyId = reports.findStudy(*studyKey);
    if (!studyId) {
        throw storage::ProjectError(
            project->path() + ": no study with Study Instance UID or accession number \"" + *studyKey + "\"");
    }
    if (history) {
        return printHistory(reports, *studyId);
    }
    if (project->isReadOnly()) {
        throw storage::ProjectError(project->path() + ": cannot record label decisions: the project is read-only ("
            + project->readOnlyReason() + ")");
    }
    const auto schema = projectLabelSchema(reports);
    if (!schema) {
        throw storage::ProjectError(project->path() + ": has no label schema yet (run `radmark label-reports "
            + project->path() + " --schema NAME|FILE` first)");
    }
    // Parse every --set before writing anything, so that one typo records nothing.
    std::map<std::string, annotation::LabelAnswer> answers;
    for (const std::string& assignment : parsed.values("set")) {
        const std::size_t equals = assignment.find('=');
        if (equals == std::string::npos) {
            throw UsageError("--set takes LABEL=VALUE, not \"" + assignment + "\"");
        }
        const std::string name = assignment.substr(0, equals);
        // Names are unique ignoring case in a schema, so case does not matter here either.
        const annotation::LabelDefinition* label = nullptr;
        for (const auto& definition : schema->schema.labels) {
            if (equalIgnoringCase(definition.name, name)) {
                label = &definition;
            }
        }
        if (label == nullptr) {
            std::string known;
            for (const auto& definition : schema->schema.labels) {
                known += (known.empty() ? "" : ", ") + definition.name;
            }
            throw UsageError(
                "schema \"" + schema->schema.name + "\" has no label \"" + name + "\" (labels: " + known + ")");
        }
        const auto answer = annotation::parseAnswer(*label, assignment.substr(equals + 1));
        if (!answer) {
            throw UsageError("\"" + assignment.substr(equals + 1) + "\" is not a value of " + label->name
                + (label->kind == annotation::LabelKind::Finding      ? " (1, 0, -1 or empty)"
                        : label->kind == annotation::LabelKind::YesNo ? " (yes, no or empty)"
                                                                      : " (one of its choices or empty)"));
        }
        if (answers.count(label->name) != 0) {
            throw UsageError("--set " + label->name + " is given twice");
        }
        answers[label->name] = *answer;
    }

    const annotation::Author author = decisionAuthor(parsed, *project);
    const std::string& authorName = author.name;
    const std::string roleName = annotation::authorRoleName(author.role);
    // Audit mode: the decisions count for the measured accuracy, so the study must be one drawn at random.
    std::int64_t auditSampleId = 0;
    if (parsed.has("audit")) {
        const auto sample = storage::LabelAuditStore(*project).sampleOfStudy(*studyId);
        if (!sample) {
            throw storage::ProjectError(project->path() + ": study \"" + *studyKey
                + "\" is in no audit sample: only studies drawn with --audit-draw can be "
                  "decided in audit mode");
        }
        auditSampleId = *sample;
    }

    std::map<std::string, bool> decided;
    for (const auto& decision : reports.decisions(*studyId)) {
        decided[decision.labelName] = true;
    }
    std::map<std::string, annotation::LabelAnswer> proposed;
    for (const auto& proposal : reports.proposals(*studyId)) {
        proposed[proposal.labelName] = annotation::LabelAnswer { proposal.value, proposal.choice };
    }
    std::vector<storage::LabelDecision> decisions;
    std::size_t confirmed = 0;
    for (const auto& label : schema->schema.labels) {
        annotation::LabelAnswer answer;
        if (const auto set = answers.find(label.name); set != answers.end()) {
            answer = set->second;
        } else if (parsed.has("confirm") && !decided[label.name]) {
            answer = proposed[label.name];
            ++confirmed;
        } else {
            continue;
        }
        decisions.push_back(storage::LabelDecision {
            *studyId, label.name, answer.value, authorName, roleName, 0, answer.choice, 0, auditSampleId });
    }
    reports.addDecisions(decisions);
    std::cout << "Recorded " << decisions.size() << " decision(s) for study " << *studyKey << " by " << authorName
              << " (" << roleName << ")"
              << (auditSampleId != 0 ? " in audit mode (sample " + std::to_string(auditSampleId) + ")" : "");
    if (parsed.has("confirm")) {
        std::cout << "; " << confirmed << " proposal(s) confirmed as they were";
    }
    std::cout << "\n";
    for (const auto& decision : decisions) {
        const annotation::LabelDefinition* label = schema->schema.find(decision.labelName);
        std::cout << "  " << decision.labelName << ": "
                  << annotation::describeAnswer(*label, annotation::LabelAnswer { decision.value, decision.choice })
                  << "\n";
    }
    return 0;
}

} // namespace radmark::app
