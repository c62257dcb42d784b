#pragma once

#include "radmark/storage/project/ProjectRecords.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace radmark::storage {

class ProjectStore;
class SqliteStatement;
class TrigramFold;

// What the study browser shows of a project, read in small pieces so that a project of 100,000 studies opens at
// once: the patients in display order (ids only; their rows are read in blocks when shown), a patient's studies,
// a study's series. A filter narrows all three with one query on the project's trigram index (schema 8,
// browser_search): a case-insensitive substring of a patient's name or ID, an accession number, a study
// description or date (YYYYMMDD or YYYY-MM-DD), a series description or modality. A patient or study match shows
// all its studies and series; a series match only the series that match, under their study and patient.
// A broad filter (every study) matches hundreds of thousands of documents: setFilter(text, firstPatients) finds the
// first patients in display order by testing each patient's documents (the walk) and leaves the rest of the match
// list to continueMatching, in steps of a bounded time (rowid ranges of the index), so that the first rows show at
// once and the count follows; the result once complete is the same as setFilter(text).
// Uses the project's connection; same threading rules as the other stores.
class StudyBrowserIndex {
public:
    explicit StudyBrowserIndex(const ProjectStore& project);
    ~StudyBrowserIndex();
    StudyBrowserIndex(const StudyBrowserIndex&) = delete;
    StudyBrowserIndex& operator=(const StudyBrowserIndex&) = delete;

    // Empty (or blank) text: everything. Complete on return.
    void setFilter(const std::string& text);
    // The same filter, complete on return only when it is narrow: when the first patients in display order (at
    // least `firstPatients`, density at least 1 in 4) are found by the walk, it returns with those and the rest
    // is left to continueMatching / completeMatching (or found by extendPatients). Any previous filter's work
    // is dropped.
    void setFilter(const std::string& text, std::size_t firstPatients);
    const std::string& filter() const { return m_filter; }
    bool isFiltered() const { return m_filtered; }
    // Every patient the filter shows is known (patientIds() is the whole list).
    bool isComplete() const { return m_complete; }
    // Runs the rest of the match list for about `budget` (at least one step); true once complete.
    bool continueMatching(std::chrono::microseconds budget);
    void completeMatching();
    // While incomplete: walks on until at least `count` patients are known in display order (or completes the
    // match list when they are rare there). Nothing when complete.
    void extendPatients(std::size_t count);
    // Patients known to pass the filter: the whole count once complete, a lower bound before.
    std::size_t knownPatientCount() const;
    // Rowids of the search index matched per range (default 32768; tests use small ones to cross ranges).
    void setMatchingRange(std::int64_t rowids) { m_rowidRange = rowids > 0 ? rowids : 1; }
    // Steps of continueMatching run since the project was given (for tests: typing does not queue work).
    int matchingSteps() const { return m_matchingSteps; }

    // Patients shown, in display order (patient ID, name, then id); while incomplete, the first of them.
    const std::vector<std::int64_t>& patientIds() const;
    // Every patient of the project (unfiltered).
    std::size_t patientTotal() const { return allPatientIds().size(); }
    // Every series of the project (unfiltered).
    std::int64_t seriesTotal() const;

    struct PatientRow {
        std::int64_t id = 0;
        PatientSummary patient; // studyCount: all the patient's studies
    };
    // The rows of these patients (any order in, the same order out; unknown ids are left out).
    std::vector<PatientRow> patientRows(const std::vector<std::int64_t>& patientIds) const;

    struct StudyRow {
        std::int64_t id = 0;
        StudySummary study;
        std::string modalities; // of its series, in series order, "CT/SEG"
    };
    // The shown studies of a patient, by date then UID.
    std::vector<StudyRow> studies(std::int64_t patientId) const;

    struct SeriesRow {
        std::int64_t id = 0;
        SeriesSummary series;
    };
    // The shown series of a study, by series number, description, UID.
    std::vector<SeriesRow> series(std::int64_t studyId) const;

    struct SeriesPlace {
        std::int64_t patientId = 0;
        std::int64_t studyId = 0;
        std::int64_t seriesId = 0;
    };
    // Where a series is (shown or not); empty for an unknown UID.
    std::optional<SeriesPlace> placeOfSeries(const std::string& seriesUid) const;

private:
    const std::vector<std::int64_t>& allPatientIds() const;
    // The whole match list by one query (or by the rest of the rowid ranges), then complete.
    void matchAll();
    void finishMatching();
    // Tests the documents of the next patients in display order until `count` are known or `maxTested` were
    // tested; complete when the last patient was tested.
    void walk(std::size_t count, std::size_t maxTested);
    bool documentMatches(std::string_view document, bool likeResult) const;
    bool isStudyShown(std::int64_t studyId) const;
    void clearMatches();

    const ProjectStore& m_project;
    std::string m_filter;
    bool m_filtered = false;
    bool m_complete = true;
    bool m_indexed = false; // three characters or more: the trigram index (MATCH), else LIKE
    std::string m_pattern; // bound to the match query
    std::string m_foldedFilter; // for the walk's test
    int m_matchingSteps = 0;
    std::int64_t m_rowidRange;

    mutable std::optional<std::vector<std::int64_t>> m_allPatients;
    // Complete: every patient shown. Incomplete: the walk's, in display order (a prefix of the whole list).
    std::vector<std::int64_t> m_filteredPatients;
    // Flat and sorted (a filter may match every study and series: no node per match); while incomplete the walk's.
    std::vector<std::int64_t> m_wholeStudies; // matched as a study
    std::vector<std::pair<std::int64_t, std::int64_t>> m_seriesMatches; // (study, series) matched as a series
    std::size_t m_walked = 0; // patients of allPatientIds() tested by the walk

    // The match list in rowid ranges (continueMatching).
    struct RangeScan {
        std::int64_t next = 0; // first rowid not yet matched
        std::int64_t end = 0; // past the last rowid
        std::vector<char> patientShown; // by patient id (dense rowids)
        std::size_t patients = 0;
        std::vector<std::int64_t> wholeStudies;
        std::vector<std::pair<std::int64_t, std::int64_t>> seriesMatches;
        // One match of the search index: a study's document (series 0) or a series', and its patient.
        void add(std::int64_t study, std::int64_t series, std::int64_t patient);
    };
    std::optional<RangeScan> m_scan;
    mutable std::unique_ptr<TrigramFold> m_fold;
    mutable std::unordered_map<const char*, std::unique_ptr<SqliteStatement>> m_statements;

    SqliteStatement& statement(const char* sql) const;
};

// The LIKE pattern that finds `text` anywhere, with %, _ and \ escaped (ESCAPE '\').
std::string containsPattern(const std::string& text);

} // namespace radmark::storage
