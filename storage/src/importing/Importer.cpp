#include "radmark/storage/importing/Importer.h"

#include "files/ReadCancellation.h"
#include "importing/DicomIndexReader.h"
#include "importing/FolderScanner.h"
#include "importing/KnownFileStates.h"
#include "importing/ReportFileReader.h"
#include "importing/VolumeFileHeaderReader.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"
#include "sr/SrMeasurementImport.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace radmark::storage {

namespace {

using Clock = std::chrono::steady_clock;

// Files handed between threads in chunks, so that locks and wake-ups stay rare.
constexpr std::size_t scanChunkFiles = 256;
constexpr std::size_t workerChunkFiles = 32;
// Files the writing thread reads itself at a time while its next batch is not full: a few, so that a full
// batch waits little, and only small ones, so that a long read (a multi-gigabyte file, a large report CSV)
// never holds up the batches and the progress reports (it is left to the reader threads).
constexpr std::size_t writerChunkFiles = 8;
constexpr std::int64_t writerReadMaxBytes = 4 << 20;

// Reader threads for `threads` (ImportOptions::threads): 0 means one per core but the one of the writing thread.
unsigned readerThreadCount(unsigned threads)
{
    if (threads != 0) {
        return threads;
    }
    const unsigned cores = std::thread::hardware_concurrency();
    return cores > 1 ? cores - 1 : 1;
}

FileReadResult readHeader(const ScannedFile& file)
{
    try {
        if (!file.isVolumeFile) {
            if (std::optional<FileReadResult> report = readReportFile(file.filePath, file.givenExplicitly)) {
                return std::move(*report);
            }
        }
        return file.isVolumeFile ? VolumeFileHeaderReader::read(file.filePath, file.sizeBytes, file.modifiedNs)
                                 : DicomIndexReader::read(file.filePath, file.sizeBytes, file.modifiedNs);
    } catch (const std::exception& error) {
        return FileReadResult::skipped(std::string("unreadable: ") + error.what());
    } catch (...) {
        return FileReadResult::skipped("unreadable: unknown error while reading the header");
    }
}

// The threads of one import: a folder scanner, header readers, and the caller writing batches.
class ImportPipeline {
public:
    ImportPipeline(ProjectStore& project, const ImportOptions& options)
        : m_project(project)
        , m_options(options)
    {
    }

    ~ImportPipeline() { stopThreads(); }

    ImportSummary run(const std::vector<std::string>& paths);

private:
    struct ReadFile {
        ScannedFile file;
        FileReadResult result;
    };

    void scannerMain(const std::vector<std::string>& paths);
    void workerMain();
    void stopThreads();
    bool isUnchanged(const ScannedFile& file) const;
    void acceptScanned(std::vector<ScannedFile>& scanned, ImportSummary& summary);
    void acceptRead(std::vector<ReadFile>& read, ImportSummary& summary);
    void writeBatch(ImportSummary& summary, std::size_t maxFiles);
    // Reads files the readers have not taken yet on the writing thread (which has no batch to write).
    void readOnWritingThread(std::vector<ScannedFile>& files, ImportSummary& summary);
    std::size_t pendingFiles() const { return m_pendingInstances.size() + m_pendingSkipped.size(); }
    void reportProgress(ImportSummary& summary, bool force);
    bool cancelRequested() const { return m_options.cancelRequested && m_options.cancelRequested->load(); }

    ProjectStore& m_project;
    const ImportOptions& m_options;
    Clock::time_point m_start = Clock::now();
    Clock::time_point m_lastProgress = m_start;
    // (time, files processed) at recent progress calls: the rate behind the time-left estimate.
    std::deque<std::pair<Clock::time_point, std::size_t>> m_rateSamples;

    std::mutex m_mutex;
    std::condition_variable m_workAvailable;
    std::condition_variable m_coordinatorWake;
    std::deque<ScannedFile> m_scanned;
    std::size_t m_scannedTotal = 0;
    bool m_scanFinished = false;
    std::deque<ScannedFile> m_work;
    std::size_t m_inFlight = 0;
    std::vector<ReadFile> m_read;
    bool m_quit = false;
    std::atomic<bool> m_stop { false };

