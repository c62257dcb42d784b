// The writing side of ProjectStore: one import batch per transaction.
#include "radmark/storage/project/ProjectStore.h"

#include "project/InstanceColumns.h"
#include "project/SqliteStatement.h"

#include <set>
#include <unordered_map>

namespace radmark::storage {

namespace {

constexpr char previousSeriesSql[] = "SELECT series_ref FROM instances WHERE file_path = ?";

constexpr char upsertPatientSql[] = R"(
    INSERT INTO patients(patient_key, patient_id, patient_name, patient_sex, patient_birth_date)
    VALUES (?1, ?2, ?3, ?4, ?5)
    ON CONFLICT(patient_key) DO UPDATE SET
        patient_name = CASE WHEN excluded.patient_name <> '' THEN excluded.patient_name ELSE patient_name END,
        patient_sex = CASE WHEN excluded.patient_sex <> '' THEN excluded.patient_sex ELSE patient_sex END,
        patient_birth_date = CASE WHEN excluded.patient_birth_date <> '' THEN excluded.patient_birth_date
                                  ELSE patient_birth_date END
    RETURNING id)";

constexpr char upsertStudySql[] = R"(
    INSERT INTO studies(study_uid, patient_ref, accession_number, study_date, study_time, study_description)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6)
    ON CONFLICT(study_uid) DO UPDATE SET
        accession_number = CASE WHEN excluded.accession_number <> '' THEN excluded.accession_number
                                ELSE accession_number END,
        study_date = CASE WHEN excluded.study_date <> '' THEN excluded.study_date ELSE study_date END,
        study_time = CASE WHEN excluded.study_time <> '' THEN excluded.study_time ELSE study_time END,
        study_description = CASE WHEN excluded.study_description <> '' THEN excluded.study_description
                                 ELSE study_description END
    RETURNING id)";

constexpr char upsertSeriesSql[] = R"(
    INSERT INTO series(series_uid, study_ref, modality, series_number, series_description, from_volume_file)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6)
    ON CONFLICT(series_uid) DO UPDATE SET
        modality = CASE WHEN excluded.modality <> '' THEN excluded.modality ELSE modality END,
        series_number = COALESCE(excluded.series_number, series_number),
        series_description = CASE WHEN excluded.series_description <> '' THEN excluded.series_description
                                  ELSE series_description END
    RETURNING id)";

constexpr char removeSkipSql[] = "DELETE FROM skipped_files WHERE file_path = ?";
constexpr char removeInstanceSql[] = "DELETE FROM instances WHERE file_path = ?";
constexpr char upsertSkipSql[] = R"(
    INSERT INTO skipped_files(file_path, reason, file_size_bytes, file_modified_ns) VALUES (?1, ?2, ?3, ?4)
    ON CONFLICT(file_path) DO UPDATE SET reason = excluded.reason, file_size_bytes = excluded.file_size_bytes,
                                         file_modified_ns = excluded.file_modified_ns)";
constexpr char removeEmptySeriesSql[]
    = "DELETE FROM series WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM instances WHERE series_ref = ?1) "
      "RETURNING study_ref";
constexpr char removeEmptyStudySql[]
    = "DELETE FROM studies WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM series WHERE study_ref = ?1) "
      "RETURNING patient_ref";
constexpr char removeEmptyPatientSql[]
    = "DELETE FROM patients WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM studies WHERE patient_ref = ?1)";

const std::string& upsertInstanceSql()
{
    static const std::string sql = [] {
        std::string text = "INSERT INTO instances(series_ref, " + instanceColumnList() + ") VALUES (?";
        std::string updates;
        for (const char* name : instanceColumnNames()) {
            text += ", ?";
            updates += updates.empty() ? "" : ", ";
            updates += std::string(name) + " = excluded." + name;
        }
        return text + ") ON CONFLICT(file_path) DO UPDATE SET series_ref = excluded.series_ref, " + updates;
    }();
    return sql;
}

std::string patientKey(const InstanceRecord& record)
{
    // Without an ID, the name keeps different anonymous patients apart.
    return record.patientId.empty() ? "\x01name:" + record.patientName : record.patientId;
}

std::int64_t returnedId(SqliteStatement& statement)
{
    const std::int64_t id = statement.step() ? statement.int64(0) : 0;
    statement.run();
    statement.reset();
    return id;
}

} // namespace

