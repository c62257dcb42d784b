#pragma once

#include "radmark/storage/pacs/PacsClient.h"

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace radmark::storage {

class ProjectStore;

// Protocol-neutral retrieval into a project (used by the CLI and the GUI for DIMSE and DICOMweb alike):
//  1. asks the archive for the instance UIDs of the study (or series): none -> PacsError NotFound ("study X is not
//     on NAME: deleted since the query?");
//  2. removes partial files of that study from the cache and imports complete cached files not yet imported
//     (a retrieve killed after a rename but before its import);
//  3. fetches only the missing instances (whole series when none of it is cached, else instance by instance)
//     on a worker thread through client.retrieve;
//  4. imports the files as they arrive, in batches, on the calling thread (the project is used by this thread only);
//  5. on cancel stops within a second; what arrived completely is kept and imported (resume fetches the rest).
struct PacsRetrieveRequest {
    std::string studyInstanceUid;
    std::string seriesInstanceUid; // empty: the whole study
    PacsRetrieveMethod method = PacsRetrieveMethod::Default;
};

struct PacsStudyProgress {
    std::string studyInstanceUid;
    std::size_t expected = 0; // instances the archive lists for the study/series
    std::size_t alreadyPresent = 0; // found complete in the cache at the start (not fetched again)
    std::size_t received = 0; // fetched by this retrieve so far
    std::size_t imported = 0; // of alreadyPresent + received, indexed into the project so far
    // received + alreadyPresent: what a progress bar shows out of `expected`.
    std::size_t done() const { return received + alreadyPresent; }
};

struct PacsRetrieveOptions {
    // Called on the calling thread at most every 0.1 s and once at the end.
    std::function<void(const PacsStudyProgress&)> onProgress;
    const std::atomic<bool>* cancel = nullptr;
    std::size_t importBatchSize = 200; // files per import transaction while retrieving
};

struct PacsRetrieveOutcome {
    PacsStudyProgress progress;
    std::vector<std::string> missingSopInstanceUids; // expected but still not in the cache afterwards
    std::vector<std::string> warnings;
    bool cancelled = false;
    bool complete() const { return !cancelled && missingSopInstanceUids.empty(); }
};

// Throws PacsError for archive failures (NotFound, Refused, ...) and ProjectError for project/cache failures;
// a cancel returns normally with `cancelled` set.
PacsRetrieveOutcome retrieveIntoProject(ProjectStore& project, PacsClient& client, const PacsRetrieveRequest& request,
    const PacsRetrieveOptions& options = PacsRetrieveOptions {});

// A CSV of accession numbers for a batch retrieve: the column `accession` / `accession_number` / `AccessionNumber`
// when the first row is a header naming one, else the first column. Rows that are not a valid accession number
// (empty, longer than 16 characters, control characters or a backslash) are listed with their line (from 1).
struct AccessionListRow {
    int line = 0;
    std::string accessionNumber;
};
struct AccessionList {
    std::vector<AccessionListRow> rows;
    std::vector<std::string> badRows; // "line 7: empty accession number"
};
// ProjectError naming the file when it cannot be read.
AccessionList readAccessionList(const std::string& csvPath);

} // namespace radmark::storage