    std::thread m_scanner;
    std::vector<std::thread> m_workers;

    std::vector<InstanceRecord> m_pendingInstances;
    std::vector<SkippedFile> m_pendingSkipped;
    std::vector<std::string> m_srMeasurementFiles; // SR documents whose marks are imported after the images
    std::vector<ReportRecord> m_pendingReports;
    // Files the project knew before this import, with the size and time it knew them at.
    std::optional<KnownFileStates> m_knownFiles;
};

void ImportPipeline::scannerMain(const std::vector<std::string>& paths)
{
    pthread_setname_np(pthread_self(), "radmark-scan");
    std::vector<ScannedFile> chunk;
    auto flush = [&] {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_scannedTotal += chunk.size();
        std::move(chunk.begin(), chunk.end(), std::back_inserter(m_scanned));
        chunk.clear();
        m_coordinatorWake.notify_one();
    };
    try {
        FolderScanner scanner(
            [&](ScannedFile&& file) {
                chunk.push_back(std::move(file));
                if (chunk.size() >= scanChunkFiles) {
                    flush();
                }
            },
            m_stop);
        scanner.scan(paths);
    } catch (...) {
        // A scan failure (e.g. out of memory) ends the scan; what was found is still imported.
    }
    flush();
    std::lock_guard<std::mutex> lock(m_mutex);
    m_scanFinished = true;
    m_coordinatorWake.notify_one();
}

void ImportPipeline::workerMain()
{
    pthread_setname_np(pthread_self(), "radmark-read");
    // A read inside a large file stops as soon as the import stops, not at the file's end.
    const ReadCancellation::Scope cancellation(m_stop);
    std::vector<ScannedFile> taken;
    std::vector<ReadFile> done;
    done.reserve(workerChunkFiles);
    while (true) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_workAvailable.wait(lock, [this] { return m_quit || !m_work.empty(); });
            if (m_quit) {
                return;
            }
            const std::size_t count = std::min(workerChunkFiles, m_work.size());
            std::move(m_work.begin(), m_work.begin() + static_cast<std::ptrdiff_t>(count), std::back_inserter(taken));
            m_work.erase(m_work.begin(), m_work.begin() + static_cast<std::ptrdiff_t>(count));
            m_inFlight += count;
        }
        for (ScannedFile& file : taken) {
            if (m_stop) {
                break;
            }
            // Read into its place: a record (~1.4 KB) is moved as few times as possible on its way to the writer.
            ReadFile& item = done.emplace_back();
            item.result = readHeader(file);
            item.file = std::move(file);
        }
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_read.empty()) {
            m_read.swap(done);
        } else {
            std::move(done.begin(), done.end(), std::back_inserter(m_read));
        }
        m_inFlight -= taken.size();
        taken.clear();
        done.clear();
        done.reserve(workerChunkFiles);
        m_coordinatorWake.notify_one();
    }
}

void ImportPipeline::stopThreads()
{
    m_stop = true;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_quit = true;
        m_work.clear();
    }
    m_workAvailable.notify_all();
    if (m_scanner.joinable()) {
        m_scanner.join();
    }
    for (std::thread& worker : m_workers) {
        if (worker.joinable()) {
            worker.join();
        }
    }
}

bool ImportPipeline::isUnchanged(const ScannedFile& file) const
{
    const KnownFileStates::State* known = m_knownFiles->find(file.filePath);
    return known != nullptr && known->sizeBytes == file.sizeBytes && known->modifiedNs == file.modifiedNs;
}

