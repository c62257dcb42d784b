#pragma once

#include "radmark/storage/project/ProjectRecords.h"

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

// What the study browser shows of a project, read in small pieces so that a project of 100,000 studies opens at
// once: the patients in display order (ids only; their rows are read in blocks when shown), a patient's studies,
// a study's series. A filter narrows all three with one query on the project's trigram index (schema 8,
// browser_search): a case-insensitive substring of a patient's name or ID, an accession number, a study
// description or date (YYYYMMDD or YYYY-MM-DD), a series description or modality. A patient or study match shows
// all its studies and series; a series match only the series that match, under their study and patient.
// Uses the project's connection; same threading rules as the other stores.
class StudyBrowserIndex {
public:
    explicit StudyBrowserIndex(const ProjectStore& project);
    ~StudyBrowserIndex();
    StudyBrowserIndex(const StudyBrowserIndex&) = delete;
    StudyBrowserIndex& operator=(const StudyBrowserIndex&) = delete;

    // Empty (or blank) text: everything.
    void setFilter(const std::string& text);
    const std::string& filter() const { return m_filter; }
    bool isFiltered() const { return m_filtered; }

    // Patients shown, in display order (patient ID, name, then id).
    const std::vector<std::int64_t>& patientIds() const;
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

    const ProjectStore& m_project;
    std::string m_filter;
    bool m_filtered = false;
    bool isStudyShown(std::int64_t studyId) const;

    mutable std::optional<std::vector<std::int64_t>> m_allPatients;
    std::vector<std::int64_t> m_filteredPatients;
    // Flat and sorted (a filter may match every study and series: no node per match).
    std::vector<std::int64_t> m_wholeStudies; // matched as a study
    std::vector<std::pair<std::int64_t, std::int64_t>> m_seriesMatches; // (study, series) matched as a series
    mutable std::unordered_map<const char*, std::unique_ptr<SqliteStatement>> m_statements;

    SqliteStatement& statement(const char* sql) const;
};

// The LIKE pattern that finds `text` anywhere, with %, _ and \ escaped (ESCAPE '\').
std::string containsPattern(const std::string& text);

} // namespace radmark::storage
