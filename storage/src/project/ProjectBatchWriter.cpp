// The writing side of ProjectStore: one import batch per transaction.
#include "radmark/storage/project/ProjectStore.h"

#include "project/InstanceColumns.h"
#include "project/SqliteStatement.h"

#include <algorithm>
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
constexpr char insertFolderSql[] = "INSERT INTO instance_folders(folder_path) VALUES (?)";
constexpr char sopUidStemIdSql[] = "SELECT id FROM sop_uid_stems WHERE stem = ?";
constexpr char insertSopUidStemSql[] = "INSERT INTO sop_uid_stems(stem) VALUES (?)";
// Files stored whole whose UID has the new stem ?2 (id ?1; ?3 = the stem with its last '.' as '/', the end of the
// range of texts that start with it) are stored by it from now on (see SopUidParts).
constexpr char storeBySopUidStemSql[]
    = "UPDATE instances SET sop_uid_stem_ref = ?1, sop_uid_tail = substr(sop_uid_tail, length(?2) + 1) WHERE "
      "sop_uid_stem_ref IS NULL AND sop_uid_tail > ?2 AND sop_uid_tail < ?3 AND "
      "instr(substr(sop_uid_tail, length(?2) + 1), '.') = 0";

// Patients, studies and series are looked up first; the new ones are inserted, a known one is updated only
// where a new non-empty value differs. Why not an upsert: a statement that may write a row twice (an upsert, a
// RETURNING clause, a trigger) runs in a statement savepoint, and every savepoint makes the browser_search
// full-text table (written by the triggers of studies and series) flush its pending rows as a new segment.
// So new studies and series go in by one multi-row INSERT per up to insertChunkRows rows, and no other
// statement of the batch needs a savepoint (the instances and their shared values are plain inserts).
constexpr char patientSql[]
    = "SELECT id, patient_name, patient_sex, patient_birth_date FROM patients WHERE patient_key = ?";
constexpr char insertPatientSql[] = "INSERT INTO patients(patient_key, patient_id, patient_name, patient_sex, "
                                    "patient_birth_date) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr char updatePatientSql[] = R"(
    UPDATE patients SET
        patient_name = CASE WHEN ?2 <> '' THEN ?2 ELSE patient_name END,
        patient_sex = CASE WHEN ?3 <> '' THEN ?3 ELSE patient_sex END,
        patient_birth_date = CASE WHEN ?4 <> '' THEN ?4 ELSE patient_birth_date END
    WHERE id = ?1)";

constexpr char studySql[]
    = "SELECT id, accession_number, study_date, study_time, study_description FROM studies WHERE study_uid = ?";
constexpr char updateStudySql[] = R"(
    UPDATE studies SET
        accession_number = CASE WHEN ?2 <> '' THEN ?2 ELSE accession_number END,
        study_date = CASE WHEN ?3 <> '' THEN ?3 ELSE study_date END,
        study_time = CASE WHEN ?4 <> '' THEN ?4 ELSE study_time END,
        study_description = CASE WHEN ?5 <> '' THEN ?5 ELSE study_description END
    WHERE id = ?1)";

constexpr char seriesSql[] = "SELECT id, modality, series_number, series_description FROM series WHERE series_uid = ?";
constexpr char updateSeriesSql[] = R"(
    UPDATE series SET
        modality = CASE WHEN ?2 <> '' THEN ?2 ELSE modality END,
        series_number = COALESCE(?3, series_number),
        series_description = CASE WHEN ?4 <> '' THEN ?4 ELSE series_description END
    WHERE id = ?1)";

constexpr std::size_t insertChunkRows = 128;

// "INSERT INTO studies(...) VALUES (?, ...), ... RETURNING id, study_uid" for `rows` studies.
std::string insertStudiesSql(std::size_t rows)
{
    std::string sql = "INSERT INTO studies(study_uid, patient_ref, accession_number, study_date, study_time, "
                      "study_description) VALUES ";
    for (std::size_t row = 0; row < rows; ++row) {
        sql += row == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)";
    }
    return sql + " RETURNING id, study_uid";
}

std::string insertSeriesSql(std::size_t rows)
{
    std::string sql = "INSERT INTO series(series_uid, study_ref, modality, series_number, series_description, "
                      "from_volume_file) VALUES ";
    for (std::size_t row = 0; row < rows; ++row) {
        sql += row == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)";
    }
    return sql + " RETURNING id, series_uid";
}

// The statement of a full chunk, kept for the statement cache (keyed by the text's address).
const std::string& fullChunkSql(std::string (*sqlForRows)(std::size_t))
{
    static const std::string studies = insertStudiesSql(insertChunkRows);
    static const std::string series = insertSeriesSql(insertChunkRows);
    return sqlForRows == insertStudiesSql ? studies : series;
}

