#include "dataset/TeamExportAnswers.h"

#include "radmark/storage/project/ProjectStore.h"

#include <algorithm>
#include <set>

namespace radmark::storage {

TeamExportAnswers readTeamExportAnswers(ProjectStore& project)
{
    TeamExportAnswers answers;
    if (project.schemaVersion() < 7) {
        return answers;
    }
    for (StudyAdjudication& study : adjudicateStudies(readTeamReadings(project))) {
        const std::string uid = study.studyUid;
        answers.byStudyUid.emplace(uid, std::move(study));
    }
    return answers;
}

std::vector<std::string> applyTeamAnswers(const StudyAdjudication& adjudication, StudyLabels& labels)
{
    std::vector<std::string> disputes;
    for (const LabelItem& item : adjudication.labels) {
        if (item.state == ItemState::Disputed) {
            labels.labels[item.label] = FinalLabel {}; // no value: the readers differ
            labels.labels[item.label].human = true;
            disputes.push_back("label " + item.label);
            continue;
        }
        if (item.final) {
            FinalLabel& label = labels.labels[item.label];
            label.value = item.final->value;
            label.choice = item.final->choice;
            label.human = true;
            label.authorName = item.final->author;
        }
    }
    for (const LesionItem& item : adjudication.lesions) {
        if (item.state == ItemState::Disputed) {
            disputes.push_back("lesion on slice " + std::to_string(item.readerMarks.front().slice.sliceIndex + 1) + ": "
                + item.reason);
        }
    }
    return disputes;
}

std::vector<annotation::LesionMark> teamSeriesMarks(
    const StudyAdjudication& adjudication, const std::vector<annotation::LesionMark>& seriesMarks)
{
    std::set<std::string> kept;
    for (const annotation::LesionMark& mark : adjudication.finalMarks()) {
        kept.insert(mark.id);
    }
    std::vector<annotation::LesionMark> marks;
    for (const annotation::LesionMark& mark : seriesMarks) {
        // Marks of people who are neither a reader nor a reviewer of this study are no part of the double reading.
        const bool outsider = mark.author.role != annotation::AuthorRole::Reviewer
            && std::find(adjudication.readers.begin(), adjudication.readers.end(), mark.author.name)
                == adjudication.readers.end();
        if (outsider || kept.count(mark.id) != 0
            || (mark.derivedFromRecistId && kept.count(*mark.derivedFromRecistId) != 0)) {
            marks.push_back(mark);
        }
    }
    return marks;
}

} // namespace radmark::storage
