#pragma once

#include "dicomweb/DicomWebEndpoint.h"
#include "dicomweb/QidoMatches.h"

#include <QJsonArray>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

class QNetworkAccessManager;
class QUrlQuery;

namespace radmark::app::dicomweb {

class MultipartPartSink;

// What a STOW-RS store answered (PS3.18 §10.5.3): instances stored, instances refused with the reason.
struct StowResult {
    QStringList storedSopInstanceUids;
    QStringList failures; // "UID: reason"
};

// A DICOMweb client (PS3.18): QIDO-RS searches with limit/offset paging, WADO-RS retrieval of a study,
// series or instance as multipart/related; type="application/dicom" streamed part by part, STOW-RS of
// DICOM files. Synchronous: each call runs on the calling thread in a local event loop (a QCoreApplication
// must exist; any thread will do, also one not started by Qt) and returns or throws DicomWebError. The
// cancel flag stops a running request within 50 ms. Used by one thread at a time.
class DicomWebClient {
public:
    explicit DicomWebClient(DicomWebEndpoint endpoint, const std::atomic<bool>* cancelRequested = nullptr);
    ~DicomWebClient();
    DicomWebClient(const DicomWebClient&) = delete;
    DicomWebClient& operator=(const DicomWebClient&) = delete;

    const DicomWebEndpoint& endpoint() const { return m_endpoint; }
    // The flag the next calls check (may be null).
    void setCancelFlag(const std::atomic<bool>* cancelRequested) { m_cancelRequested = cancelRequested; }

    // GET {base}/studies?...&limit=&offset=: at most `limit` matches from the `offset`-th on (limit 0 = no limit).
    std::vector<StudyMatch> searchStudies(const StudyQuery& query, int limit, int offset);
    // GET {base}/studies/{study}/series.
    std::vector<SeriesMatch> searchSeries(const QString& studyUid, int limit = 0, int offset = 0);
    // GET {base}/studies/{study}[/series/{series}]/instances.
    std::vector<InstanceMatch> searchInstances(
        const QString& studyUid, const QString& seriesUid, int limit, int offset);
    // Every instance of a study or series, fetched in pages of `pageSize`.
    std::vector<InstanceMatch> allInstances(
        const QString& studyUid, const QString& seriesUid = {}, int pageSize = 1000);
    // A QIDO search of one study (limit=1): throws what went wrong; returns how many matched (0 or 1).
    int echo();

    // WADO-RS: GET {base}/studies/{study}[/series/{series}[/instances/{instance}]] with
    // Accept: multipart/related; type="application/dicom"; transfer-syntax=* (the stored files unchanged).
    // Each part goes to `sink` as it streams in; returns the number of parts. A response of another type,
    // a part that is not application/dicom, or a truncated body throws (the sink's open part is then
    // left unfinished: it must discard it).
    int retrieve(
        const QString& studyUid, const QString& seriesUid, const QString& sopInstanceUid, MultipartPartSink& sink);

    // STOW-RS: POST {base}/studies with the files as one multipart/related; type="application/dicom" body.
    StowResult store(const QStringList& dicomFilePaths);

    // The QIDO query parameters of a study search (for tests and the CLI's --verbose).
    static QUrlQuery studyQueryParameters(const StudyQuery& query, int limit, int offset);

private:
    QJsonArray qido(const QString& path, const QUrlQuery& parameters);
    QUrl resourceUrl(const QString& path) const;
    // The network access manager of the calling thread (made anew when the client moved to another thread).
    QNetworkAccessManager& network();

    DicomWebEndpoint m_endpoint;
    const std::atomic<bool>* m_cancelRequested;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace radmark::app::dicomweb