void ProjectStore::writeImportBatch(
    const std::vector<InstanceRecord>& instances, const std::vector<SkippedFile>& skipped, bool allPathsAreNew)
{
    requireWritable("save imported files");
    if (instances.empty() && skipped.empty()) {
        return;
    }
    SqliteTransaction transaction(m_database, m_path);
    std::unordered_map<std::string, std::int64_t> patientIds;
    std::unordered_map<std::string, std::int64_t> studyIds;
    std::unordered_map<std::string, std::int64_t> seriesIds;
    std::set<std::int64_t> seriesMaybeEmpty;

    auto rememberPreviousSeries = [&](const std::string& filePath) {
        if (allPathsAreNew) {
            return;
        }
        SqliteStatement& query = statement(previousSeriesSql);
        query.bind(1, filePath);
        if (query.step()) {
            seriesMaybeEmpty.insert(query.int64(0));
        }
        query.reset();
    };

    std::vector<std::string> scratch;
    for (const InstanceRecord& record : instances) {
        rememberPreviousSeries(record.filePath);

        const std::string key = patientKey(record);
        auto patient = patientIds.find(key);
        if (patient == patientIds.end()) {
            SqliteStatement& upsert = statement(upsertPatientSql);
            upsert.bind(1, key);
            upsert.bind(2, record.patientId);
            upsert.bind(3, record.patientName);
            upsert.bind(4, record.patientSex);
            upsert.bind(5, record.patientBirthDate);
            patient = patientIds.emplace(key, returnedId(upsert)).first;
        }
        auto study = studyIds.find(record.studyInstanceUid);
        if (study == studyIds.end()) {
            SqliteStatement& upsert = statement(upsertStudySql);
            upsert.bind(1, record.studyInstanceUid);
            upsert.bind(2, patient->second);
            upsert.bind(3, record.accessionNumber);
            upsert.bind(4, record.studyDate);
            upsert.bind(5, record.studyTime);
            upsert.bind(6, record.studyDescription);
            study = studyIds.emplace(record.studyInstanceUid, returnedId(upsert)).first;
        }
        auto series = seriesIds.find(record.seriesInstanceUid);
        if (series == seriesIds.end()) {
            SqliteStatement& upsert = statement(upsertSeriesSql);
            upsert.bind(1, record.seriesInstanceUid);
            upsert.bind(2, study->second);
            upsert.bind(3, record.modality);
            upsert.bind(4, record.seriesNumber);
            upsert.bind(5, record.seriesDescription);
            upsert.bind(6, record.sourceKind == SourceKind::VolumeFile ? 1 : 0);
            series = seriesIds.emplace(record.seriesInstanceUid, returnedId(upsert)).first;
        }

        SqliteStatement& upsert = statement(upsertInstanceSql().c_str());
        scratch.clear();
        upsert.bind(1, series->second);
        bindInstanceRecord(upsert, 2, record, scratch);
        upsert.run();
        upsert.reset();

        if (!allPathsAreNew) {
            SqliteStatement& removeSkip = statement(removeSkipSql);
            removeSkip.bind(1, record.filePath);
            removeSkip.run();
            removeSkip.reset();
        }
    }

    for (const SkippedFile& file : skipped) {
        rememberPreviousSeries(file.filePath);
        if (!allPathsAreNew) {
            SqliteStatement& removeInstance = statement(removeInstanceSql);
            removeInstance.bind(1, file.filePath);
            removeInstance.run();
            removeInstance.reset();
        }
        SqliteStatement& upsert = statement(upsertSkipSql);
        upsert.bind(1, file.filePath);
        upsert.bind(2, file.reason);
        upsert.bind(3, file.fileSizeBytes);
        upsert.bind(4, file.fileModifiedNs);
        upsert.run();
        upsert.reset();
    }

    // A changed or now unreadable file may have left its old series (and study, patient) empty.
    for (const std::int64_t seriesId : seriesMaybeEmpty) {
        SqliteStatement& removeSeries = statement(removeEmptySeriesSql);
        removeSeries.bind(1, seriesId);
        if (!removeSeries.step()) {
            removeSeries.reset();
            continue;
        }
        const std::int64_t studyId = removeSeries.int64(0);
        removeSeries.run();
        removeSeries.reset();
        SqliteStatement& removeStudy = statement(removeEmptyStudySql);
        removeStudy.bind(1, studyId);
        if (removeStudy.step()) {
            const std::int64_t patientId = removeStudy.int64(0);
            removeStudy.run();
            removeStudy.reset();
            SqliteStatement& removePatient = statement(removeEmptyPatientSql);
            removePatient.bind(1, patientId);
            removePatient.run();
            removePatient.reset();
        } else {
            removeStudy.reset();
        }
    }
    transaction.commit();
}

} // namespace radmark::storage
