#include "dicomweb/DicomWebPacsClient.h"

#include "dicomweb/DicomWebError.h"
#include "dicomweb/HttpTransfer.h"
#include "dicomweb/PartFileSink.h"

#include "radmark/storage/pacs/PacsCache.h"
#include "radmark/storage/pacs/ReceivedInstanceUids.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <filesystem>

namespace radmark::app::dicomweb {

namespace fs = std::filesystem;
using storage::PacsError;

namespace {

QString qt(const std::string& text)
{
    return QString::fromStdString(text);
}

PacsError::Kind pacsErrorKind(const DicomWebError& error)
{
    switch (error.kind()) {
    case DicomWebError::Kind::ConnectionRefused:
    case DicomWebError::Kind::HostNotFound:
        return PacsError::Kind::Refused;
    case DicomWebError::Kind::Timeout:
        return PacsError::Kind::Timeout;
    case DicomWebError::Kind::HttpStatus:
        return error.httpStatus() == 404 ? PacsError::Kind::NotFound : PacsError::Kind::Http;
    case DicomWebError::Kind::Cancelled:
        return PacsError::Kind::Cancelled;
    case DicomWebError::Kind::WrongContentType:
    case DicomWebError::Kind::MalformedResponse:
    case DicomWebError::Kind::Network:
    case DicomWebError::Kind::LocalFile:
        return PacsError::Kind::Protocol;
    }
    return PacsError::Kind::Protocol;
}

// Runs `call`, turning a DicomWebError into the PacsError callers of any protocol understand.
template <typename Call> auto translated(const std::string& connectionName, Call&& call) -> decltype(call())
{
    try {
        return call();
    } catch (const DicomWebError& error) {
        if (error.kind() == DicomWebError::Kind::Cancelled) {
            throw PacsError(PacsError::Kind::Cancelled, "cancelled");
        }
        throw PacsError(pacsErrorKind(error), "PACS " + connectionName + ": " + error.what());
    }
}

std::vector<std::string> splitModalities(const QString& modalities)
{
    std::vector<std::string> list;
    for (const QString& modality : modalities.split(QLatin1Char('\\'), Qt::SkipEmptyParts)) {
        list.push_back(modality.trimmed().toStdString());
    }
    return list;
}

// Qt Network needs a QCoreApplication for its event loops; the command line has none (the GUI has its
// QApplication). Made once, on the first DICOMweb client of the process (the command line's main thread).
void ensureCoreApplication()
{
    if (QCoreApplication::instance() == nullptr) {
        static int argc = 1;
        static char name[] = "radmark";
        static char* argv[] = { name, nullptr };
        // Never destroyed: its destructor would run among the other statics at exit.
        static QCoreApplication* application = new QCoreApplication(argc, argv);
        (void)application;
    }
}

} // namespace

DicomWebEndpoint dicomWebEndpoint(const storage::PacsConnection& connection)
{
    DicomWebEndpoint endpoint;
    endpoint.baseUrl = QUrl(qt(connection.baseUrl));
    if (connection.auth == storage::PacsConnection::Auth::Basic) {
        endpoint.user = qt(connection.user);
        endpoint.password = qt(storage::readSecretFile(connection.passwordFile));
    } else if (connection.auth == storage::PacsConnection::Auth::Bearer) {
        endpoint.bearerToken = qt(storage::readSecretFile(connection.tokenFile));
    }
    return endpoint;
}

DicomWebPacsClient::DicomWebPacsClient(const storage::PacsConnection& connection, int idleTimeoutSeconds)
    : m_name(connection.name)
    , m_client([&] {
        ensureCoreApplication();
        DicomWebEndpoint endpoint = dicomWebEndpoint(connection);
        endpoint.idleTimeoutSeconds = idleTimeoutSeconds;
        return endpoint;
    }())
{
}

StudyQuery DicomWebPacsClient::toStudyQuery(const storage::PacsStudyQuery& query)
{
    StudyQuery qido;
    qido.patientId = qt(query.patientId);
    qido.patientName = qt(query.patientName);
    qido.accessionNumber = qt(query.accessionNumber);
    qido.studyInstanceUid = qt(query.studyInstanceUid);
    qido.studyDate = qt(storage::studyDateRange(query));
    qido.modality = qt(query.modality);
    qido.studyDescription = qt(query.studyDescription);
    return qido;
}

std::string DicomWebPacsClient::echo()
{
    m_client.setCancelFlag(nullptr);
    return translated(m_name, [&] {
        QElapsedTimer clock;
        clock.start();
        m_client.echo();
        return "QIDO-RS request to " + urlForMessages(m_client.endpoint().baseUrl).toStdString() + " answered in "
            + std::to_string(clock.elapsed()) + " ms";
    });
}

storage::PacsQueryPage DicomWebPacsClient::queryStudies(
    const storage::PacsStudyQuery& query, const std::atomic<bool>* cancel)
{
    m_client.setCancelFlag(cancel);
    return translated(m_name, [&] {
        const int limit = static_cast<int>(query.limit);
        // One more than the page: whether it came tells exactly whether there is a next page.
        std::vector<StudyMatch> matches
            = m_client.searchStudies(toStudyQuery(query), limit > 0 ? limit + 1 : 0, static_cast<int>(query.offset));
        storage::PacsQueryPage page;
        if (limit > 0 && static_cast<int>(matches.size()) > limit) {
            page.more = true;
            matches.resize(static_cast<std::size_t>(limit));
        }
        for (const StudyMatch& match : matches) {
            storage::PacsStudy study;
            study.studyInstanceUid = match.studyInstanceUid.toStdString();
            study.patientId = match.patientId.toStdString();
            study.patientName = match.patientName.toStdString();
            study.patientBirthDate = match.patientBirthDate.toStdString();
            study.accessionNumber = match.accessionNumber.toStdString();
            study.studyDate = match.studyDate.toStdString();
            study.studyTime = match.studyTime.toStdString();
            study.studyDescription = match.studyDescription.toStdString();
            study.modalities = splitModalities(match.modalitiesInStudy);
            study.seriesCount = match.numberOfSeries;
            study.instanceCount = match.numberOfInstances;
            page.studies.push_back(std::move(study));
        }
        return page;
    });
}

std::vector<storage::PacsSeries> DicomWebPacsClient::querySeries(
    const std::string& studyInstanceUid, const std::atomic<bool>* cancel)
{
    m_client.setCancelFlag(cancel);
    return translated(m_name, [&] {
        std::vector<storage::PacsSeries> list;
        for (const SeriesMatch& match : m_client.searchSeries(qt(studyInstanceUid))) {
            storage::PacsSeries series;
            series.seriesInstanceUid = match.seriesInstanceUid.toStdString();
            series.studyInstanceUid = match.studyInstanceUid.toStdString();
            series.modality = match.modality.toStdString();
            series.seriesDescription = match.seriesDescription.toStdString();
            series.seriesNumber = std::max(match.seriesNumber, 0);
            series.instanceCount = match.numberOfInstances;
            list.push_back(std::move(series));
        }
        return list;
    });
}

std::vector<storage::PacsInstance> DicomWebPacsClient::queryInstances(
    const std::string& studyInstanceUid, const std::string& seriesInstanceUid, const std::atomic<bool>* cancel)
{
    m_client.setCancelFlag(cancel);
    try {
        return translated(m_name, [&] {
            std::vector<storage::PacsInstance> list;
            for (const InstanceMatch& match : m_client.allInstances(qt(studyInstanceUid), qt(seriesInstanceUid))) {
                storage::PacsInstance instance;
                instance.sopInstanceUid = match.sopInstanceUid.toStdString();
                instance.seriesInstanceUid = match.seriesInstanceUid.toStdString();
                instance.studyInstanceUid = match.studyInstanceUid.toStdString();
                instance.sopClassUid = match.sopClassUid.toStdString();
                instance.instanceNumber = std::max(match.instanceNumber, 0);
                list.push_back(std::move(instance));
            }
            return list;
        });
    } catch (const PacsError& error) {
        if (error.kind() == PacsError::Kind::NotFound) {
            return {}; // Orthanc answers 404 for an unknown study; the interface says: an empty list
        }
        throw;
    }
}

storage::PacsTransferResult DicomWebPacsClient::retrieve(const storage::PacsRetrieveTarget& target,
    storage::PacsRetrieveMethod method, const std::string& cacheFolder, const storage::PacsTransferObserver& observer)
{
    if (method != storage::PacsRetrieveMethod::Default && method != storage::PacsRetrieveMethod::Wado) {
        throw PacsError(PacsError::Kind::Configuration,
            "PACS " + m_name + " is a DICOMweb connection: it retrieves with WADO-RS, not " + storage::toString(method)
                + " (that needs a DIMSE connection)");
    }
    m_client.setCancelFlag(observer.cancel);
    // The hidden partial files go to the study's folder (removed there by a later retrieve if left behind).
    const fs::path studyFolder = fs::path(storage::cachedInstancePath(cacheFolder, target.studyInstanceUid, "_", "_"))
                                     .parent_path()
                                     .parent_path();
    std::error_code folderError;
    fs::create_directories(studyFolder, folderError);
    if (folderError) {
        throw storage::ProjectError(
            studyFolder.string() + ": cannot create the cache folder (" + folderError.message() + ")");
    }
    storage::PacsTransferResult result;
    const long long announced
        = target.sopInstanceUids.empty() ? -1 : static_cast<long long>(target.sopInstanceUids.size());
    int partNumber = 0;
    const auto placeInstance = [&](const QString& partPath) {
        ++partNumber;
        const std::string part = partPath.toStdString();
        const auto drop = [&](const std::string& why) {
            QFile::remove(partPath);
            ++result.failed;
            result.warnings.push_back("PACS " + m_name + ": instance " + std::to_string(partNumber)
                + " of the WADO-RS response was dropped: " + why);
        };
        storage::ReceivedInstanceUids record;
        try {
            record = storage::readReceivedInstanceUids(part);
        } catch (const storage::ProjectError& error) {
            drop(error.what());
            return;
        }
        if (record.studyInstanceUid != target.studyInstanceUid) {
            drop("it belongs to study " + record.studyInstanceUid + ", not " + target.studyInstanceUid);
            return;
        }
        const std::string finalPath = storage::cachedInstancePath(
            cacheFolder, record.studyInstanceUid, record.seriesInstanceUid, record.sopInstanceUid);
        std::error_code error;
        fs::create_directories(fs::path(finalPath).parent_path(), error);
        storage::commitCacheFile(part, finalPath);
        ++result.received;
        if (observer.onInstanceStored) {
            observer.onInstanceStored(
                { finalPath, record.studyInstanceUid, record.seriesInstanceUid, record.sopInstanceUid });
        }
        if (observer.onTransferProgress) {
            observer.onTransferProgress(result.received, announced);
        }
        if (observer.cancel != nullptr && observer.cancel->load()) {
            // Stop after this complete instance, not after the rest of the response already buffered.
            throw DicomWebError(DicomWebError::Kind::Cancelled, "cancelled");
        }
    };

    translated(m_name, [&] {
        PartFileSink sink(QString::fromStdString(studyFolder.string()), placeInstance);
        const QString study = qt(target.studyInstanceUid);
        if (target.sopInstanceUids.empty()) {
            m_client.retrieve(study, qt(target.seriesInstanceUid), {}, sink);
            return 0;
        }
        if (target.seriesInstanceUid.empty()) {
            throw PacsError(PacsError::Kind::Configuration,
                "PACS " + m_name + ": listed instances are retrieved per series (no series given)");
        }
        for (const std::string& sopInstanceUid : target.sopInstanceUids) {
            m_client.retrieve(study, qt(target.seriesInstanceUid), qt(sopInstanceUid), sink);
        }
        return 0;
    });
    return result;
}

std::string DicomWebPacsClient::store(const std::string& filePath)
{
    m_client.setCancelFlag(nullptr);
    return translated(m_name, [&] {
        const StowResult result = m_client.store({ qt(filePath) });
        if (!result.failures.isEmpty()) {
            throw PacsError(PacsError::Kind::Protocol,
                "PACS " + m_name + ": STOW-RS refused " + filePath + " ("
                    + result.failures.join(QStringLiteral("; ")).toStdString() + ")");
        }
        return "STOW-RS to " + urlForMessages(m_client.endpoint().baseUrl).toStdString() + " stored "
            + (result.storedSopInstanceUids.isEmpty()
                    ? std::string("the file")
                    : "instance " + result.storedSopInstanceUids.first().toStdString());
    });
}

} // namespace radmark::app::dicomweb
