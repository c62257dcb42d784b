#pragma once

#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/reports/LabelSchema.h"
#include "radmark/storage/project/ProjectStore.h"

#include <string>
#include <vector>

namespace radmark::app {

// A schema argument: a JSON file (a path or NAME.json) or a preset name (see `radmark label-reports`).
annotation::LabelSchema resolveLabelSchema(const std::string& argument);

// `radmark label-reports PROJECT [--schema NAME|FILE] [--only-unlabelled]`: proposals for every study
// with a report, and counts per label on stdout.
int runProjectLabelReports(const std::vector<std::string>& arguments);

class CommandArguments;
// `radmark labels PROJECT --study KEY (--set LABEL=VALUE... | --confirm | --history) [--author NAME] [--role ROLE]`:
// human label decisions from the command line (LabelDecisionCommand.cpp).
// `--audit` records them as decisions of the study's audit sample (refused for a study in no sample).
int runLabelDecisionCommand(const CommandArguments& parsed);

// `radmark labels PROJECT (--audit-draw N [--seed S] | --audit-studies | --accuracy [--format text|csv])`: audit
// samples and the labeller's measured accuracy (LabelAuditCommand.cpp).
int runLabelAuditCommand(const CommandArguments& parsed);

// Who records decisions from the command line: --author / --role, else the project's default author, else the
// system user as a radiologist. Throws UsageError for an unknown role.
annotation::Author decisionAuthor(const CommandArguments& parsed, storage::ProjectStore& project);

} // namespace radmark::app
