#pragma once

#include "dicomweb/DicomWebClient.h"

#include "radmark/storage/pacs/PacsClient.h"
#include "radmark/storage/pacs/PacsConnection.h"

namespace radmark::app::dicomweb {

// A project's DICOMweb connection behind the protocol-neutral storage::PacsClient: echo = a QIDO search
// with limit=1, queries = QIDO-RS (one more study asked for than the page holds, so `more` is exact),
// retrieve = WADO-RS (a whole study/series in one multipart response, listed instances one request each)
// streamed part by part into the cache (hidden .part file in the study's folder, its UIDs read from the
// received header, then renamed to <study>/<series>/<instance>.dcm), send = STOW-RS. DicomWebError
// becomes storage::PacsError with the matching kind.
class DicomWebPacsClient : public storage::PacsClient {
public:
    // Reads the password or token file of the connection (ProjectError naming it when unreadable).
    explicit DicomWebPacsClient(const storage::PacsConnection& connection, int idleTimeoutSeconds = 30);

    std::string echo() override;
    storage::PacsQueryPage queryStudies(const storage::PacsStudyQuery& query, const std::atomic<bool>* cancel) override;
    std::vector<storage::PacsSeries> querySeries(
        const std::string& studyInstanceUid, const std::atomic<bool>* cancel) override;
    std::vector<storage::PacsInstance> queryInstances(const std::string& studyInstanceUid,
        const std::string& seriesInstanceUid, const std::atomic<bool>* cancel) override;
    storage::PacsTransferResult retrieve(const storage::PacsRetrieveTarget& target, storage::PacsRetrieveMethod method,
        const std::string& cacheFolder, const storage::PacsTransferObserver& observer) override;
    std::string store(const std::string& filePath) override;

    // The QIDO criteria of a protocol-neutral query (date range as DICOM "FROM-TO").
    static StudyQuery toStudyQuery(const storage::PacsStudyQuery& query);

private:
    std::string m_name;
    DicomWebClient m_client;
};

// DICOMweb endpoint of a connection: base URL and the secret read from its file.
DicomWebEndpoint dicomWebEndpoint(const storage::PacsConnection& connection);

} // namespace radmark::app::dicomweb
