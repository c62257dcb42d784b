// The writing side of ProjectStore: one import batch per transaction.
#include "radmark/storage/project/ProjectStore.h"

#include "project/InstanceColumns.h"
#include "project/SqliteStatement.h"

#include <memory>
#include <set>
#include <string_view>
#include <unordered_map>

namespace radmark::storage {

namespace {

// A file is found by its folder (?1, with its trailing '/') and name (?2).
constexpr char previousSeriesSql[] = "SELECT series_ref FROM instances WHERE folder_ref = "
                                     "(SELECT id FROM instance_folders WHERE folder_path = ?1) AND file_name = ?2";
constexpr char folderIdSql[] = "SELECT id FROM instance_folders WHERE folder_path = ?";
constexpr char insertFolderSql[] = "INSERT INTO instance_folders(folder_path) VALUES (?) RETURNING id";
constexpr char sopUidStemIdSql[] = "SELECT id FROM sop_uid_stems WHERE stem = ?";
constexpr char insertSopUidStemSql[] = "INSERT INTO sop_uid_stems(stem) VALUES (?) RETURNING id";
// Files stored whole whose UID has the new stem ?2 (id ?1; ?3 = the stem with its last '.' as '/', the end of the
// range of texts that start with it) are stored by it from now on (see SopUidParts).
constexpr char storeBySopUidStemSql[]
    = "UPDATE instances SET sop_uid_stem_ref = ?1, sop_uid_tail = substr(sop_uid_tail, length(?2) + 1) WHERE "
      "sop_uid_stem_ref IS NULL AND sop_uid_tail > ?2 AND sop_uid_tail < ?3 AND "
      "instr(substr(sop_uid_tail, length(?2) + 1), '.') = 0";

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
constexpr char removeInstanceSql[] = "DELETE FROM instances WHERE folder_ref = "
                                     "(SELECT id FROM instance_folders WHERE folder_path = ?1) AND file_name = ?2";
// Shared values no file of their series refers to any more (a changed file, a file now skipped or elsewhere).
constexpr char removeUnusedSharedValuesSql[]
    = "DELETE FROM instance_series_values WHERE series_ref = ?1 AND NOT EXISTS (SELECT 1 FROM instances i WHERE "
      "i.series_ref = ?1 AND i.values_ref = instance_series_values.id)";
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
        std::string text
            = "INSERT INTO instances(series_ref, values_ref, folder_ref, file_name, sop_uid_stem_ref, sop_uid_tail, "
            + instanceFileColumnList() + ") VALUES (?, ?, ?, ?, ?, ?";
        std::string updates;
        for (const char* name : instanceFileColumnNames()) {
            text += ", ?";
            updates += std::string(", ") + name + " = excluded." + name;
        }
        return text
            + ") ON CONFLICT(folder_ref, file_name) DO UPDATE SET series_ref = excluded.series_ref, values_ref = "
              "excluded.values_ref, sop_uid_stem_ref = excluded.sop_uid_stem_ref, sop_uid_tail = excluded.sop_uid_tail"
            + updates;
    }();
    return sql;
}

const std::string& sharedValuesOfSeriesSql()
{
    static const std::string sql
        = "SELECT id, " + instanceSharedColumnList() + " FROM instance_series_values WHERE series_ref = ? ORDER BY id";
    return sql;
}