void ImportPipeline::acceptScanned(std::vector<ScannedFile>& scanned, ImportSummary& summary)
{
    std::vector<ScannedFile> toRead;
    for (ScannedFile& file : scanned) {
        if (file.missing) {
            ++summary.progress.filesProcessed;
            ++summary.progress.filesSkipped;
            summary.skippedThisRun.push_back(SkippedFile { file.filePath, file.skipReason, 0, 0 });
        } else if (isUnchanged(file)) {
            ++summary.progress.filesProcessed;
            ++summary.progress.filesUnchanged;
        } else if (!file.skipReason.empty()) {
            ++summary.progress.filesProcessed;
            ++summary.progress.filesSkipped;
            SkippedFile skipped { file.filePath, file.skipReason, file.sizeBytes, file.modifiedNs };
            summary.skippedThisRun.push_back(skipped);
            m_pendingSkipped.push_back(std::move(skipped));
        } else {
            toRead.push_back(std::move(file));
        }
    }
    scanned.clear();
    if (!toRead.empty()) {
        std::lock_guard<std::mutex> lock(m_mutex);
        std::move(toRead.begin(), toRead.end(), std::back_inserter(m_work));
    }
    m_workAvailable.notify_all();
}

void ImportPipeline::acceptRead(std::vector<ReadFile>& read, ImportSummary& summary)
{
    for (ReadFile& item : read) {
        ++summary.progress.filesProcessed;
        std::move(item.result.reports.begin(), item.result.reports.end(), std::back_inserter(m_pendingReports));
        if (item.result.hasSrMeasurements) {
            m_srMeasurementFiles.push_back(item.file.filePath);
        }
        switch (item.result.outcome) {
        case FileReadResult::Outcome::Indexed:
            m_pendingInstances.push_back(std::move(item.result.record));
            break;
        case FileReadResult::Outcome::Skipped: {
            ++summary.progress.filesSkipped;
            SkippedFile skipped { item.file.filePath, item.result.reason, item.file.sizeBytes, item.file.modifiedNs };
            summary.skippedThisRun.push_back(skipped);
            m_pendingSkipped.push_back(std::move(skipped));
            break;
        }
        case FileReadResult::Outcome::Reports:
            if (!item.result.rowsNotImported.empty()) {
                // A report CSV some of whose rows were not imported: listed with the skipped files (line numbers
                // in the reason), so that no row is dropped in silence.
                SkippedFile partly { item.file.filePath, item.result.rowsNotImported, item.file.sizeBytes,
                    item.file.modifiedNs };
                summary.skippedThisRun.push_back(partly);
                m_pendingSkipped.push_back(std::move(partly));
            }
            break;
        case FileReadResult::Outcome::Ignored:
            break;
        }
    }
    read.clear();
}

void ImportPipeline::writeBatch(ImportSummary& summary, std::size_t maxFiles)
{
    const auto instanceCount = static_cast<std::ptrdiff_t>(std::min(maxFiles, m_pendingInstances.size()));
    const auto skippedCount = static_cast<std::ptrdiff_t>(
        std::min(maxFiles - static_cast<std::size_t>(instanceCount), m_pendingSkipped.size()));
    if (!m_pendingReports.empty()) {
        ReportStore(m_project).addReports(m_pendingReports);
        summary.reportsImported += m_pendingReports.size();
        m_pendingReports.clear();
    }
    if (instanceCount == 0 && skippedCount == 0) {
        return;
    }
    std::vector<InstanceRecord> instances;
    std::vector<SkippedFile> skipped;
    if (static_cast<std::size_t>(instanceCount) == m_pendingInstances.size()
        && static_cast<std::size_t>(skippedCount) == m_pendingSkipped.size()) {
        // Everything pending goes: handed over without moving ~50 fields of each record.
        instances.swap(m_pendingInstances);
        skipped.swap(m_pendingSkipped);
        m_pendingInstances.reserve(instances.capacity());
    } else {
        instances.assign(std::make_move_iterator(m_pendingInstances.begin()),
            std::make_move_iterator(m_pendingInstances.begin() + instanceCount));
        skipped.assign(std::make_move_iterator(m_pendingSkipped.begin()),
            std::make_move_iterator(m_pendingSkipped.begin() + skippedCount));
        m_pendingInstances.erase(m_pendingInstances.begin(), m_pendingInstances.begin() + instanceCount);
        m_pendingSkipped.erase(m_pendingSkipped.begin(), m_pendingSkipped.begin() + skippedCount);
    }
    const auto isKnown = [this](const std::string& path) { return m_knownFiles->contains(path); };
    const bool allPathsAreNew = std::none_of(instances.begin(), instances.end(), [&](const auto& record) {
        return isKnown(record.filePath);
    }) && std::none_of(skipped.begin(), skipped.end(), [&](const auto& file) { return isKnown(file.filePath); });
    m_project.writeImportBatch(instances, skipped, allPathsAreNew);
    summary.progress.filesImported += instances.size();
}

