// The study browser's reads (see StudyBrowserIndex.h); the orders are schema 8
// (project/LargeProjectMigration.cpp), the search index as it is now schema 11 (BrowserSearchPatientMigration.cpp).
#include "radmark/storage/project/StudyBrowserIndex.h"

#include "project/SqliteStatement.h"
#include "project/TrigramFold.h"
#include "radmark/storage/project/ProjectStore.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace radmark::storage {

namespace {

constexpr std::size_t patientBlock = 64; // patients read per query
// Rowids of the search index per range of continueMatching (a study's document is 2 * id, a series' 2 * id + 1):
// about 2 ms for a filter that matches every series of a 100,000-study project.
constexpr std::int64_t rowidRange = 32768;
// The walk tests this many patients before it first judges whether the filter is broad (a narrow filter pays
// about 2 ms for it at 100,000 studies), then blocks of walkBlock.
constexpr std::size_t firstWalkBlock = 64;
constexpr std::size_t walkBlock = 256;
// Broad: at least 1 patient in this many tested passes the filter (else the one query is faster).
constexpr std::size_t broadDensity = 4;

std::string trimmed(const std::string& text)
{
    const auto begin = std::find_if_not(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
    const auto end = std::find_if_not(text.rbegin(), text.rend(), [](unsigned char c) { return std::isspace(c); });
    return begin < end.base() ? std::string(begin, end.base()) : std::string();
}

std::size_t utf8Length(const std::string& text)
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// An FTS5 string: every character literal, '"' doubled.
std::string quotedPhrase(const std::string& text)
{
    std::string phrase = "\"";
    for (const char c : text) {
        phrase += c;
        if (c == '"') {
            phrase += '"';
        }
    }
    return phrase + "\"";
}

std::string patientBlockSql()
{
    std::string sql = R"(SELECT p.id, p.patient_id, p.patient_name, p.patient_sex, p.patient_birth_date,
        (SELECT COUNT(*) FROM studies st WHERE st.patient_ref = p.id) FROM patients p WHERE p.id IN (?)";
    for (std::size_t index = 1; index < patientBlock; ++index) {
        sql += ", ?";
    }
    return sql + ")";
}

} // namespace

std::string containsPattern(const std::string& text)
{
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    return pattern + "%";
}

StudyBrowserIndex::StudyBrowserIndex(const ProjectStore& project)
    : m_project(project)
    , m_rowidRange(rowidRange)
{
}

StudyBrowserIndex::~StudyBrowserIndex() = default;

SqliteStatement& StudyBrowserIndex::statement(const char* sql) const
{
    auto found = m_statements.find(sql);
    if (found == m_statements.end()) {
        found = m_statements
                    .emplace(sql, std::make_unique<SqliteStatement>(m_project.connection(), m_project.path(), sql))
                    .first;
    }
    return found->second->reset();
}

const std::vector<std::int64_t>& StudyBrowserIndex::allPatientIds() const
{
    if (!m_allPatients) {
        std::vector<std::int64_t> ids;
        SqliteStatement& query = statement("SELECT id FROM patients ORDER BY patient_id, patient_name, id");
        while (query.step()) {
            ids.push_back(query.int64(0));
        }
        query.reset();
        m_allPatients = std::move(ids);
    }
    return *m_allPatients;
}

const std::vector<std::int64_t>& StudyBrowserIndex::patientIds() const
{
    return m_filtered ? m_filteredPatients : allPatientIds();
}

std::int64_t StudyBrowserIndex::seriesTotal() const
{
    SqliteStatement& query = statement("SELECT COUNT(*) FROM series");
    const std::int64_t count = query.step() ? query.int64(0) : 0;
    query.reset();
    return count;
}

void StudyBrowserIndex::setFilter(const std::string& text)
{
    setFilter(text, 0);
}

void StudyBrowserIndex::clearMatches()
{
    m_filteredPatients.clear();
    m_wholeStudies.clear();
    m_seriesMatches.clear();
    m_walked = 0;
    m_scan.reset();
}

void StudyBrowserIndex::setFilter(const std::string& text, std::size_t firstPatients)
{
    m_filter = trimmed(text);
    m_filtered = !m_filter.empty();
    m_complete = true;
    clearMatches();
    if (!m_filtered) {
        return;
    }
    // Three characters or more: a phrase of trigrams, answered from the index (LIKE with ESCAPE would scan).
    // Fewer: LIKE, which scans the documents (still exact).
    m_indexed = utf8Length(m_filter) >= 3;
    m_pattern = m_indexed ? quotedPhrase(m_filter) : containsPattern(m_filter);
    if (firstPatients == 0) {
        matchAll();
        return;
    }
    if (m_indexed) {
        if (!m_fold) {
            m_fold = std::make_unique<TrigramFold>(m_project.connection(), m_project.path());
        }
        m_foldedFilter = m_fold->fold(m_filter);
    }
    m_complete = false;
    while (!m_complete && m_filteredPatients.size() < firstPatients) {
        walk(firstPatients, m_walked == 0 ? firstWalkBlock : walkBlock);
        if (!m_complete && m_filteredPatients.size() < firstPatients
            && m_filteredPatients.size() * broadDensity < m_walked) {
            // Rare in display order: the one query over the index.
            clearMatches();
            matchAll();
        }
    }
}

bool StudyBrowserIndex::documentMatches(std::string_view document, bool likeResult) const
{
    return m_indexed ? m_fold->fold(document).find(m_foldedFilter) != std::string::npos : likeResult;
}

void StudyBrowserIndex::walk(std::size_t count, std::size_t maxTested)
{
    const auto& all = allPatientIds();
    // A patient's documents by rowid (its studies' and their series'), as the index holds them.
    SqliteStatement& documents = statement(R"(SELECT study_ref, series_ref, search_text, search_text LIKE ?2 ESCAPE '\'
        FROM browser_search WHERE rowid IN (SELECT 2 * id FROM studies WHERE patient_ref = ?1
        UNION ALL SELECT 2 * s.id + 1 FROM studies st JOIN series s ON s.study_ref = st.id WHERE st.patient_ref = ?1))");
    const std::string like = m_indexed ? std::string() : m_pattern;
    const std::size_t wholeBefore = m_wholeStudies.size();
    const std::size_t seriesBefore = m_seriesMatches.size();
    for (std::size_t tested = 0; m_walked < all.size() && m_filteredPatients.size() < count && tested < maxTested;
         ++tested) {
        const std::int64_t patient = all[m_walked++];
        documents.reset();
        documents.bind(1, patient);
        documents.bind(2, like);
        bool shown = false;
        while (documents.step()) {
            if (!documentMatches(documents.textView(2), documents.int64(3) != 0)) {
                continue;
            }
            shown = true;
            const std::int64_t study = documents.int64(0);
            const std::int64_t series = documents.int64(1);
            if (series == 0) {
                m_wholeStudies.push_back(study);
            } else {
                m_seriesMatches.emplace_back(study, series);
            }
        }
        if (shown) {
            m_filteredPatients.push_back(patient);
        }
    }
    documents.reset();
    if (m_wholeStudies.size() != wholeBefore) {
        std::sort(m_wholeStudies.begin(), m_wholeStudies.end());
    }
    if (m_seriesMatches.size() != seriesBefore) {
        std::sort(m_seriesMatches.begin(), m_seriesMatches.end());
    }
    if (m_walked == all.size()) {
        // Every patient tested: the walk's list is the whole one.
        m_complete = true;
        m_scan.reset();
    }
}

void StudyBrowserIndex::extendPatients(std::size_t count)
{
    if (m_complete || m_filteredPatients.size() >= count) {
        return;
    }
    walk(count, (count - m_filteredPatients.size()) * broadDensity + walkBlock);
    if (!m_complete && m_filteredPatients.size() < count) {
        completeMatching();
    }
}

std::size_t StudyBrowserIndex::knownPatientCount() const
{
    if (m_complete || !m_scan) {
        return m_filteredPatients.size();
    }
    return std::max(m_filteredPatients.size(), m_scan->patients);
}

void StudyBrowserIndex::completeMatching()
{
    if (!m_complete) {
        continueMatching(std::chrono::microseconds::max());
    }
}

bool StudyBrowserIndex::continueMatching(std::chrono::microseconds budget)
{
    if (m_complete) {
        return true;
    }
    ++m_matchingSteps;
    if (!m_scan) {
        m_scan.emplace();
        SqliteStatement& last = statement("SELECT max(rowid) FROM browser_search");
        m_scan->end = (last.step() ? last.int64(0) : 0) + 1;
        last.reset();
    }
    SqliteStatement& query = m_indexed ? statement(R"(SELECT study_ref, series_ref, patient_ref FROM browser_search
                                             WHERE browser_search MATCH ?1 AND rowid >= ?2 AND rowid < ?3)")
                                       : statement(R"(SELECT study_ref, series_ref, patient_ref FROM browser_search
                                             WHERE search_text LIKE ?1 ESCAPE '\' AND rowid >= ?2 AND rowid < ?3)");
    const auto start = std::chrono::steady_clock::now();
    RangeScan& scan = *m_scan;
    do {
        const std::int64_t to = scan.end - scan.next > m_rowidRange ? scan.next + m_rowidRange : scan.end;
        query.reset();
        query.bind(1, m_pattern);
        query.bind(2, scan.next);
        query.bind(3, to);
        while (query.step()) {
            scan.add(query.int64(0), query.int64(1), query.int64(2));
        }
        query.reset();
        scan.next = to;
    } while (scan.next < scan.end
        && std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start) < budget);
    if (scan.next >= scan.end) {
        finishMatching();
    }
    return m_complete;
}

void StudyBrowserIndex::RangeScan::add(std::int64_t study, std::int64_t series, std::int64_t patient)
{
    if (series == 0) {
        wholeStudies.push_back(study);
    } else {
        seriesMatches.emplace_back(study, series);
    }
    const auto index = static_cast<std::size_t>(patient);
    if (index >= patientShown.size()) {
        patientShown.resize(index + 1 + index / 2, 0);
    }
    if (patientShown[index] == 0) {
        patientShown[index] = 1;
        ++patients;
    }
}

void StudyBrowserIndex::matchAll()
{
    if (m_scan) {
        completeMatching();
        return;
    }
    // One query over the whole index (no rowid range): the narrow filters' path.
    m_scan.emplace();
    RangeScan& scan = *m_scan;
    SqliteStatement& query = m_indexed
        ? statement("SELECT study_ref, series_ref, patient_ref FROM browser_search WHERE browser_search MATCH ?")
        : statement(R"(SELECT study_ref, series_ref, patient_ref FROM browser_search
                    WHERE search_text LIKE ? ESCAPE '\')");
    query.bind(1, m_pattern);
    while (query.step()) {
        scan.add(query.int64(0), query.int64(1), query.int64(2));
    }
    query.reset();
    finishMatching();
}

void StudyBrowserIndex::finishMatching()
{
    RangeScan& scan = *m_scan;
    std::sort(scan.wholeStudies.begin(), scan.wholeStudies.end());
    std::sort(scan.seriesMatches.begin(), scan.seriesMatches.end());
    m_wholeStudies = std::move(scan.wholeStudies);
    m_seriesMatches = std::move(scan.seriesMatches);
    m_filteredPatients.clear();
    for (const std::int64_t id : allPatientIds()) {
        if (static_cast<std::size_t>(id) < scan.patientShown.size()
            && scan.patientShown[static_cast<std::size_t>(id)] != 0) {
            m_filteredPatients.push_back(id);
        }
    }
    m_scan.reset();
    m_complete = true;
}

bool StudyBrowserIndex::isStudyShown(std::int64_t studyId) const
{
    if (std::binary_search(m_wholeStudies.begin(), m_wholeStudies.end(), studyId)) {
        return true;
    }
    const auto series
        = std::lower_bound(m_seriesMatches.begin(), m_seriesMatches.end(), std::make_pair(studyId, std::int64_t { 0 }));
    return series != m_seriesMatches.end() && series->first == studyId;
}

std::vector<StudyBrowserIndex::PatientRow> StudyBrowserIndex::patientRows(const std::vector<std::int64_t>& ids) const
{
    static const std::string sql = patientBlockSql();
    std::unordered_map<std::int64_t, PatientRow> found;
    for (std::size_t first = 0; first < ids.size(); first += patientBlock) {
        SqliteStatement& query = statement(sql.c_str());
        for (std::size_t index = 0; index < patientBlock; ++index) {
            query.bind(
                static_cast<int>(index + 1), first + index < ids.size() ? ids[first + index] : std::int64_t { 0 });
        }
        while (query.step()) {
            PatientRow row;
            row.id = query.int64(0);
            row.patient.patientId = query.text(1);
            row.patient.patientName = query.text(2);
            row.patient.patientSex = query.text(3);
            row.patient.patientBirthDate = query.text(4);
            row.patient.studyCount = query.integer(5);
            found.emplace(row.id, std::move(row));
        }
        query.reset();
    }
    std::vector<PatientRow> rows;
    for (const std::int64_t id : ids) {
        if (const auto row = found.find(id); row != found.end()) {
            rows.push_back(row->second);
        }
    }
    return rows;
}

std::vector<StudyBrowserIndex::StudyRow> StudyBrowserIndex::studies(std::int64_t patientId) const
{
    std::vector<StudyRow> rows;
    SqliteStatement& query = statement(R"(SELECT st.id, st.study_uid, p.patient_id, st.accession_number, st.study_date,
        st.study_description, (SELECT COUNT(*) FROM series s WHERE s.study_ref = st.id)
        FROM studies st JOIN patients p ON p.id = st.patient_ref WHERE st.patient_ref = ?
        ORDER BY st.study_date, st.study_uid)");
    query.bind(1, patientId);
    while (query.step()) {
        const std::int64_t id = query.int64(0);
        if (m_filtered && !isStudyShown(id)) {
            continue;
        }
        StudyRow row;
        row.id = id;
        row.study.studyUid = query.text(1);
        row.study.patientId = query.text(2);
        row.study.accessionNumber = query.text(3);
        row.study.studyDate = query.text(4);
        row.study.studyDescription = query.text(5);
        row.study.seriesCount = query.integer(6);
        rows.push_back(std::move(row));
    }
    query.reset();
    for (StudyRow& row : rows) {
        SqliteStatement& modalities = statement(
            "SELECT modality FROM series WHERE study_ref = ? ORDER BY series_number, series_description, series_uid");
        modalities.bind(1, row.id);
        std::vector<std::string> seen;
        while (modalities.step()) {
            std::string modality = modalities.text(0);
            if (!modality.empty() && std::find(seen.begin(), seen.end(), modality) == seen.end()) {
                row.modalities += (row.modalities.empty() ? "" : "/") + modality;
                seen.push_back(std::move(modality));
            }
        }
        modalities.reset();
    }
    return rows;
}

std::vector<StudyBrowserIndex::SeriesRow> StudyBrowserIndex::series(std::int64_t studyId) const
{
    const bool whole = !m_filtered || std::binary_search(m_wholeStudies.begin(), m_wholeStudies.end(), studyId);
    std::vector<SeriesRow> rows;
    for (auto& [id, summary] : m_project.seriesOfStudy(studyId)) {
        if (whole || std::binary_search(m_seriesMatches.begin(), m_seriesMatches.end(), std::make_pair(studyId, id))) {
            rows.push_back(SeriesRow { id, std::move(summary) });
        }
    }
    return rows;
}

std::optional<StudyBrowserIndex::SeriesPlace> StudyBrowserIndex::placeOfSeries(const std::string& seriesUid) const
{
    SqliteStatement& query
        = statement("SELECT st.patient_ref, s.study_ref, s.id FROM series s JOIN studies st ON st.id = s.study_ref "
                    "WHERE s.series_uid = ?");
    query.bind(1, seriesUid);
    std::optional<SeriesPlace> place;
    if (query.step()) {
        place = SeriesPlace { query.int64(0), query.int64(1), query.int64(2) };
    }
    query.reset();
    return place;
}

} // namespace radmark::storage
