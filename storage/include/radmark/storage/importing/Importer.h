#pragma once

#include "radmark/storage/project/ProjectRecords.h"

#include "radmark/storage/project/InstanceRecord.h"

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

class ProjectStore;

struct ImportProgress {
    std::size_t filesFound = 0; // so far by the folder scan
    std::size_t filesProcessed = 0; // read (or found unchanged) so far
    std::size_t filesImported = 0; // new or changed files indexed
    std::size_t filesUnchanged = 0; // already indexed with the same size and time
    std::size_t filesSkipped = 0; // not DICOM / unreadable, with a reason
    double elapsedSeconds = 0.0;
    double filesPerSecond = 0.0; // average since the start
    bool scanFinished = false;
    // Estimated seconds until every file found is read and committed, from the rate of the last few seconds;
    // negative while unknown (the scan still runs, or nothing was read yet).
    double secondsLeft = -1.0;
};

// "12,345 of 20,000 files (61%), 2,345 files/s, 0:03 left" (or "..., 1,234 found so far" while scanning): one
// progress line for the command line and the GUI.
std::string importProgressText(const ImportProgress& progress);

struct ImportOptions {
    // Called from the importing thread at most every `progressIntervalSeconds`, and once at the end.
    std::function<void(const ImportProgress&)> onProgress;
    double progressIntervalSeconds = 0.1;
    // Set from any thread to stop; what was committed stays and the project stays consistent.
    const std::atomic<bool>* cancelRequested = nullptr;
    // Header-reading threads besides the writing thread (which also reads while its next batch is not full);
    // 0 means one per core but one, which the writing thread uses (at least one).
    unsigned threads = 0;
    // Files per SQLite transaction.
    std::size_t batchSize = 2000;
};

struct ImportSummary {
    ImportProgress progress;
    std::size_t reportsImported = 0; // report texts stored (text files, report CSV rows, SR documents)
    std::size_t reportsAttached = 0; // earlier unmatched reports whose study this import brought
    std::int64_t reportsUnmatched = 0; // reports of the project still matching no study
    std::size_t marksImported = 0; // lesion marks restored from TID 1500 SR documents
    std::size_t marksAlreadyPresent = 0; // SR marks imported before (kept as they are)
    std::vector<std::string> measurementsNotImported; // SR content that could not become marks, with why
    std::vector<SkippedFile> skippedThisRun;
    bool cancelled = false;
};

// Imports files and folders (recursively; DICOMDIR honoured; symlink loops safe) into the project.
// DICOM headers are read up to the pixel data; NIfTI / NRRD / MetaImage volumes become one study
// with one series each. Re-importing unchanged files adds nothing; changed files are re-read; a
// file that cannot be read is recorded with its reason and the import goes on.
ImportSummary importPaths(
    ProjectStore& project, const std::vector<std::string>& paths, const ImportOptions& options = ImportOptions {});

// What the importer reads from one file, without a project: the record it would index, or why it would skip
// the file. For diagnostics (e.g. a command that shows how a file is read) and tests. Plain little-endian DICOM
// files are read by a fast parser of the indexed attributes; `dcmtkOnly` forces DCMTK for every file.
struct FileHeaderReading {
    std::optional<InstanceRecord> record;
    std::string skipReason; // empty when `record` is set or the file is only a volume's data file
    bool readByFastParser = false; // DICOM read without DCMTK (the fast path of the import)
};
FileHeaderReading readFileHeader(const std::string& filePath, bool dcmtkOnly = false);

} // namespace radmark::storage