// Whether storing `value` with "CASE WHEN value <> '' THEN value ELSE stored END" changes `stored`.
bool changesText(const std::string& value, std::string_view stored)
{
    return !value.empty() && value != stored;
}

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

// For files the project did not know: no conflict is expected (the upsert above runs where one occurs).
const std::string& insertNewInstanceSql()
{
    static const std::string sql = [] {
        std::string text = "INSERT OR IGNORE INTO instances(series_ref, values_ref, folder_ref, file_name, "
                           "sop_uid_stem_ref, sop_uid_tail, "
            + instanceFileColumnList() + ") VALUES (?, ?, ?, ?, ?, ?";
        for (std::size_t index = 0; index < instanceFileColumnNames().size(); ++index) {
            text += ", ?";
        }
        return text + ")";
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
        return text + ")";
    }();
    return sql;
}

std::string patientKey(const InstanceRecord& record)
{
    // Without an ID, the name keeps different anonymous patients apart.
    return record.patientId.empty() ? "\x01name:" + record.patientName : record.patientId;
}

std::int64_t insertedId(SqliteStatement& insert)
{
    insert.run();
    const std::int64_t id = insert.insertedRowId();
    insert.reset();
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
    struct NewStudy {
        const InstanceRecord* record;
        std::int64_t patientId;
    };
    std::vector<NewStudy> newStudies;
    std::vector<const InstanceRecord*> newSeries;

    // Inserts `rows` rows by one statement per insertChunkRows (6 values a row); their ids, by the UID each
    // statement returns beside the id, go to `ids`.
    auto insertInChunks = [&](std::size_t rows, std::string (*sqlForRows)(std::size_t), const std::string& fullChunkSql,
                              std::unordered_map<std::string, std::int64_t>& ids, const auto& bindRow) {
        for (std::size_t first = 0; first < rows; first += insertChunkRows) {
            const std::size_t count = std::min(insertChunkRows, rows - first);
            std::unique_ptr<SqliteStatement> partChunk;
            SqliteStatement* insert = nullptr;
            if (count == insertChunkRows) {
                insert = &statement(fullChunkSql.c_str()); // prepared once
            } else {
                partChunk = std::make_unique<SqliteStatement>(m_database, m_path, sqlForRows(count));
                insert = partChunk.get();
            }
            for (std::size_t row = 0; row < count; ++row) {
                bindRow(*insert, static_cast<int>(row * 6 + 1), first + row);
            }
            while (insert->step()) {
                ids[std::string(insert->textView(1))] = insert->int64(0);
            }
            insert->reset();
        }
    };

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
                id = insertedId(insert);
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
            known->second = insertedId(insert);
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
    std::vector<std::string> sharedScratch;
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
        insert.bind(1, seriesId);
        bindInstanceSharedValues(insert, 2, record, sharedScratch);
        const std::int64_t id = insertedId(insert);
        known->second.emplace_back(id, &record);
        return id;
    };

    // Patients (a plain insert each: patients have no insert trigger), known studies and series; the new
    // studies and series in order of appearance, each with the first record that has it.
    const InstanceRecord* previous = nullptr;
    for (const InstanceRecord& record : instances) {
        // Files come series by series: one of the same patient, study and series as the file before adds nothing.
        if (previous != nullptr && record.seriesInstanceUid == previous->seriesInstanceUid
            && record.studyInstanceUid == previous->studyInstanceUid && record.patientId == previous->patientId
            && record.patientName == previous->patientName) {
            continue;
        }
        previous = &record;
        const std::string key = patientKey(record);
        auto patient = patientIds.find(key);
        if (patient == patientIds.end()) {
            SqliteStatement& query = statement(patientSql);
            query.bind(1, key);
            std::int64_t id = -1;
            bool changed = false;
            if (query.step()) {
                id = query.int64(0);
                changed = changesText(record.patientName, query.textView(1))
                    || changesText(record.patientSex, query.textView(2))
                    || changesText(record.patientBirthDate, query.textView(3));
            }
            query.reset();
            if (id < 0) {
                SqliteStatement& insert = statement(insertPatientSql);
                insert.bind(1, key);
                insert.bind(2, record.patientId);
                insert.bind(3, record.patientName);
                insert.bind(4, record.patientSex);
                insert.bind(5, record.patientBirthDate);
                id = insertedId(insert);
            } else if (changed) {
                SqliteStatement& update = statement(updatePatientSql);
                update.bind(1, id);
                update.bind(2, record.patientName);
                update.bind(3, record.patientSex);
                update.bind(4, record.patientBirthDate);
                update.run();
                update.reset();
            }
            patient = patientIds.emplace(key, id).first;
        }
        if (studyIds.find(record.studyInstanceUid) == studyIds.end()) {
            SqliteStatement& query = statement(studySql);
            query.bind(1, record.studyInstanceUid);
            std::int64_t id = -1;
            bool changed = false;
            if (query.step()) {
                id = query.int64(0);
                changed = changesText(record.accessionNumber, query.textView(1))
                    || changesText(record.studyDate, query.textView(2))
                    || changesText(record.studyTime, query.textView(3))
                    || changesText(record.studyDescription, query.textView(4));
            }
            query.reset();
            if (id < 0) {
                newStudies.push_back(NewStudy { &record, patient->second });
            } else if (changed) {
                SqliteStatement& update = statement(updateStudySql);
                update.bind(1, id);
                update.bind(2, record.accessionNumber);
                update.bind(3, record.studyDate);
                update.bind(4, record.studyTime);
                update.bind(5, record.studyDescription);
                update.run();
                update.reset();
            }
            studyIds.emplace(record.studyInstanceUid, id);
        }
        if (seriesIds.find(record.seriesInstanceUid) == seriesIds.end()) {
            SqliteStatement& query = statement(seriesSql);
            query.bind(1, record.seriesInstanceUid);
            std::int64_t id = -1;
            bool changed = false;
            if (query.step()) {
                id = query.int64(0);
                changed = changesText(record.modality, query.textView(1))
                    || (record.seriesNumber && query.optionalInteger(2) != record.seriesNumber)
                    || changesText(record.seriesDescription, query.textView(3));
            }
            query.reset();
            if (id < 0) {
                newSeries.push_back(&record);
            } else if (changed) {
                SqliteStatement& update = statement(updateSeriesSql);
                update.bind(1, id);
                update.bind(2, record.modality);
                update.bind(3, record.seriesNumber);
                update.bind(4, record.seriesDescription);
                update.run();
                update.reset();
            }
            seriesIds.emplace(record.seriesInstanceUid, id);
        }
    }
    insertInChunks(newStudies.size(), insertStudiesSql, fullChunkSql(insertStudiesSql), studyIds,
        [&](SqliteStatement& insert, int first, std::size_t row) {
            const NewStudy& study = newStudies[row];
            insert.bind(first, study.record->studyInstanceUid);
            insert.bind(first + 1, study.patientId);
            insert.bind(first + 2, study.record->accessionNumber);
            insert.bind(first + 3, study.record->studyDate);
            insert.bind(first + 4, study.record->studyTime);
            insert.bind(first + 5, study.record->studyDescription);
        });
    insertInChunks(newSeries.size(), insertSeriesSql, fullChunkSql(insertSeriesSql), seriesIds,
        [&](SqliteStatement& insert, int first, std::size_t row) {
            const InstanceRecord& record = *newSeries[row];
            insert.bind(first, record.seriesInstanceUid);
            insert.bind(first + 1, studyIds.at(record.studyInstanceUid));
            insert.bind(first + 2, record.modality);
            insert.bind(first + 3, record.seriesNumber);
            insert.bind(first + 4, record.seriesDescription);
            insert.bind(first + 5, record.sourceKind == SourceKind::VolumeFile ? 1 : 0);
        });

    std::vector<std::string> fileScratch;
    const std::string* lastSeriesUid = nullptr;
    std::int64_t lastSeriesId = -1;
    for (const InstanceRecord& record : instances) {
        rememberPreviousSeries(record.filePath);
        if (lastSeriesUid == nullptr || *lastSeriesUid != record.seriesInstanceUid) {
            lastSeriesUid = &record.seriesInstanceUid;
            lastSeriesId = seriesIds.at(record.seriesInstanceUid);
        }
        const std::int64_t seriesId = lastSeriesId;
        const std::int64_t valuesId = sharedValuesId(seriesId, record);
        const FolderAndName file = splitFilePath(record.filePath);
        const std::int64_t folder = folderId(file.folder);
        const SopUidParts sopUid = sopUidParts(record);
        const std::int64_t sopUidStem = sopUid.valid ? sopUidStemId(sopUid) : -1;
        auto bindInstance = [&](SqliteStatement& write) {
            write.bind(1, seriesId);
            write.bind(2, valuesId);
            write.bind(3, folder);
            write.bindText(4, file.name);
            if (sopUidStem < 0) {
                write.bindNull(5);
                write.bind(6, record.sopInstanceUid);
            } else {
                write.bind(5, sopUidStem);
                write.bindText(6, sopUid.tail);
            }
            bindInstanceFileValues(write, 7, record, fileScratch);
        };
        bool written = false;
        if (allPathsAreNew) {
            SqliteStatement& insert = statement(insertNewInstanceSql().c_str());
            bindInstance(insert);
            insert.run();
            written = insert.changedRows() == 1;
            insert.reset();
        }
        if (!written) {
            SqliteStatement& upsert = statement(upsertInstanceSql().c_str());
            bindInstance(upsert);
            upsert.run();
            upsert.reset();
        }

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