const std::string& insertSharedValuesSql()
{
    static const std::string sql = [] {
        std::string text
            = "INSERT INTO instance_series_values(series_ref, " + instanceSharedColumnList() + ") VALUES (?";
        for (std::size_t index = 0; index < instanceSharedColumnNames().size(); ++index) {
            text += ", ?";
        }
        return text + ") RETURNING id";
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
        const FolderAndName file = splitFilePath(filePath);
        query.bindText(1, file.folder);
        query.bindText(2, file.name);
        if (query.step()) {
            seriesMaybeEmpty.insert(query.int64(0));
        }
        query.reset();
    };

    // The folder of the previous file (files come folder by folder), and every folder of the batch.
    std::string lastFolder;
    std::int64_t lastFolderId = -1;
    std::unordered_map<std::string, std::int64_t> folderIds;
    auto folderId = [&](std::string_view folder) {
        if (lastFolderId >= 0 && folder == lastFolder) {
            return lastFolderId;
        }
        lastFolder.assign(folder);
        auto known = folderIds.find(lastFolder);
        if (known == folderIds.end()) {
            SqliteStatement& query = statement(folderIdSql);
            query.bind(1, lastFolder);
            std::int64_t id = query.step() ? query.int64(0) : -1;
            query.reset();
            if (id < 0) {
                SqliteStatement& insert = statement(insertFolderSql);
                insert.bind(1, lastFolder);
                id = returnedId(insert);
            }
            known = folderIds.emplace(lastFolder, id).first;
        }
        lastFolderId = known->second;
        return lastFolderId;
    };

    // The SOP Instance UID stem of the previous file (files come series by series), and every stem of the batch
    // (-1: not in sop_uid_stems). A stem the series shares is added.
    std::string lastStem;
    std::int64_t lastStemId = -1;
    std::unordered_map<std::string, std::int64_t> sopUidStemIds;
    auto sopUidStemId = [&](const SopUidParts& parts) {
        if (lastStemId >= 0 && parts.stem == lastStem) {
            return lastStemId;
        }
        lastStem.assign(parts.stem);
        auto known = sopUidStemIds.find(lastStem);
        if (known == sopUidStemIds.end()) {
            SqliteStatement& query = statement(sopUidStemIdSql);
            query.bindText(1, parts.stem);
            const std::int64_t id = query.step() ? query.int64(0) : -1;
            query.reset();
            known = sopUidStemIds.emplace(lastStem, id).first;
        }
        if (known->second < 0 && parts.sharedWithSeries) {
            SqliteStatement& insert = statement(insertSopUidStemSql);
            insert.bindText(1, parts.stem);
            known->second = returnedId(insert);
            std::string rangeEnd = lastStem;
            rangeEnd.back() = '/';
            SqliteStatement& update = statement(storeBySopUidStemSql);
            update.bind(1, known->second);
            update.bind(2, lastStem);
            update.bind(3, rangeEnd);
            update.run();
            update.reset();
        }
        lastStemId = known->second;
        return lastStemId;
    };

    // The shared values rows of each series met in the batch, with a record that has them.
    std::unordered_map<std::int64_t, std::vector<std::pair<std::int64_t, const InstanceRecord*>>> sharedIds;
    std::vector<std::unique_ptr<InstanceRecord>> storedShared; // rows read from the file, for comparison
    std::vector<std::string> scratch;
    auto sharedValuesId = [&](std::int64_t seriesId, const InstanceRecord& record) {
        auto known = sharedIds.find(seriesId);
        if (known == sharedIds.end()) {
            known = sharedIds.emplace(seriesId, std::vector<std::pair<std::int64_t, const InstanceRecord*>> {}).first;
            SqliteStatement& query = statement(sharedValuesOfSeriesSql().c_str());
            query.bind(1, seriesId);
            while (query.step()) {
                storedShared.push_back(std::make_unique<InstanceRecord>(readInstanceSharedValues(query, 1)));
                known->second.emplace_back(query.int64(0), storedShared.back().get());
            }
            query.reset();
        }
        for (const auto& [id, values] : known->second) {
            if (haveSameSharedValues(*values, record)) {
                return id;
            }
        }
        SqliteStatement& insert = statement(insertSharedValuesSql().c_str());
        scratch.clear();
        insert.bind(1, seriesId);
        bindInstanceSharedValues(insert, 2, record, scratch);
        const std::int64_t id = returnedId(insert);
        known->second.emplace_back(id, &record);
        return id;
    };

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

        const std::int64_t valuesId = sharedValuesId(series->second, record);
        const FolderAndName file = splitFilePath(record.filePath);
        const std::int64_t folder = folderId(file.folder);
        SqliteStatement& upsert = statement(upsertInstanceSql().c_str());
        scratch.clear();
        upsert.bind(1, series->second);
        upsert.bind(2, valuesId);
        upsert.bind(3, folder);
        upsert.bindText(4, file.name);
        const SopUidParts sopUid = sopUidParts(record);
        const std::int64_t sopUidStem = sopUid.valid ? sopUidStemId(sopUid) : -1;
        if (sopUidStem < 0) {
            upsert.bindNull(5);
            upsert.bind(6, record.sopInstanceUid);
        } else {
            upsert.bind(5, sopUidStem);
            upsert.bindText(6, sopUid.tail);
        }
        bindInstanceFileValues(upsert, 7, record, scratch);
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
            const FolderAndName folderAndName = splitFilePath(file.filePath);
            removeInstance.bindText(1, folderAndName.folder);
            removeInstance.bindText(2, folderAndName.name);
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
        SqliteStatement& removeUnused = statement(removeUnusedSharedValuesSql);
        removeUnused.bind(1, seriesId);
        removeUnused.run();
        removeUnused.reset();
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
