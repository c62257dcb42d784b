#pragma once

#include "radmark/storage/project/ProjectError.h"

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace radmark::storage {

// The protocol-neutral face of a PACS (DIMSE in storage/src/pacs/dimse, DICOMweb in the app over Qt Network).
// Plain C++: no toolkit type appears here. A client object is used from one thread at a time; the calls block.
// Every long call takes `cancel` (may be null), checks it at least every 0.2 s and then throws
// PacsError{Kind::Cancelled} (so a cancel stops within a second).

// Why a PACS call failed, in words a user understands, plus a kind tests and callers can branch on.
class PacsError : public ProjectError {
public:
    enum class Kind {
        Refused, // nothing listens on host:port (connection refused) / DNS name unknown
        Timeout, // no answer in time
        AssociationRejected, // the archive rejected the association (message carries its reason, e.g. called AE)
        Http, // DICOMweb: HTTP status outside 2xx (message carries the status and its text)
        Protocol, // the peer answered something unexpected / a DIMSE failure status
        NotFound, // the study/series/instance is not (or no longer) on the archive
        Cancelled, // the cancel flag was set
        Configuration, // the connection cannot do this (e.g. C-MOVE without a local port)
    };
    PacsError(Kind kind, const std::string& message)
        : ProjectError(message)
        , m_kind(kind)
    {
    }
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

// Study-level query. Empty fields match anything. Names and descriptions may hold DICOM wildcards (* ?);
// a value without wildcards matches exactly (PACS rules: patient name matching is often case-insensitive).
struct PacsStudyQuery {
    std::string patientId;
    std::string patientName;
    std::string accessionNumber;
    std::string studyInstanceUid;
    std::string studyDateFrom; // YYYYMMDD, inclusive; empty = open
    std::string studyDateTo; // YYYYMMDD, inclusive; empty = open
    std::string modality; // one modality, matched against Modalities in Study (e.g. "CT")
    std::string studyDescription;
    // Paging: at most `limit` studies from `offset` (0-based). DICOMweb passes them as limit/offset; DIMSE
    // (no paging in C-FIND) stops reading after offset+limit answers, cancels the C-FIND and says `more`.
    std::size_t limit = 100;
    std::size_t offset = 0;
};

// The Study Date matching value both protocols send for the query's date bounds (DICOM range matching, PS3.4
// C.2.2.2.5; QIDO-RS takes the same text): "" when both ends are open, "20240102" when they are the same day,
// otherwise "from-to" with an open end left empty ("20240102-", "-20240104").
std::string studyDateRange(const PacsStudyQuery& query);

struct PacsStudy {
    std::string studyInstanceUid;
    std::string patientId;
    std::string patientName;
    std::string patientBirthDate;
    std::string accessionNumber;
    std::string studyDate; // YYYYMMDD
    std::string studyTime;
    std::string studyDescription;
    std::vector<std::string> modalities; // Modalities in Study
    int seriesCount = -1; // Number of Study Related Series; -1 when the archive did not say
    int instanceCount = -1; // Number of Study Related Instances; -1 when unknown
};

struct PacsQueryPage {
    std::vector<PacsStudy> studies;
    // True when the archive has more matches after this page (DIMSE: a further answer arrived beyond the cap;
    // DICOMweb: a full page came back, or the server said so with a Warning header).
    bool more = false;
};

struct PacsSeries {
    std::string seriesInstanceUid;
    std::string studyInstanceUid;
    std::string modality;
    std::string seriesDescription;
    int seriesNumber = 0;
    int instanceCount = -1; // Number of Series Related Instances; -1 when unknown
};

struct PacsInstance {
    std::string sopInstanceUid;
    std::string seriesInstanceUid;
    std::string studyInstanceUid;
    std::string sopClassUid;
    int instanceNumber = 0;
};

enum class PacsRetrieveMethod {
    Default, // C-GET for DIMSE, WADO-RS for DICOMweb
    CGet,
    CMove,
    Wado,
};
const char* toString(PacsRetrieveMethod method); // "default" / "cget" / "cmove" / "wado"

// What to fetch: a whole study, a whole series, or listed instances of one series (resume).
struct PacsRetrieveTarget {
    std::string studyInstanceUid;
    std::string seriesInstanceUid; // empty: the whole study
    std::vector<std::string> sopInstanceUids; // empty: the whole series/study; else only these (one series)
};

// One instance written completely into the cache (already renamed from its partial name).
struct PacsStoredInstance {
    std::string filePath;
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::string sopInstanceUid;
};

struct PacsTransferObserver {
    // Called on the retrieving thread for every complete file, in arrival order.
    std::function<void(const PacsStoredInstance&)> onInstanceStored;
    // Called on the retrieving thread after each file with this call's counts: received so far and the
    // number the archive announced (DIMSE: remaining + completed sub-operations; DICOMweb: -1 when unknown).
    std::function<void(std::size_t received, long long announced)> onTransferProgress;
    const std::atomic<bool>* cancel = nullptr;
};

struct PacsTransferResult {
    std::size_t received = 0; // files written into the cache by this call
    std::size_t failed = 0; // instances the archive reported it could not send
    std::vector<std::string> warnings;
};

class PacsClient {
public:
    virtual ~PacsClient() = default;

    // C-ECHO / a QIDO request: returns a short success text ("C-ECHO to ORTHANC@127.0.0.1:4242 answered in 4 ms");
    // throws PacsError saying plainly what failed.
    virtual std::string echo() = 0;

    virtual PacsQueryPage queryStudies(const PacsStudyQuery& query, const std::atomic<bool>* cancel) = 0;
    virtual std::vector<PacsSeries> querySeries(const std::string& studyInstanceUid, const std::atomic<bool>* cancel)
        = 0;
    // The instances of a study (all series when seriesInstanceUid is empty). An empty list means the study is
    // unknown to the archive.
    virtual std::vector<PacsInstance> queryInstances(
        const std::string& studyInstanceUid, const std::string& seriesInstanceUid, const std::atomic<bool>* cancel)
        = 0;

    // Fetches `target` into `cacheFolder` (see PacsCache.h for the layout: write to partialCachePath, then
    // commitCacheFile). Throws PacsError (Cancelled when cancelled: the files committed so far stay).
    virtual PacsTransferResult retrieve(const PacsRetrieveTarget& target, PacsRetrieveMethod method,
        const std::string& cacheFolder, const PacsTransferObserver& observer)
        = 0;

    // Sends one DICOM file (e.g. an SR) with C-STORE / STOW-RS; returns a short success text.
    virtual std::string store(const std::string& filePath) = 0;
};

} // namespace radmark::storage
