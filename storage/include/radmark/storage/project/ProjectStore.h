#pragma once

#include "radmark/storage/project/InstanceRecord.h"
#include "radmark/storage/project/ProjectRecords.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

struct sqlite3;

namespace radmark::storage {

class ProjectWriterLock;
class SqliteStatement;

// The project: one SQLite file (`.radmark`). Schema version in PRAGMA user_version with numbered
// migrations, foreign keys on, WAL journal, every write in a transaction. Pixel data never goes in;
// files are referenced by absolute path, size and modification time.
//
// Every failure throws ProjectError with a message naming the file and the reason.
// One object is used from one thread at a time (it caches prepared statements).
class ProjectStore {
public:
    enum class OpenMode {
        CreateIfMissing, // read-write, creating the file and schema when absent
        ReadWrite, // read-write, the file must exist
        ReadOnly, // never writes (also what a read-only file falls back to, see isReadOnly)
    };

    static int currentSchemaVersion();

    static std::unique_ptr<ProjectStore> open(const std::string& path, OpenMode mode);
    ~ProjectStore();
    ProjectStore(const ProjectStore&) = delete;
    ProjectStore& operator=(const ProjectStore&) = delete;

    const std::string& path() const { return m_path; }
    bool isReadOnly() const { return m_readOnly; }
    int schemaVersion() const;

    // Reading.
    ProjectCounts counts() const;
    std::vector<PatientSummary> patients() const;
    std::vector<StudySummary> studies() const;
    std::vector<SeriesSummary> series() const;
    std::optional<SeriesSummary> seriesByUid(const std::string& seriesUid) const;
    // The series of one study (by its row id) with their row ids, by series number, description, UID.
    std::vector<std::pair<std::int64_t, SeriesSummary>> seriesOfStudy(std::int64_t studyId) const;
    std::vector<SkippedFile> skippedFiles() const;
    std::vector<SeriesInstanceFile> seriesFiles(const std::string& seriesUid) const;
    std::vector<InstanceRecord> seriesInstances(const std::string& seriesUid) const;

    // Import bookkeeping. `isUnchanged` answers whether a file at that path with that size and
    // modification time is already indexed (or already skipped for the same file state).
    bool isUnchanged(const std::string& filePath, std::int64_t sizeBytes, std::int64_t modifiedNs) const;

    // Size and modification time of every file the project knows (indexed or skipped), read in one
    // query so that an import can tell unchanged and never-seen files apart without a query per file.
    struct FileState {
        std::int64_t sizeBytes = 0;
        std::int64_t modifiedNs = 0;
    };
    std::unordered_map<std::string, FileState> knownFileStates() const;

    // Writes one batch in one transaction: upserts instances (and their patient, study, series),
    // records skipped files with reasons, and removes an earlier skip entry of a file that now reads.
    // `allPathsAreNew` promises that no file of the batch is indexed or skipped yet (the importer
    // knows from knownFileStates), which saves two index look-ups per file.
    void writeImportBatch(const std::vector<InstanceRecord>& instances, const std::vector<SkippedFile>& skipped,
        bool allPathsAreNew = false);

    // The raw connection, for storage-internal helpers and tests only.
    sqlite3* connection() const { return m_database; }

    // Sets the modality of a series and its instances (e.g. CT for a NIfTI volume indexed as OT); kept until
    // the files change. Throws ProjectError for an unknown series or a value that is not a modality code.
    void setSeriesModality(const std::string& seriesUid, const std::string& modality);

    // A value of the project_meta table (e.g. "created_at", "radmark_version"); empty when absent.
    std::string metaValue(const std::string& key) const;

    // Why the project was opened read-only (empty when writable), e.g. "the file is not writable" or
    // "open for writing in another RadMark (process 1234)": a writable store holds an flock'ed lock file
    // beside the project (PROJECT.lock) so that one process writes at a time; stores of one process share it.
    const std::string& readOnlyReason() const { return m_readOnlyReason; }

private:
    // The stores of other tables share this connection's statement cache and write check.
    friend class LabelAuditStore;
    friend class MarkStore;
    friend class ReportStore;
    friend class SaliencyStore;

    ProjectStore(std::string path, sqlite3* database, bool readOnly);

    void configureConnection();
    void migrate();
    void requireWritable(const std::string& action) const;
    // Prepared once per SQL text (string literals: keyed by address) and reset for reuse.
    SqliteStatement& statement(const char* sql) const;

    std::string m_path;
    sqlite3* m_database = nullptr;
    bool m_readOnly = false;
    std::string m_readOnlyReason;
    mutable std::unordered_map<const char*, std::unique_ptr<SqliteStatement>> m_statements;
    std::shared_ptr<ProjectWriterLock> m_writerLock; // held while writable
};

} // namespace radmark::storage