void ImportPipeline::reportProgress(ImportSummary& summary, bool force)
{
    const Clock::time_point now = Clock::now();
    summary.progress.elapsedSeconds = std::chrono::duration<double>(now - m_start).count();
    summary.progress.filesPerSecond = summary.progress.elapsedSeconds > 0.0
        ? static_cast<double>(summary.progress.filesProcessed) / summary.progress.elapsedSeconds
        : 0.0;
    // The rate of the last ~10 s: a resumed import races through its unchanged files first, then slows down.
    m_rateSamples.emplace_back(now, summary.progress.filesProcessed);
    while (m_rateSamples.size() > 2 && now - m_rateSamples[1].first >= std::chrono::seconds(10)) {
        m_rateSamples.pop_front();
    }
    const double windowSeconds = std::chrono::duration<double>(now - m_rateSamples.front().first).count();
    const double recentRate = windowSeconds >= 1.0
        ? static_cast<double>(summary.progress.filesProcessed - m_rateSamples.front().second) / windowSeconds
        : summary.progress.filesPerSecond;
    const std::size_t filesLeft
        = summary.progress.filesFound - std::min(summary.progress.filesFound, summary.progress.filesProcessed);
    if (summary.progress.scanFinished && filesLeft == 0) {
        summary.progress.secondsLeft = 0.0;
    } else if (summary.progress.scanFinished && recentRate > 0.0) {
        summary.progress.secondsLeft = static_cast<double>(filesLeft) / recentRate;
    } else {
        summary.progress.secondsLeft = -1.0;
    }
    if (!m_options.onProgress) {
        return;
    }
    if (force || std::chrono::duration<double>(now - m_lastProgress).count() >= m_options.progressIntervalSeconds) {
        m_lastProgress = now;
        m_options.onProgress(summary.progress);
    }
}

void ImportPipeline::readOnWritingThread(std::vector<ScannedFile>& files, ImportSummary& summary)
{
    if (files.empty()) {
        return;
    }
    // A long read here stops when the user cancels (the readers' flag is set only after this thread stops).
    const ReadCancellation::Scope cancellation(m_options.cancelRequested ? *m_options.cancelRequested : m_stop);
    std::vector<ReadFile> done;
    done.reserve(files.size());
    for (ScannedFile& file : files) {
        if (cancelRequested()) {
            break;
        }
        ReadFile& item = done.emplace_back();
        item.result = readHeader(file);
        item.file = std::move(file);
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_inFlight -= files.size();
    }
    files.clear();
    acceptRead(done, summary);
}

