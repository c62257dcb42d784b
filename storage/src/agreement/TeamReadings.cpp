#include "radmark/storage/team/TeamReadings.h"

#include "project/MarkHistoryIds.h"
#include "project/SqliteStatement.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>
#include <variant>

namespace radmark::storage {

namespace {

constexpr char rejectCommand[] = "adjudicate-reject";
constexpr char reopenCommand[] = "adjudicate-reopen";

std::string idsKey(std::vector<std::string> ids)
{
    std::sort(ids.begin(), ids.end());
    std::string key;
    for (const std::string& id : ids) {
        key += id + "\n";
    }
    return key;
}

// Marks of the same lesion by one author: a box derived from a RECIST of the list is that RECIST's lesion.
std::vector<annotation::LesionMark> withoutDerivedBoxes(const std::vector<annotation::LesionMark>& marks)
{
    std::set<std::string> recists;
    for (const auto& mark : marks) {
        if (std::holds_alternative<annotation::RecistMark>(mark.shape)) {
            recists.insert(mark.id);
        }
    }
    std::vector<annotation::LesionMark> lesions;
    for (const auto& mark : marks) {
        if (!(mark.derivedFromRecistId && recists.count(*mark.derivedFromRecistId) != 0)) {
            lesions.push_back(mark);
        }
    }
    return lesions;
}

} // namespace

std::string answerCategory(const std::optional<int>& value, const std::string& choice)
{
    if (!choice.empty()) {
        return choice;
    }
    return value ? std::to_string(*value) : std::string("none");
}

TeamReadings readTeamReadings(ProjectStore& project)
{
    sqlite3* database = project.connection();
    const std::string& path = project.path();
    TeamReadings readings;
    ReportStore reports(project);
    readings.labelOrder = reports.labelNames();

    // Assignments: study -> annotators (double-read flag), annotator -> studies.
    std::map<std::string, AnnotatorActivity> annotators;
    std::unordered_map<std::int64_t, std::vector<std::string>> doubleReaders;
    {
        SqliteStatement query(database, path,
            "SELECT a.study_ref, t.name, a.double_read FROM team_assignments a "
            "JOIN team_annotators t ON t.id = a.annotator_ref ORDER BY a.annotator_ref, a.position");
        while (query.step()) {
            const std::int64_t study = query.int64(0);
            const std::string name = query.text(1);
            AnnotatorActivity& activity = annotators[name];
            activity.name = name;
            activity.assignedStudies.push_back(study);
            if (query.int64(2) != 0) {
                doubleReaders[study].push_back(name);
            }
        }
    }
    if (annotators.empty()) {
        return readings;
    }

    std::map<std::int64_t, DoubleReadStudy> studies;
    {
        SqliteStatement query(database, path, "SELECT id, study_uid, accession_number FROM studies");
        while (query.step()) {
            const auto readers = doubleReaders.find(query.int64(0));
            if (readers == doubleReaders.end() || readers->second.size() < 2) {
                continue;
            }
            DoubleReadStudy& study = studies[query.int64(0)];
            study.studyId = query.int64(0);
            study.studyUid = query.text(1);
            study.accessionNumber = query.text(2);
            study.readers = readers->second;
            std::sort(study.readers.begin(), study.readers.end());
        }
    }

    // Decisions in force, oldest first: the last one seen per (study, label, author) is the current answer.
    {
        SqliteStatement query(database, path,
            "SELECT id, study_ref, label_name, value, choice, author_name, author_role, decided_ms "
            "FROM label_decisions WHERE undone_ms IS NULL ORDER BY decided_ms, id");
        std::map<std::tuple<std::int64_t, std::string, std::string>, ReaderAnswer> latest;
        while (query.step()) {
            ReaderAnswer answer;
            answer.decisionId = query.int64(0);
            const std::int64_t study = query.int64(1);
            const std::string label = query.text(2);
            answer.value = query.optionalInteger(3);
            answer.choice = query.text(4);
            answer.author = query.text(5);
            answer.role = query.text(6);
            answer.decidedMs = query.int64(7);
            const auto annotator = annotators.find(answer.author);
            if (annotator != annotators.end() && answer.role != "reviewer") {
                annotator->second.events.push_back({ study, answer.decidedMs });
            }
            if (studies.count(study) != 0) {
                latest[{ study, label, answer.role == "reviewer" ? std::string() : answer.author }] = answer;
            }
        }
        for (auto& [key, answer] : latest) {
            DoubleReadStudy& study = studies[std::get<0>(key)];
            const std::string& label = std::get<1>(key);
            if (answer.role == "reviewer") {
                study.reviewerAnswers[label] = answer;
            } else if (std::find(study.readers.begin(), study.readers.end(), answer.author) != study.readers.end()) {
                study.readerAnswers[label].push_back(answer);
            }
        }
        for (auto& [id, study] : studies) {
            for (auto& [label, answers] : study.readerAnswers) {
                std::sort(answers.begin(), answers.end(),
                    [](const ReaderAnswer& a, const ReaderAnswer& b) { return a.author < b.author; });
            }
        }
    }

    // Marks, by the study of their series.
    std::unordered_map<std::string, std::int64_t> studyIdByUid;
    for (const auto& [id, study] : studies) {
        studyIdByUid[study.studyUid] = id;
    }
    std::unordered_map<std::string, std::string> studyUidBySeries;
    for (const SeriesSummary& series : project.series()) {
        studyUidBySeries[series.seriesUid] = series.studyUid;
    }
    std::unordered_map<std::string, std::int64_t> studyIdOfAnyStudy;
    {
        SqliteStatement query(database, path, "SELECT id, study_uid FROM studies");
        while (query.step()) {
            studyIdOfAnyStudy[query.text(1)] = query.int64(0);
        }
    }
    MarkStore markStore(project);
    std::map<std::pair<std::int64_t, std::string>, std::vector<annotation::LesionMark>> marksByStudyAuthor;
    std::unordered_map<std::string, std::int64_t> studyOfMark;
    for (annotation::LesionMark& mark : markStore.loadMarks()) {
        const auto studyUid = studyUidBySeries.find(mark.slice.seriesUid);
        if (studyUid == studyUidBySeries.end()) {
            continue;
        }
        const auto anyStudy = studyIdOfAnyStudy.find(studyUid->second);
        const auto annotator = annotators.find(mark.author.name);
        if (anyStudy != studyIdOfAnyStudy.end() && annotator != annotators.end()
            && mark.author.role != annotation::AuthorRole::Reviewer) {
            annotator->second.events.push_back({ anyStudy->second, mark.createdMs });
            if (mark.modifiedMs != mark.createdMs) {
                annotator->second.events.push_back({ anyStudy->second, mark.modifiedMs });
            }
        }
        const auto study = studyIdByUid.find(studyUid->second);
        if (study == studyIdByUid.end()) {
            continue;
        }
        studyOfMark[mark.id] = study->second;
        const bool reviewer = mark.author.role == annotation::AuthorRole::Reviewer;
        marksByStudyAuthor[{ study->second, reviewer ? std::string() : mark.author.name }].push_back(std::move(mark));
    }
    for (auto& [key, marks] : marksByStudyAuthor) {
        DoubleReadStudy& study = studies[key.first];
        std::vector<annotation::LesionMark> lesions = withoutDerivedBoxes(marks);
        if (key.second.empty()) {
            study.reviewerMarks = std::move(lesions);
        } else if (std::find(study.readers.begin(), study.readers.end(), key.second) != study.readers.end()) {
            study.readerMarks.insert(study.readerMarks.end(), lesions.begin(), lesions.end());
        }
    }

    // Reviewer rejections of lesions (the latest command on the same marks counts).
    {
        SqliteStatement query(database, path,
            "SELECT command_kind, author_name, time_ms, mark_ids FROM mark_history "
            "WHERE command_kind IN ('adjudicate-reject', 'adjudicate-reopen') ORDER BY id");
        std::map<std::string, LesionRejection> inForce;
        while (query.step()) {
            LesionRejection rejection { parseMarkIds(query.text(3)), query.text(1), query.int64(2) };
            const std::string key = idsKey(rejection.markIds);
            if (query.text(0) == reopenCommand) {
                inForce.erase(key);
            } else {
                inForce[key] = std::move(rejection);
            }
        }
        for (auto& [key, rejection] : inForce) {
            for (const std::string& id : rejection.markIds) {
                const auto study = studyOfMark.find(id);
                if (study != studyOfMark.end()) {
                    studies[study->second].rejections.push_back(rejection);
                    break;
                }
            }
        }
    }

    for (auto& [id, study] : studies) {
        readings.studies.push_back(std::move(study));
    }
    std::sort(readings.studies.begin(), readings.studies.end(), [](const DoubleReadStudy& a, const DoubleReadStudy& b) {
        return std::tie(a.accessionNumber, a.studyUid) < std::tie(b.accessionNumber, b.studyUid);
    });
    for (auto& [name, activity] : annotators) {
        std::sort(activity.events.begin(), activity.events.end(),
            [](const AnnotatorActivity::Event& a, const AnnotatorActivity::Event& b) {
                return std::tie(a.timeMs, a.studyId) < std::tie(b.timeMs, b.studyId);
            });
        readings.annotators.push_back(std::move(activity));
    }
    return readings;
}

void recordLesionRejection(ProjectStore& project, const std::vector<std::string>& markIds,
    const annotation::Author& reviewer, std::int64_t timeMs, bool reopen)
{
    if (project.isReadOnly()) {
        throw ProjectError(project.path() + ": cannot record a lesion verdict: " + project.readOnlyReason());
    }
    const std::string ids = markIdsJson(markIds);
    SqliteTransaction transaction(project.connection(), project.path());
    SqliteStatement insert(project.connection(), project.path(),
        "INSERT INTO mark_history(origin, command_kind, description, author_name, author_role, "
        "time_ms, mark_ids) VALUES ('execute', ?, ?, ?, ?, ?, ?)");
    // SqliteStatement binds text without copying it: every value outlives run().
    const std::string command = reopen ? reopenCommand : rejectCommand;
    const std::string description = reopen ? "Reopen lesion for adjudication" : "Adjudicate: no lesion";
    const std::string role = annotation::authorRoleName(reviewer.role);
    insert.bind(1, command);
    insert.bind(2, description);
    insert.bind(3, reviewer.name);
    insert.bind(4, role);
    insert.bind(5, timeMs);
    insert.bind(6, ids);
    insert.run();
    transaction.commit();
}

} // namespace radmark::storage
