// The reading side of ProjectStore.
#include "radmark/storage/project/ProjectStore.h"

#include "project/InstanceColumns.h"
#include "project/SqliteStatement.h"

namespace radmark::storage {

namespace {

const char* const sharedSopUidFlag = "SOP Instance UID shared with another file";

// An instance counts as flagged when it carries flags or shares its SOP Instance UID with another file (found
// through the index on the UID's stem and tail, see sopUidSharedSql).
// Computed when read, so that the flag disappears by itself when the other file is fixed.
const std::string seriesSelect = R"(
    SELECT s.series_uid, st.study_uid, p.patient_id, s.modality, s.series_description, s.series_number,
           s.from_volume_file, COUNT(i.id), COALESCE(SUM(i.number_of_frames), 0),
           COUNT(DISTINCT v.rows_px || 'x' || v.columns_px),
           COALESCE(SUM(i.flags <> '' OR )"
    + sopUidSharedSql("i") + R"(), 0),
           (SELECT fv.rows_px || ' ' || fv.columns_px || ' ' ||
                   CASE WHEN fv.acquisition_date <> '' THEN fv.acquisition_date ELSE fv.study_date END
              FROM instances f JOIN instance_folders fd ON fd.id = f.folder_ref
              JOIN instance_series_values fv ON fv.id = f.values_ref
             WHERE f.series_ref = s.id ORDER BY fd.folder_path || f.file_name LIMIT 1),
           s.id
      FROM series s
      JOIN studies st ON st.id = s.study_ref
      JOIN patients p ON p.id = st.patient_ref
      LEFT JOIN instances i ON i.series_ref = s.id
      LEFT JOIN instance_series_values v ON v.id = i.values_ref)";

SeriesSummary readSeriesSummary(const SqliteStatement& row)
{
    SeriesSummary summary;
    summary.seriesUid = row.text(0);
    summary.studyUid = row.text(1);
    summary.patientId = row.text(2);
    summary.modality = row.text(3);
    summary.description = row.text(4);
    summary.seriesNumber = row.optionalInteger(5).value_or(0);
    summary.fromVolumeFile = row.integer(6) != 0;
    summary.instances = row.integer(7);
    summary.frames = row.integer(8);
    summary.distinctSizes = row.integer(9);
    summary.flaggedInstances = row.integer(10);
    const std::string first = row.text(11);
    const std::size_t firstSpace = first.find(' ');
    const std::size_t secondSpace = first.find(' ', firstSpace + 1);
    if (firstSpace != std::string::npos && secondSpace != std::string::npos) {
        summary.rows = std::atoi(first.substr(0, firstSpace).c_str());
        summary.columns = std::atoi(first.substr(firstSpace + 1, secondSpace - firstSpace - 1).c_str());
        summary.seriesDate = first.substr(secondSpace + 1);
    }
    return summary;
}

std::int64_t countOf(sqlite3* database, const std::string& path, const char* sql)
{
    SqliteStatement query(database, path, sql);
    return query.step() ? query.int64(0) : 0;
}

} // namespace

ProjectCounts ProjectStore::counts() const
{
    ProjectCounts counts;
    counts.patients = countOf(m_database, m_path, "SELECT COUNT(*) FROM patients");
    counts.studies = countOf(m_database, m_path, "SELECT COUNT(*) FROM studies");
    counts.series = countOf(m_database, m_path, "SELECT COUNT(*) FROM series");
    counts.instances = countOf(m_database, m_path, "SELECT COUNT(*) FROM instances");
    counts.skippedFiles = countOf(m_database, m_path, "SELECT COUNT(*) FROM skipped_files");
    counts.schemaVersion = schemaVersion();
    return counts;
}

std::vector<PatientSummary> ProjectStore::patients() const
{
    SqliteStatement query(m_database, m_path, R"(
        SELECT p.patient_id, p.patient_name, p.patient_sex, p.patient_birth_date,
               (SELECT COUNT(*) FROM studies st WHERE st.patient_ref = p.id)
          FROM patients p ORDER BY p.patient_id, p.patient_name, p.id)");
    std::vector<PatientSummary> patients;
    while (query.step()) {
        PatientSummary patient;
        patient.patientId = query.text(0);
        patient.patientName = query.text(1);
        patient.patientSex = query.text(2);
        patient.patientBirthDate = query.text(3);
        patient.studyCount = query.integer(4);
        patients.push_back(std::move(patient));
    }
    return patients;
}

std::vector<StudySummary> ProjectStore::studies() const
{
    SqliteStatement query(m_database, m_path, R"(
        SELECT st.study_uid, p.patient_id, st.accession_number, st.study_date, st.study_description,
               (SELECT COUNT(*) FROM series s WHERE s.study_ref = st.id)
          FROM studies st JOIN patients p ON p.id = st.patient_ref
         ORDER BY p.patient_id, st.study_date, st.study_uid)");
    std::vector<StudySummary> studies;
    while (query.step()) {
        StudySummary study;
        study.studyUid = query.text(0);
        study.patientId = query.text(1);
        study.accessionNumber = query.text(2);
        study.studyDate = query.text(3);
        study.studyDescription = query.text(4);
        study.seriesCount = query.integer(5);
        studies.push_back(std::move(study));
    }
    return studies;
}

std::vector<SeriesSummary> ProjectStore::series() const
{
    SqliteStatement query(m_database, m_path,
        std::string(seriesSelect)
            + " GROUP BY s.id ORDER BY p.patient_id, st.study_date, st.study_uid, s.series_number, "
              "s.series_description, s.series_uid");
    std::vector<SeriesSummary> series;
    while (query.step()) {
        series.push_back(readSeriesSummary(query));
    }
    return series;
}

std::optional<SeriesSummary> ProjectStore::seriesByUid(const std::string& seriesUid) const
{
    SqliteStatement query(m_database, m_path, std::string(seriesSelect) + " WHERE s.series_uid = ? GROUP BY s.id");
    query.bind(1, seriesUid);
    if (!query.step()) {
        return std::nullopt;
    }
    return readSeriesSummary(query);
}

std::vector<std::pair<std::int64_t, SeriesSummary>> ProjectStore::seriesOfStudy(std::int64_t studyId) const
{
    static const std::string sql = std::string(seriesSelect)
        + " WHERE s.study_ref = ? GROUP BY s.id ORDER BY s.series_number, "
          "s.series_description, s.series_uid";
    SqliteStatement& query = statement(sql.c_str());
    query.bind(1, studyId);
    std::vector<std::pair<std::int64_t, SeriesSummary>> series;
    while (query.step()) {
        series.emplace_back(query.int64(12), readSeriesSummary(query));
    }
    query.reset();
    return series;
}

std::vector<SkippedFile> ProjectStore::skippedFiles() const
{
    SqliteStatement query(m_database, m_path, R"(
        SELECT file_path, reason, file_size_bytes, file_modified_ns FROM skipped_files ORDER BY file_path)");
    std::vector<SkippedFile> skipped;
    while (query.step()) {
        skipped.push_back(SkippedFile { query.text(0), query.text(1), query.int64(2), query.int64(3) });
    }
    return skipped;
}

std::vector<SeriesInstanceFile> ProjectStore::seriesFiles(const std::string& seriesUid) const
{
    SqliteStatement query(m_database, m_path, R"(
        SELECT i.file_path, i.sop_instance_uid, i.number_of_frames, i.source_kind
          FROM instance_records i JOIN series s ON s.id = i.series_ref
         WHERE s.series_uid = ? ORDER BY i.file_path)");
    query.bind(1, seriesUid);
    std::vector<SeriesInstanceFile> files;
    while (query.step()) {
        files.push_back(SeriesInstanceFile { query.text(0), query.text(1), query.integer(2), query.integer(3) == 1 });
    }
    return files;
}

std::vector<InstanceRecord> ProjectStore::seriesInstances(const std::string& seriesUid) const
{
    SqliteStatement query(
        m_database, m_path,
        "SELECT " + sopUidSharedSql("c") + ", " +
            [] {
                std::string prefixed;
                for (const char* name : instanceColumnNames()) {
                    prefixed += prefixed.empty() ? "i." : ", i.";
                    prefixed += name;
                }
                return prefixed;
            }()
            + " FROM instance_records i JOIN instances c ON c.id = i.id JOIN series s ON s.id = i.series_ref WHERE "
              "s.series_uid = ? ORDER BY i.file_path");
    query.bind(1, seriesUid);
    std::vector<InstanceRecord> records;
    while (query.step()) {
        InstanceRecord record = readInstanceRecord(query, 1);
        if (query.integer(0) != 0) {
            record.flags.push_back(sharedSopUidFlag);
        }
        records.push_back(std::move(record));
    }
    return records;
}

bool ProjectStore::isUnchanged(const std::string& filePath, std::int64_t sizeBytes, std::int64_t modifiedNs) const
{
    static constexpr char sql[] = R"(
        SELECT 1 FROM instances WHERE folder_ref = (SELECT id FROM instance_folders WHERE folder_path = ?4)
                                  AND file_name = ?5 AND file_size_bytes = ?2 AND file_modified_ns = ?3
        UNION ALL
        SELECT 1 FROM skipped_files WHERE file_path = ?1 AND file_size_bytes = ?2 AND file_modified_ns = ?3
        LIMIT 1)";
    SqliteStatement& query = statement(sql);
    query.bind(1, filePath);
    query.bind(2, sizeBytes);
    query.bind(3, modifiedNs);
    const FolderAndName file = splitFilePath(filePath);
    query.bindText(4, file.folder);
    query.bindText(5, file.name);
    const bool unchanged = query.step();
    query.reset();
    return unchanged;
}

std::unordered_map<std::string, ProjectStore::FileState> ProjectStore::knownFileStates() const
{
    static constexpr char sql[] = R"(
        SELECT f.folder_path || i.file_name, i.file_size_bytes, i.file_modified_ns
          FROM instances i JOIN instance_folders f ON f.id = i.folder_ref
        UNION ALL
        SELECT file_path, file_size_bytes, file_modified_ns FROM skipped_files)";
    std::unordered_map<std::string, FileState> states;
    SqliteStatement& query = statement(sql);
    while (query.step()) {
        states[query.text(0)] = FileState { query.int64(1), query.int64(2) };
    }
    query.reset();
    return states;
}

} // namespace radmark::storage
