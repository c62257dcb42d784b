#pragma once

#include "radmark/annotation/LesionMark.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

class ProjectStore;

// What the readers of a team project answered, read for agreement figures, the adjudication queue and the
// export (tables of schema 7, see storage/src/project/TeamMigration.cpp). A study is double-read when two or
// more annotators are assigned to it with double_read = 1; its readers are those annotators (by name, which is
// the author name of their decisions and marks). A reviewer is any author with the role "reviewer".

// One person's current answer to one label of one study: the latest decision in force (not undone).
struct ReaderAnswer {
    std::string author;
    std::string role;
    std::optional<int> value; // 1 / 0 / -1, empty for "not mentioned" or a Choice label
    std::string choice;
    std::int64_t decidedMs = 0;
    std::int64_t decisionId = 0;
};

// The answer as one category: "1", "0", "-1", "none" or the Choice option.
std::string answerCategory(const std::optional<int>& value, const std::string& choice);
inline std::string answerCategory(const ReaderAnswer& answer)
{
    return answerCategory(answer.value, answer.choice);
}

// A reviewer's verdict that a lesion marked by some readers is no lesion (kept in mark_history as a command
// "adjudicate-reject"; a later "adjudicate-reopen" of the same marks withdraws it).
struct LesionRejection {
    std::vector<std::string> markIds;
    std::string reviewer;
    std::int64_t timeMs = 0;
};

struct DoubleReadStudy {
    std::int64_t studyId = 0;
    std::string studyUid;
    std::string accessionNumber;
    std::vector<std::string> readers; // the assigned annotators, by name
    // By label: the answer of each reader who answered, in reader order.
    std::map<std::string, std::vector<ReaderAnswer>> readerAnswers;
    std::map<std::string, ReaderAnswer> reviewerAnswers; // by label: the latest reviewer decision in force
    std::vector<annotation::LesionMark> readerMarks; // the readers' marks in the study's series
    std::vector<annotation::LesionMark> reviewerMarks; // marks with the role reviewer in those series
    std::vector<LesionRejection> rejections; // in force

    // The key people type: the accession number, else the Study Instance UID.
    const std::string& key() const { return accessionNumber.empty() ? studyUid : accessionNumber; }
};

// Every event of an annotator (a decision or a mark), for studies done and time per study.
struct AnnotatorActivity {
    std::string name;
    std::vector<std::int64_t> assignedStudies; // study ids
    struct Event {
        std::int64_t studyId = 0;
        std::int64_t timeMs = 0;
    };
    std::vector<Event> events; // by time
};

struct TeamReadings {
    std::vector<DoubleReadStudy> studies; // double-read studies, by accession number then UID
    std::vector<AnnotatorActivity> annotators; // by name
    std::vector<std::string> labelOrder; // label names in the project's order (ReportStore::labelNames)
};

// Reads the project (read-only queries). A project with no assignment gives empty lists.
TeamReadings readTeamReadings(ProjectStore& project);

// Records a reviewer's verdict that the lesion of these reader marks is none (or withdraws it: reopen).
void recordLesionRejection(ProjectStore& project, const std::vector<std::string>& markIds,
    const annotation::Author& reviewer, std::int64_t timeMs, bool reopen = false);

} // namespace radmark::storage
