#include "radmark/storage/pacs/PacsRetrieve.h"

#include "radmark/annotation/CsvRecord.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/pacs/PacsCache.h"
#include "radmark/storage/project/ProjectStore.h"

#include <cctype>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

namespace radmark::storage {

namespace fs = std::filesystem;

const char* toString(PacsRetrieveMethod method)
{
    switch (method) {
    case PacsRetrieveMethod::CGet:
        return "cget";
    case PacsRetrieveMethod::CMove:
        return "cmove";
    case PacsRetrieveMethod::Wado:
        return "wado";
    case PacsRetrieveMethod::Default:
        break;
    }
    return "default";
}

namespace {

using Clock = std::chrono::steady_clock;

// Files handed over by the retrieving thread, imported by the calling thread.
struct ArrivalQueue {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::string> files;
    std::size_t received = 0;
    bool finished = false;
    std::exception_ptr failure;
};

// The transfers that fetch exactly the missing instances: a whole study or series when nothing of it is cached,
// else the missing instances of each series.
std::vector<PacsRetrieveTarget> targetsForMissing(const PacsRetrieveRequest& request,
    const std::vector<PacsInstance>& expected, const std::vector<const PacsInstance*>& missing)
{
    std::vector<PacsRetrieveTarget> targets;
    if (missing.size() == expected.size()) {
        targets.push_back(PacsRetrieveTarget { request.studyInstanceUid, request.seriesInstanceUid, {} });
        return targets;
    }
    std::map<std::string, std::size_t> expectedPerSeries;
    for (const PacsInstance& instance : expected) {
        ++expectedPerSeries[instance.seriesInstanceUid];
    }
    std::map<std::string, std::vector<std::string>> missingPerSeries;
    for (const PacsInstance* instance : missing) {
        missingPerSeries[instance->seriesInstanceUid].push_back(instance->sopInstanceUid);
    }
    for (auto& [seriesUid, sopUids] : missingPerSeries) {
        PacsRetrieveTarget target { request.studyInstanceUid, seriesUid, {} };
        if (sopUids.size() != expectedPerSeries[seriesUid]) {
            target.sopInstanceUids = std::move(sopUids);
        }
        targets.push_back(std::move(target));
    }
    return targets;
}

bool isCancelled(const std::atomic<bool>* cancel)
{
    return cancel != nullptr && cancel->load();
}

} // namespace

PacsRetrieveOutcome retrieveIntoProject(
    ProjectStore& project, PacsClient& client, const PacsRetrieveRequest& request, const PacsRetrieveOptions& options)
{
    PacsRetrieveOutcome outcome;
    PacsStudyProgress& progress = outcome.progress;
    progress.studyInstanceUid = request.studyInstanceUid;
    const std::string cacheFolder = pacsCacheFolder(project.path());

    std::vector<PacsInstance> expected;
    try {
        expected = client.queryInstances(request.studyInstanceUid, request.seriesInstanceUid, options.cancel);
    } catch (const PacsError& error) {
        if (error.kind() == PacsError::Kind::Cancelled) {
            outcome.cancelled = true;
            return outcome;
        }
        throw;
    }
    if (expected.empty()) {
        throw PacsError(PacsError::Kind::NotFound,
            (request.seriesInstanceUid.empty() ? "study " + request.studyInstanceUid
                                               : "series " + request.seriesInstanceUid)
                + " is not on the archive (deleted since the query?)");
    }
    progress.expected = expected.size();

    removePartialCacheFiles(cacheFolder, request.studyInstanceUid);
    std::vector<std::string> present;
    std::vector<const PacsInstance*> missing;
    for (const PacsInstance& instance : expected) {
        const std::string path = cachedInstancePath(
            cacheFolder, request.studyInstanceUid, instance.seriesInstanceUid, instance.sopInstanceUid);
        std::error_code error;
        if (fs::is_regular_file(path, error)) {
            present.push_back(path);
        } else {
            missing.push_back(&instance);
        }
    }
    progress.alreadyPresent = present.size();

    auto lastReport = Clock::now() - std::chrono::seconds(1);
    auto report = [&](bool force) {
        if (options.onProgress && (force || Clock::now() - lastReport >= std::chrono::milliseconds(100))) {
            lastReport = Clock::now();
            options.onProgress(progress);
        }
    };
    auto importBatch = [&](const std::vector<std::string>& files) {
        if (files.empty()) {
            return;
        }
        ImportOptions importOptions;
        importOptions.threads = 1;
        const ImportSummary summary = importPaths(project, files, importOptions);
        progress.imported += files.size();
        for (const SkippedFile& skipped : summary.skippedThisRun) {
            outcome.warnings.push_back(skipped.filePath + ": not imported (" + skipped.reason + ")");
        }
    };

    // Complete files of an earlier, interrupted retrieve: imported now (unchanged ones are recognised quickly).
    for (std::size_t first = 0; first < present.size(); first += options.importBatchSize) {
        const auto begin = present.begin() + static_cast<std::ptrdiff_t>(first);
        const auto end
            = present.begin() + static_cast<std::ptrdiff_t>(std::min(present.size(), first + options.importBatchSize));
        importBatch(std::vector<std::string>(begin, end));
        report(false);
    }
    report(true);

    if (!missing.empty() && !isCancelled(options.cancel)) {
        const std::vector<PacsRetrieveTarget> targets = targetsForMissing(request, expected, missing);
        ArrivalQueue queue;
        PacsTransferObserver observer;
        observer.cancel = options.cancel;
        observer.onInstanceStored = [&queue](const PacsStoredInstance& stored) {
            {
                const std::lock_guard<std::mutex> lock(queue.mutex);
                queue.files.push_back(stored.filePath);
                ++queue.received;
            }
            queue.changed.notify_one();
        };
        std::vector<std::string> transferWarnings; // written by the worker only, merged after it ended
        std::thread worker([&] {
            try {
                for (const PacsRetrieveTarget& target : targets) {
                    const PacsTransferResult result = client.retrieve(target, request.method, cacheFolder, observer);
                    transferWarnings.insert(transferWarnings.end(), result.warnings.begin(), result.warnings.end());
                    if (isCancelled(options.cancel)) {
                        break;
                    }
                }
            } catch (...) {
                const std::lock_guard<std::mutex> lock(queue.mutex);
                queue.failure = std::current_exception();
            }
            {
                const std::lock_guard<std::mutex> lock(queue.mutex);
                queue.finished = true;
            }
            queue.changed.notify_one();
        });

        std::vector<std::string> batch;
        auto lastImport = Clock::now();
        try {
            for (;;) {
                bool finished = false;
                {
                    std::unique_lock<std::mutex> lock(queue.mutex);
                    queue.changed.wait_for(
                        lock, std::chrono::milliseconds(100), [&] { return queue.finished || !queue.files.empty(); });
                    while (!queue.files.empty()) {
                        batch.push_back(std::move(queue.files.front()));
                        queue.files.pop_front();
                    }
                    progress.received = queue.received;
                    finished = queue.finished;
                }
                if (finished || batch.size() >= options.importBatchSize
                    || (!batch.empty() && Clock::now() - lastImport >= std::chrono::milliseconds(500))) {
                    importBatch(batch);
                    batch.clear();
                    lastImport = Clock::now();
                }
                report(false);
                if (finished) {
                    break;
                }
            }
        } catch (...) {
            worker.join();
            throw;
        }
        worker.join();
        outcome.warnings.insert(outcome.warnings.end(), transferWarnings.begin(), transferWarnings.end());
        if (queue.failure) {
            try {
                std::rethrow_exception(queue.failure);
            } catch (const PacsError& error) {
                if (error.kind() != PacsError::Kind::Cancelled) {
                    throw;
                }
            }
        }
    }

    outcome.cancelled = isCancelled(options.cancel);
    for (const PacsInstance* instance : missing) {
        std::error_code error;
        if (!fs::is_regular_file(cachedInstancePath(cacheFolder, request.studyInstanceUid, instance->seriesInstanceUid,
                                     instance->sopInstanceUid),
                error)) {
            outcome.missingSopInstanceUids.push_back(instance->sopInstanceUid);
        }
    }
    report(true);
    return outcome;
}

AccessionList readAccessionList(const std::string& csvPath)
{
    std::ifstream in(csvPath, std::ios::binary);
    if (!in) {
        throw ProjectError(csvPath + ": cannot read the accession list");
    }
    AccessionList list;
    std::string text;
    int lineNumber = 0;
    std::size_t column = 0;
    bool headerChecked = false;
    while (std::getline(in, text)) {
        ++lineNumber;
        if (!text.empty() && text.back() == '\r') {
            text.pop_back();
        }
        if (lineNumber == 1 && text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
            text.erase(0, 3);
        }
        std::vector<std::string> fields;
        if (!annotation::splitCsvRecord(text, fields)) {
            list.badRows.push_back("line " + std::to_string(lineNumber)
                + ": not a CSV record (unterminated quote or text after a closing quote)");
            continue;
        }
        if (!headerChecked) {
            headerChecked = true;
            bool header = false;
            for (std::size_t i = 0; i < fields.size(); ++i) {
                std::string lower;
                for (const char c : fields[i]) {
                    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                }
                if (lower == "accession" || lower == "accession_number" || lower == "accessionnumber") {
                    column = i;
                    header = true;
                    break;
                }
            }
            if (header) {
                continue;
            }
        }
        if (text.find_first_not_of(" \t") == std::string::npos) {
            continue; // blank line
        }
        const std::string value = column < fields.size() ? fields[column] : std::string {};
        std::string trimmed = value;
        while (!trimmed.empty() && trimmed.back() == ' ') {
            trimmed.pop_back();
        }
        while (!trimmed.empty() && trimmed.front() == ' ') {
            trimmed.erase(0, 1);
        }
        std::string problem;
        if (trimmed.empty()) {
            problem = "empty accession number";
        } else if (trimmed.size() > 16) {
            problem = "'" + trimmed + "' is longer than 16 characters (not an accession number)";
        } else {
            for (const char c : trimmed) {
                if (c == '\\' || c == '*' || c == '?' || static_cast<unsigned char>(c) < 0x20) {
                    problem = "'" + trimmed + "' holds a backslash, a wildcard or a control character";
                    break;
                }
            }
        }
        if (!problem.empty()) {
            list.badRows.push_back("line " + std::to_string(lineNumber) + ": " + problem);
            continue;
        }
        list.rows.push_back(AccessionListRow { lineNumber, trimmed });
    }
    return list;
}

} // namespace radmark::storage