ImportSummary ImportPipeline::run(const std::vector<std::string>& paths)
{
    ImportSummary summary;
    const unsigned threadCount = readerThreadCount(m_options.threads);
    const std::size_t batchSize = std::max<std::size_t>(1, m_options.batchSize);
    // Enough queued work to keep the readers busy while a batch is written, without holding every header.
    const std::size_t workLimit = std::max<std::size_t>(4 * batchSize, 1024);

    m_knownFiles.emplace(m_project);
    // Records are moved around whole (~50 fields): no reallocation while a batch fills.
    m_pendingInstances.reserve(batchSize + 2 * workerChunkFiles * threadCount);
    m_scanner = std::thread([this, &paths] { scannerMain(paths); });
    for (unsigned index = 0; index < threadCount; ++index) {
        m_workers.emplace_back([this] { workerMain(); });
    }

    std::vector<ScannedFile> scanned;
    std::vector<ReadFile> read;
    std::vector<ScannedFile> toReadHere;
    bool finished = false;
    while (!finished) {
        if (cancelRequested()) {
            summary.cancelled = true;
            break;
        }
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            const auto ready = [&] {
                const bool canTakeScanned = !m_scanned.empty() && m_work.size() < workLimit;
                const bool allDone = m_scanFinished && m_scanned.empty() && m_work.empty() && m_inFlight == 0;
                return canTakeScanned || m_read.size() >= workerChunkFiles || allDone;
            };
            // With small files left to read and no batch to write, this thread reads rather than waits.
            const bool canRead
                = !m_work.empty() && m_work.front().sizeBytes <= writerReadMaxBytes && pendingFiles() < batchSize;
            if (!canRead) {
                m_coordinatorWake.wait_for(lock, std::chrono::milliseconds(20), ready);
            }
            if (m_work.size() < workLimit) {
                const std::size_t count = std::min(m_scanned.size(), workLimit - m_work.size());
                std::move(m_scanned.begin(), m_scanned.begin() + static_cast<std::ptrdiff_t>(count),
                    std::back_inserter(scanned));
                m_scanned.erase(m_scanned.begin(), m_scanned.begin() + static_cast<std::ptrdiff_t>(count));
            }
            read.swap(m_read);
            finished = m_scanFinished && m_scanned.empty() && m_work.empty() && m_inFlight == 0 && scanned.empty();
            summary.progress.filesFound = m_scannedTotal;
            summary.progress.scanFinished = m_scanFinished;
            if (read.size() < workerChunkFiles && pendingFiles() + read.size() < batchSize && !m_work.empty()) {
                std::size_t count = 0;
                while (count < std::min(writerChunkFiles, m_work.size())
                    && m_work[count].sizeBytes <= writerReadMaxBytes) {
                    ++count;
                }
                std::move(m_work.begin(), m_work.begin() + static_cast<std::ptrdiff_t>(count),
                    std::back_inserter(toReadHere));
                m_work.erase(m_work.begin(), m_work.begin() + static_cast<std::ptrdiff_t>(count));
                m_inFlight += count;
            }
        }
        acceptScanned(scanned, summary);
        acceptRead(read, summary);
        readOnWritingThread(toReadHere, summary);
        // One transaction per batch, and a cancel request is honoured between batches.
        while (pendingFiles() >= batchSize || (finished && (pendingFiles() > 0 || !m_pendingReports.empty()))) {
            if (cancelRequested()) {
                summary.cancelled = true;
                break;
            }
            writeBatch(summary, batchSize);
            reportProgress(summary, false);
        }
        if (summary.cancelled) {
            break;
        }
        reportProgress(summary, false);
    }
    stopThreads();
    if (!summary.cancelled) {
        SrMarksImport marks = importSrMeasurements(m_project, m_srMeasurementFiles);
        summary.marksImported = marks.marksImported;
        summary.marksAlreadyPresent = marks.marksAlreadyPresent;
        summary.measurementsNotImported = std::move(marks.notImported);
    }
    // Reports stored earlier without a study attach to the studies this import brought.
    ReportStore reports(m_project);
    summary.reportsAttached = reports.attachUnmatched();
    summary.reportsUnmatched = reports.unmatchedCount();
    reportProgress(summary, true);
    return summary;
}

} // namespace

ImportSummary importPaths(ProjectStore& project, const std::vector<std::string>& paths, const ImportOptions& options)
{
    if (project.isReadOnly()) {
        throw ProjectError(project.path() + ": cannot import into the project: it is open read-only ("
            + project.readOnlyReason() + ")");
    }
    DicomIndexReader::silenceDcmtkLogging();
    ImportPipeline pipeline(project, options);
    return pipeline.run(paths);
}

} // namespace radmark::storage
