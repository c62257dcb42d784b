#pragma once

#include "radmark/storage/dataset/ExportFormat.h"
#include "radmark/storage/team/TeamAdjudication.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace radmark::storage {

class ProjectStore;

// The answers a team project exports for its double-read studies: the adjudicated answer, else the agreed one
// (one reader's mark per agreed lesion). Studies of one reader keep the project's usual final labels and marks.
struct TeamExportAnswers {
    std::unordered_map<std::string, StudyAdjudication> byStudyUid;
};

// Empty for a project without double-read studies (or before schema 7).
TeamExportAnswers readTeamExportAnswers(ProjectStore& project);

// Sets the study's labels to the final answers (a disputed label has no value) and returns what is in dispute,
// for people: "label pneumonia", "lesion on slice 12: marked by alice only".
std::vector<std::string> applyTeamAnswers(const StudyAdjudication& adjudication, StudyLabels& labels);

// The marks of one series that the export writes: the final marks of the study in that series, with the
// boxes derived from those RECISTs (folded into them later by oneMarkPerLesion), and the marks of people who are
// neither a reader nor a reviewer of the study, unchanged.
std::vector<annotation::LesionMark> teamSeriesMarks(
    const StudyAdjudication& adjudication, const std::vector<annotation::LesionMark>& seriesMarks);

} // namespace radmark::storage
