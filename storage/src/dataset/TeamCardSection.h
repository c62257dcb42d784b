#pragma once

#include "radmark/annotation/JsonWriter.h"

#include "radmark/storage/team/TeamAgreementReport.h"

#include <string>

namespace radmark::storage {

class ProjectStore;
struct ExportStudy;

// The dataset card's "Reader agreement" section for a team project: the agreement figures of the whole project
// (as `radmark team agreement` prints them) and what the export did with the double-read studies.
struct CardTeam {
    bool present = false; // the project has double-read studies
    TeamAgreementReport report;
    std::string disputedPolicy; // "flag" or "exclude"
    int doubleReadExported = 0;
    int disputedFlagged = 0; // exported with their disputes listed (labels.csv column "disputed")
    int disputedExcluded = 0; // left out
};

CardTeam collectCardTeam(
    ProjectStore& project, const std::vector<ExportStudy>& studies, int disputedExcluded, bool excludeDisputed);
void writeTeamJson(annotation::JsonWriter& json, const CardTeam& team);
void appendTeamMarkdown(std::string& md, const CardTeam& team);

} // namespace radmark::storage
