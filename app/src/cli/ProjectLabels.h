#pragma once

#include "radmark/annotation/reports/LabelSchema.h"

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
int runLabelDecisionCommand(const CommandArguments& parsed);

} // namespace radmark::app
