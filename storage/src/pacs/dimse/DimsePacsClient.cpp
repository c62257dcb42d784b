#include "radmark/storage/pacs/DimsePacsClient.h"

#include "pacs/dimse/DimseMoveReceiver.h"
#include "pacs/dimse/DimseReceivedFile.h"
#include "pacs/dimse/DimseRejectReason.h"
#include "pacs/dimse/DimseTransferSyntaxes.h"
#include "radmark/storage/project/ProjectError.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scu.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>

namespace radmark::storage {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

bool cancelled(const std::atomic<bool>* cancel)
{
    return cancel != nullptr && cancel->load();
}

[[noreturn]] void throwCancelled()
{
    throw PacsError(PacsError::Kind::Cancelled, "cancelled");
}

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == ' ' || text.back() == '\0')) {
        text.pop_back();
    }
    while (!text.empty() && text.front() == ' ') {
        text.erase(0, 1);
    }
    return text;
}

std::string stringOf(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    item.findAndGetOFStringArray(tag, value);
    return trimmed(value.c_str());
}

int intOf(DcmItem& item, const DcmTagKey& tag, int absent)
{
    const std::string text = stringOf(item, tag);
    if (text.empty()) {
        return absent;
    }
    try {
        return std::stoi(text);
    } catch (const std::exception&) {
        return absent;
    }
}

std::vector<std::string> splitValues(const std::string& text)
{
    std::vector<std::string> values;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find('\\', start);
        const std::string value
            = trimmed(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (!value.empty()) {
            values.push_back(value);
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return values;
}

std::string statusText(Uint16 status)
{
    char hex[8];
    std::snprintf(hex, sizeof(hex), "%04x", status);
    std::string meaning;
    switch (status) {
    case 0xa700:
    case 0xa701:
    case 0xa702:
        meaning = "out of resources";
        break;
    case 0xa801:
        meaning = "move destination unknown: the archive does not know RadMark's AE title (register it there with "
                  "its host and port)";
        break;
    case 0xa900:
        meaning = "identifier does not match the SOP class";
        break;
    case 0x0122:
        meaning = "SOP class not supported";
        break;
    case 0x0124:
        meaning = "not authorised";
        break;
    case 0xfe00:
        meaning = "cancelled";
        break;
    default:
        meaning = (status & 0xf000) == 0xc000 ? "unable to process" : "failure";
    }
    return "status 0x" + std::string(hex) + ", " + meaning;
}

// DcmSCU with what RadMark needs on top: responses are awaited in one-second steps so that a cancel is seen within a
// second even while the archive is silent, C-STORE sub-operations of a C-GET are received bit for bit into partial
// files named by RadMark (never by the archive's UIDs) and committed into the cache, and association failures become
// plain PacsErrors.
class RadmarkScu : public DcmSCU {
public:
    RadmarkScu(const PacsConnection& connection, const DimseTimeouts& timeouts)
        : m_connection(connection)
        , m_timeouts(timeouts)
    {
        setAETitle(connection.localAeTitle.c_str());
        setPeerAETitle(connection.calledAeTitle.c_str());
        setPeerHostName(connection.host.c_str());
        setPeerPort(static_cast<Uint16>(connection.port));
        setConnectionTimeout(timeouts.connectSeconds);
        setACSETimeout(static_cast<Uint32>(timeouts.connectSeconds));
        setDIMSEBlockingMode(DIMSE_NONBLOCKING);
        setDIMSETimeout(static_cast<Uint32>(timeouts.dimseSeconds));
        setMaxReceivePDULength(ASC_DEFAULTMAXPDU * 4);
        setProgressNotificationMode(OFFalse);
    }

    std::string endpoint() const
    {
        return m_connection.calledAeTitle + "@" + m_connection.host + ":" + std::to_string(m_connection.port);
    }

    void addContext(
        const char* abstractSyntax, const std::vector<std::string>& syntaxes, T_ASC_SC_ROLE role = ASC_SC_ROLE_DEFAULT)
    {
        OFList<OFString> list;
        for (const std::string& syntax : syntaxes) {
            list.push_back(syntax.c_str());
        }
        addPresentationContext(abstractSyntax, list, role);
    }

    // Opens the association; throws PacsError saying plainly what failed.
    void connect()
    {
        OFCondition condition = initNetwork();
        if (condition.bad()) {
            throw PacsError(PacsError::Kind::Protocol, endpoint() + ": cannot set up the network: " + condition.text());
        }
        std::string rejectReason;
        {
            dimse::RejectReasonCapture capture;
            condition = negotiateAssociation();
            rejectReason = capture.rejectReason();
        }
        if (condition.good()) {
            return;
        }
        const std::string text = condition.text();
        if (condition == DUL_ASSOCIATIONREJECTED) {
            std::string hint;
            if (rejectReason.find("Called AE Title Not Recognized") != std::string::npos) {
                hint = " (the archive's AE title is not " + m_connection.calledAeTitle + ")";
            } else if (rejectReason.find("Calling AE Title Not Recognized") != std::string::npos) {
                hint = " (the archive does not know RadMark's AE title " + m_connection.localAeTitle
                    + ": register it there)";
            }
            throw PacsError(PacsError::Kind::AssociationRejected,
                endpoint() + ": association rejected: "
                    + (rejectReason.empty() ? std::string("no reason given") : rejectReason) + hint);
        }
        if (condition == NET_EC_NoAcceptablePresentationContexts) {
            throw PacsError(PacsError::Kind::AssociationRejected,
                endpoint() + ": association accepted but none of the requested services is offered");
        }
        if (text.find("Connection refused") != std::string::npos) {
            throw PacsError(PacsError::Kind::Refused,
                endpoint() + ": connection refused (nothing listens on " + m_connection.host + ":"
                    + std::to_string(m_connection.port) + "; is the archive running, is the port right?)");
        }
        if (text.find("timed out") != std::string::npos || text.find("Timeout") != std::string::npos
            || text.find("timeout") != std::string::npos || condition == DUL_READTIMEOUT) {
            throw PacsError(PacsError::Kind::Timeout,
                endpoint() + ": no answer within " + std::to_string(m_timeouts.connectSeconds) + " s (timeout)");
        }
        if (text.find("Unknown Host") != std::string::npos || text.find("unknown host") != std::string::npos
            || text.find("Name or service not known") != std::string::npos) {
            throw PacsError(PacsError::Kind::Refused, endpoint() + ": unknown host name " + m_connection.host);
        }
        if (condition == DUL_ILLEGALPDU || condition == DUL_ILLEGALPDULENGTH || condition == DUL_PEERABORTEDASSOCIATION
            || condition == DUL_NETWORKCLOSED || text.find("Illegal") != std::string::npos
            || text.find("PDU") != std::string::npos || text.find("Peer aborted") != std::string::npos) {
            throw PacsError(
                PacsError::Kind::Protocol, endpoint() + ": the peer does not speak DICOM (wrong port?): " + text);
        }
        throw PacsError(PacsError::Kind::Protocol, endpoint() + ": association failed: " + text);
    }

    T_ASC_PresentationContextID contextFor(const char* abstractSyntax)
    {
        const T_ASC_PresentationContextID id = findPresentationContextID(abstractSyntax, "");
        if (id == 0) {
            throw PacsError(PacsError::Kind::Protocol,
                endpoint() + ": the archive does not offer "
                    + std::string(dcmFindNameOfUID(abstractSyntax, abstractSyntax)));
        }
        return id;
    }

    Uint16 newMessageId() { return ++m_messageId; }

    void send(T_ASC_PresentationContextID context, T_DIMSE_Message& message, DcmDataset* dataset)
    {
        const OFCondition condition = sendDIMSEMessage(context, &message, dataset);
        if (condition.bad()) {
            throw PacsError(PacsError::Kind::Protocol, endpoint() + ": cannot send the request: " + condition.text());
        }
    }

    // Waits for the next command in one-second steps: throws Cancelled when the flag is set (after aborting the
    // association), Timeout after dimseSeconds of silence. The command's status detail, read by no caller, is dropped.
    void receiveCommand(T_ASC_PresentationContextID& context, T_DIMSE_Message& message, const std::atomic<bool>* cancel)
    {
        const auto silenceLimit = Clock::now() + std::chrono::seconds(m_timeouts.dimseSeconds);
        for (;;) {
            if (cancelled(cancel)) {
                abortAssociation();
                throwCancelled();
            }
            DcmDataset* statusDetail = nullptr;
            const OFCondition condition = receiveDIMSECommand(&context, &message, &statusDetail, nullptr, 1);
            delete statusDetail;
            if (condition.good()) {
                return;
            }
            if (condition == DIMSE_NODATAAVAILABLE) {
                if (Clock::now() > silenceLimit) {
                    abortAssociation();
                    throw PacsError(PacsError::Kind::Timeout,
                        endpoint() + ": the archive did not answer within " + std::to_string(m_timeouts.dimseSeconds)
                            + " s (timeout)");
                }
                continue;
            }
            abortAssociation();
            if (condition == DUL_PEERABORTEDASSOCIATION) {
                throw PacsError(PacsError::Kind::Protocol,
                    endpoint() + ": the archive aborted the association (does it know RadMark's AE title "
                        + m_connection.localAeTitle + "? Register it there"
                        + (m_connection.localPort > 0
                                ? " with this computer's address and port " + std::to_string(m_connection.localPort)
                                : std::string {})
                        + ")");
            }
            throw PacsError(PacsError::Kind::Protocol,
                endpoint() + ": the association ended unexpectedly: " + std::string(condition.text()));
        }
    }

    DcmDataset* receiveDataset(T_ASC_PresentationContextID& context)
    {
        DcmDataset* dataset = nullptr;
        const OFCondition condition = receiveDIMSEDataset(&context, &dataset);
        if (condition.bad()) {
            delete dataset;
            abortAssociation();
            throw PacsError(PacsError::Kind::Protocol,
                endpoint() + ": a response could not be received: " + std::string(condition.text()));
        }
        return dataset;
    }

    // Receives the dataset of a C-STORE sub-operation of a C-GET into a partial file, commits it, answers the
    // archive. Returns the stored instance, or nothing when it failed (answered with an error status).
    std::optional<PacsStoredInstance> receiveStore(T_ASC_PresentationContextID context, T_DIMSE_C_StoreRQ& request,
        const std::string& cacheFolder, const std::string& studyUid, std::vector<std::string>& warnings)
    {
        const std::string sopInstanceUid = request.AffectedSOPInstanceUID;
        const std::string partial = dimse::receivingPath(cacheFolder, studyUid, sopInstanceUid);
        std::error_code ignored;
        fs::create_directories(fs::path(partial).parent_path(), ignored);
        const OFCondition condition = handleSTORERequestFile(&context, partial.c_str(), &request);
        if (condition.bad()) {
            fs::remove(partial, ignored);
            abortAssociation();
            throw PacsError(PacsError::Kind::Protocol,
                endpoint() + ": instance " + sopInstanceUid + " was not received completely: " + condition.text());
        }
        std::optional<PacsStoredInstance> stored;
        Uint16 status = STATUS_Success;
        try {
            stored = dimse::commitReceivedFile(partial, cacheFolder, sopInstanceUid);
        } catch (const PacsError& error) {
            warnings.push_back(error.what());
            status = STATUS_STORE_Error_CannotUnderstand;
        }
        const OFCondition answered = sendSTOREResponse(context, status, request);
        if (answered.bad()) {
            abortAssociation();
            throw PacsError(PacsError::Kind::Protocol,
                endpoint() + ": cannot answer the archive's C-STORE: " + std::string(answered.text()));
        }
        return stored;
    }

    void finish()
    {
        if (isConnected()) {
            releaseAssociation();
        }
    }

private:
    PacsConnection m_connection;
    DimseTimeouts m_timeouts;
    Uint16 m_messageId = 0;
};

// The command of a Study Root C-FIND, C-GET or C-MOVE request (`command` is DIMSE_C_FIND_RQ, DIMSE_C_GET_RQ or
// DIMSE_C_MOVE_RQ; their request parts share these fields): the association's next message ID, the Study Root
// model of that operation, medium priority, an identifier data set to follow. A C-MOVE's destination is the
// caller's to set.
T_DIMSE_Message queryRetrieveRequest(RadmarkScu& scu, T_DIMSE_Command command)
{
    T_DIMSE_Message request;
    std::memset(&request, 0, sizeof(request));
    request.CommandField = command;
    const auto fill = [&scu](auto& fields, const char* studyRootModel) {
        fields.MessageID = scu.newMessageId();
        OFStandard::strlcpy(fields.AffectedSOPClassUID, studyRootModel, sizeof(fields.AffectedSOPClassUID));
        fields.Priority = DIMSE_PRIORITY_MEDIUM;
        fields.DataSetType = DIMSE_DATASET_PRESENT;
    };
    switch (command) {
    case DIMSE_C_FIND_RQ:
        fill(request.msg.CFindRQ, UID_FINDStudyRootQueryRetrieveInformationModel);
        break;
    case DIMSE_C_GET_RQ:
        fill(request.msg.CGetRQ, UID_GETStudyRootQueryRetrieveInformationModel);
        break;
    case DIMSE_C_MOVE_RQ:
        fill(request.msg.CMoveRQ, UID_MOVEStudyRootQueryRetrieveInformationModel);
        break;
    default:
        throw std::logic_error("queryRetrieveRequest: not a C-FIND, C-GET or C-MOVE request");
    }
    return request;
}

// C-FIND (Study Root) answers, handed one by one to `onMatch`, which returns false to stop (the association is then
// aborted: a capped query does not wait for the rest).
void runFind(RadmarkScu& scu, DcmDataset& identifier, const std::atomic<bool>* cancel,
    const std::function<bool(DcmDataset&)>& onMatch)
{
    const T_ASC_PresentationContextID context = scu.contextFor(UID_FINDStudyRootQueryRetrieveInformationModel);
    T_DIMSE_Message request = queryRetrieveRequest(scu, DIMSE_C_FIND_RQ);
    scu.send(context, request, &identifier);
    for (;;) {
        T_ASC_PresentationContextID responseContext = context;
        T_DIMSE_Message response;
        scu.receiveCommand(responseContext, response, cancel);
        if (response.CommandField != DIMSE_C_FIND_RSP) {
            scu.abortAssociation();
            throw PacsError(PacsError::Kind::Protocol, scu.endpoint() + ": unexpected answer to a C-FIND");
        }
        const T_DIMSE_C_FindRSP& answer = response.msg.CFindRSP;
        std::unique_ptr<DcmDataset> dataset;
        if (answer.DataSetType != DIMSE_DATASET_NULL) {
            dataset.reset(scu.receiveDataset(responseContext));
        }
        if (DICOM_PENDING_STATUS(answer.DimseStatus)) {
            if (dataset) {
                dataset->convertToUTF8();
                if (!onMatch(*dataset)) {
                    scu.abortAssociation();
                    return;
                }
            }
            continue;
        }
        if (answer.DimseStatus != STATUS_Success) {
            scu.finish();
            throw PacsError(PacsError::Kind::Protocol,
                scu.endpoint() + ": the query failed (" + statusText(answer.DimseStatus) + ")");
        }
        return;
    }
}

std::unique_ptr<RadmarkScu> findAssociation(const PacsConnection& connection, const DimseTimeouts& timeouts)
{
    auto scu = std::make_unique<RadmarkScu>(connection, timeouts);
    scu->addContext(UID_FINDStudyRootQueryRetrieveInformationModel, dimse::uncompressedTransferSyntaxes());
    scu->connect();
    return scu;
}

// One final-or-pending response of a C-GET or C-MOVE (T_DIMSE_C_GetRSP and T_DIMSE_C_MoveRSP have the same
// sub-operation fields), read alike for both: its data set is dropped, the sub-operation total it announces becomes
// `announced` when the retrieve asked with one identifier, and a final failure status throws when nothing was
// transferred (`nothingTransferred`, with no failed sub-operation either) and otherwise counts the failed
// sub-operations into `result` with a warning. Returns true while the retrieve is pending.
template <typename Response, typename Announced>
bool retrieveResponsePending(RadmarkScu& scu, T_ASC_PresentationContextID context, const Response& answer,
    const char* operation, bool singleIdentifier, bool nothingTransferred, Announced& announced,
    PacsTransferResult& result)
{
    if (answer.DataSetType != DIMSE_DATASET_NULL) {
        delete scu.receiveDataset(context);
    }
    const long long total = static_cast<long long>(answer.NumberOfRemainingSubOperations)
        + answer.NumberOfCompletedSubOperations + answer.NumberOfFailedSubOperations
        + answer.NumberOfWarningSubOperations;
    if (total > 0 && singleIdentifier) {
        announced = total;
    }
    if (DICOM_PENDING_STATUS(answer.DimseStatus)) {
        return true;
    }
    if (answer.DimseStatus != STATUS_Success) {
        if (nothingTransferred && answer.NumberOfFailedSubOperations == 0) {
            scu.finish();
            throw PacsError(PacsError::Kind::Protocol,
                scu.endpoint() + ": " + operation + " failed (" + statusText(answer.DimseStatus) + ")");
        }
        result.failed += answer.NumberOfFailedSubOperations;
        result.warnings.push_back(scu.endpoint() + ": " + operation + " ended with " + statusText(answer.DimseStatus)
            + ", " + std::to_string(answer.NumberOfFailedSubOperations) + " sub-operations failed");
    }
    return false;
}

class DimsePacsClient : public PacsClient {
public:
    DimsePacsClient(const PacsConnection& connection, const DimseTimeouts& timeouts)
        : m_connection(connection)
        , m_timeouts(timeouts)
    {
    }

    std::string echo() override
    {
        const auto start = Clock::now();
        RadmarkScu scu(m_connection, m_timeouts);
        scu.addContext(UID_VerificationSOPClass, dimse::uncompressedTransferSyntaxes());
        scu.connect();
        const OFCondition condition = scu.sendECHORequest(scu.contextFor(UID_VerificationSOPClass));
        if (condition.bad()) {
            scu.abortAssociation();
            throw PacsError(PacsError::Kind::Protocol, scu.endpoint() + ": C-ECHO failed: " + condition.text());
        }
        scu.finish();
        const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
        return "C-ECHO to " + scu.endpoint() + " as " + m_connection.localAeTitle + ": answered in "
            + std::to_string(milliseconds) + " ms";
    }

    PacsQueryPage queryStudies(const PacsStudyQuery& query, const std::atomic<bool>* cancel) override
    {
        DcmDataset identifier;
        identifier.putAndInsertString(DCM_QueryRetrieveLevel, "STUDY");
        identifier.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
        identifier.putAndInsertString(DCM_StudyInstanceUID, query.studyInstanceUid.c_str());
        identifier.putAndInsertString(DCM_PatientID, query.patientId.c_str());
        identifier.putAndInsertString(DCM_PatientName, query.patientName.c_str());
        identifier.putAndInsertString(DCM_PatientBirthDate, "");
        identifier.putAndInsertString(DCM_AccessionNumber, query.accessionNumber.c_str());
        identifier.putAndInsertString(DCM_StudyDate, studyDateRange(query).c_str());
        identifier.putAndInsertString(DCM_StudyTime, "");
        identifier.putAndInsertString(DCM_StudyDescription, query.studyDescription.c_str());
        identifier.putAndInsertString(DCM_ModalitiesInStudy, query.modality.c_str());
        identifier.putAndInsertString(DCM_NumberOfStudyRelatedSeries, "");
        identifier.putAndInsertString(DCM_NumberOfStudyRelatedInstances, "");

        PacsQueryPage page;
        std::size_t seen = 0;
        {
            const auto scu = findAssociation(m_connection, m_timeouts);
            runFind(*scu, identifier, cancel, [&](DcmDataset& match) {
                if (seen++ < query.offset) {
                    return true;
                }
                if (page.studies.size() == query.limit) {
                    page.more = true;
                    return false;
                }
                PacsStudy study;
                study.studyInstanceUid = stringOf(match, DCM_StudyInstanceUID);
                study.patientId = stringOf(match, DCM_PatientID);
                study.patientName = stringOf(match, DCM_PatientName);
                study.patientBirthDate = stringOf(match, DCM_PatientBirthDate);
                study.accessionNumber = stringOf(match, DCM_AccessionNumber);
                study.studyDate = stringOf(match, DCM_StudyDate);
                study.studyTime = stringOf(match, DCM_StudyTime);
                study.studyDescription = stringOf(match, DCM_StudyDescription);
                study.modalities = splitValues(stringOf(match, DCM_ModalitiesInStudy));
                study.seriesCount = intOf(match, DCM_NumberOfStudyRelatedSeries, -1);
                study.instanceCount = intOf(match, DCM_NumberOfStudyRelatedInstances, -1);
                page.studies.push_back(std::move(study));
                return true;
            });
            scu->finish();
        }
        // An archive that does not fill the counts: count the series of each listed study.
        for (PacsStudy& study : page.studies) {
            if (study.seriesCount < 0 && !study.studyInstanceUid.empty()) {
                const std::vector<PacsSeries> series = querySeries(study.studyInstanceUid, cancel);
                study.seriesCount = static_cast<int>(series.size());
                int instances = 0;
                for (const PacsSeries& one : series) {
                    instances = one.instanceCount < 0 || instances < 0 ? -1 : instances + one.instanceCount;
                }
                if (study.instanceCount < 0) {
                    study.instanceCount = instances;
                }
            }
        }
        return page;
    }

    std::vector<PacsSeries> querySeries(const std::string& studyInstanceUid, const std::atomic<bool>* cancel) override
    {
        DcmDataset identifier;
        identifier.putAndInsertString(DCM_QueryRetrieveLevel, "SERIES");
        identifier.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
        identifier.putAndInsertString(DCM_StudyInstanceUID, studyInstanceUid.c_str());
        identifier.putAndInsertString(DCM_SeriesInstanceUID, "");
        identifier.putAndInsertString(DCM_Modality, "");
        identifier.putAndInsertString(DCM_SeriesNumber, "");
        identifier.putAndInsertString(DCM_SeriesDescription, "");
        identifier.putAndInsertString(DCM_NumberOfSeriesRelatedInstances, "");
        std::vector<PacsSeries> series;
        const auto scu = findAssociation(m_connection, m_timeouts);
        runFind(*scu, identifier, cancel, [&](DcmDataset& match) {
            PacsSeries one;
            one.seriesInstanceUid = stringOf(match, DCM_SeriesInstanceUID);
            one.studyInstanceUid = studyInstanceUid;
            one.modality = stringOf(match, DCM_Modality);
            one.seriesNumber = intOf(match, DCM_SeriesNumber, 0);
            one.seriesDescription = stringOf(match, DCM_SeriesDescription);
            one.instanceCount = intOf(match, DCM_NumberOfSeriesRelatedInstances, -1);
            if (!one.seriesInstanceUid.empty()) {
                series.push_back(std::move(one));
            }
            return true;
        });
        scu->finish();
        return series;
    }

    std::vector<PacsInstance> queryInstances(const std::string& studyInstanceUid, const std::string& seriesInstanceUid,
        const std::atomic<bool>* cancel) override
    {
        std::vector<std::string> seriesUids;
        if (seriesInstanceUid.empty()) {
            for (const PacsSeries& series : querySeries(studyInstanceUid, cancel)) {
                seriesUids.push_back(series.seriesInstanceUid);
            }
        } else {
            seriesUids.push_back(seriesInstanceUid);
        }
        std::vector<PacsInstance> instances;
        if (seriesUids.empty()) {
            return instances;
        }
        const auto scu = findAssociation(m_connection, m_timeouts);
        for (const std::string& seriesUid : seriesUids) {
            DcmDataset identifier;
            identifier.putAndInsertString(DCM_QueryRetrieveLevel, "IMAGE");
            identifier.putAndInsertString(DCM_StudyInstanceUID, studyInstanceUid.c_str());
            identifier.putAndInsertString(DCM_SeriesInstanceUID, seriesUid.c_str());
            identifier.putAndInsertString(DCM_SOPInstanceUID, "");
            identifier.putAndInsertString(DCM_SOPClassUID, "");
            identifier.putAndInsertString(DCM_InstanceNumber, "");
            runFind(*scu, identifier, cancel, [&](DcmDataset& match) {
                PacsInstance instance;
                instance.sopInstanceUid = stringOf(match, DCM_SOPInstanceUID);
                instance.sopClassUid = stringOf(match, DCM_SOPClassUID);
                instance.seriesInstanceUid = seriesUid;
                instance.studyInstanceUid = studyInstanceUid;
                instance.instanceNumber = intOf(match, DCM_InstanceNumber, 0);
                if (!instance.sopInstanceUid.empty()) {
                    instances.push_back(std::move(instance));
                }
                return true;
            });
        }
        scu->finish();
        return instances;
    }

    PacsTransferResult retrieve(const PacsRetrieveTarget& target, PacsRetrieveMethod method,
        const std::string& cacheFolder, const PacsTransferObserver& observer) override
    {
        if (method == PacsRetrieveMethod::Wado) {
            throw PacsError(PacsError::Kind::Configuration,
                "PACS connection " + m_connection.name + " is a DIMSE one: retrieve --via cget or cmove");
        }
        // The SOP classes to negotiate storage for (C-GET) come from the archive itself.
        std::set<std::string> sopClasses;
        for (const PacsInstance& instance :
            queryInstances(target.studyInstanceUid, target.seriesInstanceUid, observer.cancel)) {
            if (target.sopInstanceUids.empty()
                || std::find(target.sopInstanceUids.begin(), target.sopInstanceUids.end(), instance.sopInstanceUid)
                    != target.sopInstanceUids.end()) {
                sopClasses.insert(instance.sopClassUid);
            }
        }
        if (sopClasses.empty()) {
            throw PacsError(PacsError::Kind::NotFound,
                (target.seriesInstanceUid.empty() ? "study " + target.studyInstanceUid
                                                  : "series " + target.seriesInstanceUid)
                    + " is not on " + m_connection.calledAeTitle + " (deleted since the query?)");
        }
        std::vector<DcmDataset> identifiers = identifiersFor(target);
        return method == PacsRetrieveMethod::CMove
            ? retrieveByMove(target, identifiers, cacheFolder, observer)
            : retrieveByGet(target, sopClasses, identifiers, cacheFolder, observer);
    }

    std::string store(const std::string& filePath) override
    {
        DcmFileFormat file;
        OFCondition condition = file.loadFile(filePath.c_str());
        if (condition.bad()) {
            throw ProjectError(filePath + ": cannot read the DICOM file to send (" + condition.text() + ")");
        }
        const std::string sopClass = stringOf(*file.getDataset(), DCM_SOPClassUID);
        const std::string sopInstance = stringOf(*file.getDataset(), DCM_SOPInstanceUID);
        const E_TransferSyntax stored = file.getDataset()->getOriginalXfer();
        const std::string storedSyntax = DcmXfer(stored).getXferID();
        RadmarkScu scu(m_connection, m_timeouts);
        std::vector<std::string> syntaxes { storedSyntax };
        for (const std::string& syntax : dimse::uncompressedTransferSyntaxes()) {
            if (syntax != storedSyntax) {
                syntaxes.push_back(syntax);
            }
        }
        scu.addContext(sopClass.c_str(), syntaxes);
        scu.connect();
        Uint16 status = 0;
        condition = scu.sendSTORERequest(scu.contextFor(sopClass.c_str()), filePath.c_str(), nullptr, status);
        if (condition.bad()) {
            scu.abortAssociation();
            throw PacsError(PacsError::Kind::Protocol,
                scu.endpoint() + ": C-STORE of " + filePath + " failed: " + condition.text());
        }
        scu.finish();
        if (status != STATUS_Success && (status & 0xf000) != 0xb000) {
            throw PacsError(PacsError::Kind::Protocol,
                scu.endpoint() + ": the archive refused " + filePath + " (" + statusText(status) + ")");
        }
        return "C-STORE of " + sopInstance + " to " + scu.endpoint() + ": stored"
            + (status == STATUS_Success ? std::string {} : " with a warning (" + statusText(status) + ")");
    }

private:
    // One identifier per request: the study, the series, or each listed instance (IMAGE level).
    static std::vector<DcmDataset> identifiersFor(const PacsRetrieveTarget& target)
    {
        std::vector<DcmDataset> identifiers;
        auto base = [&](const char* level) {
            DcmDataset identifier;
            identifier.putAndInsertString(DCM_QueryRetrieveLevel, level);
            identifier.putAndInsertString(DCM_StudyInstanceUID, target.studyInstanceUid.c_str());
            if (!target.seriesInstanceUid.empty()) {
                identifier.putAndInsertString(DCM_SeriesInstanceUID, target.seriesInstanceUid.c_str());
            }
            return identifier;
        };
        if (target.sopInstanceUids.empty()) {
            identifiers.push_back(base(target.seriesInstanceUid.empty() ? "STUDY" : "SERIES"));
            return identifiers;
        }
        for (const std::string& sopInstanceUid : target.sopInstanceUids) {
            DcmDataset identifier = base("IMAGE");
            identifier.putAndInsertString(DCM_SOPInstanceUID, sopInstanceUid.c_str());
            identifiers.push_back(std::move(identifier));
        }
        return identifiers;
    }

    PacsTransferResult retrieveByGet(const PacsRetrieveTarget& target, const std::set<std::string>& sopClasses,
        std::vector<DcmDataset>& identifiers, const std::string& cacheFolder, const PacsTransferObserver& observer)
    {
        RadmarkScu scu(m_connection, m_timeouts);
        scu.addContext(UID_GETStudyRootQueryRetrieveInformationModel, dimse::uncompressedTransferSyntaxes());
        // Per SOP class one context per transfer syntax (the archive accepts exactly one syntax per context, so a
        // file can only travel as stored when its syntax has a context of its own): the uncompressed ones first, then
        // the compressed ones while DICOM's 128 contexts last. A class beyond that gets one context with every
        // uncompressed syntax (the archive may then transcode).
        int contexts = 1;
        for (const std::string& sopClass : sopClasses) {
            if (contexts + 3 <= 127) {
                for (const std::string& syntax : dimse::uncompressedTransferSyntaxes()) {
                    scu.addContext(sopClass.c_str(), { syntax }, ASC_SC_ROLE_SCP);
                    ++contexts;
                }
            } else if (contexts < 127) {
                scu.addContext(sopClass.c_str(), dimse::uncompressedTransferSyntaxes(), ASC_SC_ROLE_SCP);
                ++contexts;
            }
        }
        for (const std::string& sopClass : sopClasses) {
            for (const std::string& syntax : dimse::compressedTransferSyntaxes()) {
                if (contexts < 127) {
                    scu.addContext(sopClass.c_str(), { syntax }, ASC_SC_ROLE_SCP);
                    ++contexts;
                }
            }
        }
        scu.connect();
        const T_ASC_PresentationContextID context = scu.contextFor(UID_GETStudyRootQueryRetrieveInformationModel);
        PacsTransferResult result;
        long long announced = -1;
        for (DcmDataset& identifier : identifiers) {
            const std::size_t receivedBefore = result.received;
            T_DIMSE_Message request = queryRetrieveRequest(scu, DIMSE_C_GET_RQ);
            scu.send(context, request, &identifier);
            for (;;) {
                T_ASC_PresentationContextID incomingContext = context;
                T_DIMSE_Message incoming;
                scu.receiveCommand(incomingContext, incoming, observer.cancel);
                if (incoming.CommandField == DIMSE_C_STORE_RQ) {
                    const std::optional<PacsStoredInstance> stored = scu.receiveStore(
                        incomingContext, incoming.msg.CStoreRQ, cacheFolder, target.studyInstanceUid, result.warnings);
                    if (stored) {
                        ++result.received;
                        if (observer.onInstanceStored) {
                            observer.onInstanceStored(*stored);
                        }
                        if (observer.onTransferProgress) {
                            observer.onTransferProgress(result.received, announced);
                        }
                    } else {
                        ++result.failed;
                    }
                    continue;
                }
                if (incoming.CommandField != DIMSE_C_GET_RSP) {
                    scu.abortAssociation();
                    throw PacsError(PacsError::Kind::Protocol, scu.endpoint() + ": unexpected message during C-GET");
                }
                const T_DIMSE_C_GetRSP& answer = incoming.msg.CGetRSP;
                const bool nothingReceived = result.received == receivedBefore
                    && answer.DimseStatus != STATUS_GET_Warning_SubOperationsCompleteOneOrMoreFailures;
                if (!retrieveResponsePending(scu, incomingContext, answer, "C-GET", identifiers.size() == 1,
                        nothingReceived, announced, result)) {
                    break;
                }
            }
        }
        scu.finish();
        return result;
    }

    PacsTransferResult retrieveByMove(const PacsRetrieveTarget& target, std::vector<DcmDataset>& identifiers,
        const std::string& cacheFolder, const PacsTransferObserver& observer)
    {
        PacsTransferResult result;
        std::mutex resultMutex;
        std::atomic<long long> announced { -1 }; // written here, read by the receiver's thread
        dimse::MoveReceiver::Settings settings;
        settings.localAeTitle = m_connection.localAeTitle;
        settings.port = m_connection.localPort;
        settings.archiveAeTitle = m_connection.calledAeTitle;
        settings.cacheFolder = cacheFolder;
        settings.studyInstanceUid = target.studyInstanceUid;
        settings.dimseSeconds = m_timeouts.dimseSeconds;
        dimse::MoveReceiver receiver(
            settings,
            [&](const PacsStoredInstance& stored) {
                std::size_t received = 0;
                {
                    const std::lock_guard<std::mutex> lock(resultMutex);
                    received = ++result.received;
                }
                if (observer.onInstanceStored) {
                    observer.onInstanceStored(stored);
                }
                if (observer.onTransferProgress) {
                    observer.onTransferProgress(received, announced.load());
                }
            },
            observer.cancel);
        receiver.start();

        RadmarkScu scu(m_connection, m_timeouts);
        scu.addContext(UID_MOVEStudyRootQueryRetrieveInformationModel, dimse::uncompressedTransferSyntaxes());
        try {
            scu.connect();
            const T_ASC_PresentationContextID context = scu.contextFor(UID_MOVEStudyRootQueryRetrieveInformationModel);
            for (DcmDataset& identifier : identifiers) {
                T_DIMSE_Message request = queryRetrieveRequest(scu, DIMSE_C_MOVE_RQ);
                OFStandard::strlcpy(request.msg.CMoveRQ.MoveDestination, m_connection.localAeTitle.c_str(),
                    sizeof(request.msg.CMoveRQ.MoveDestination));
                scu.send(context, request, &identifier);
                for (;;) {
                    T_ASC_PresentationContextID incomingContext = context;
                    T_DIMSE_Message incoming;
                    try {
                        scu.receiveCommand(incomingContext, incoming, observer.cancel);
                    } catch (const PacsError& error) {
                        std::size_t receivedSoFar = 0;
                        {
                            const std::lock_guard<std::mutex> lock(resultMutex);
                            receivedSoFar = result.received;
                        }
                        if (error.kind() == PacsError::Kind::Protocol && receivedSoFar == 0) {
                            throw PacsError(PacsError::Kind::Protocol,
                                std::string(error.what())
                                    + ": the archive broke off the C-MOVE before "
                                      "sending anything; it probably does not know RadMark's AE title "
                                    + m_connection.localAeTitle
                                    + " as a move destination (register it there "
                                      "with this computer's address and port "
                                    + std::to_string(m_connection.localPort) + ")");
                        }
                        throw;
                    }
                    if (incoming.CommandField != DIMSE_C_MOVE_RSP) {
                        scu.abortAssociation();
                        throw PacsError(
                            PacsError::Kind::Protocol, scu.endpoint() + ": unexpected message during C-MOVE");
                    }
                    const T_DIMSE_C_MoveRSP& answer = incoming.msg.CMoveRSP;
                    if (!retrieveResponsePending(scu, incomingContext, answer, "C-MOVE", identifiers.size() == 1,
                            answer.NumberOfCompletedSubOperations == 0, announced, result)) {
                        break;
                    }
                }
            }
            scu.finish();
        } catch (...) {
            receiver.stop();
            throw;
        }
        for (const std::string& failure : receiver.stop()) {
            result.warnings.push_back(failure);
        }
        if (cancelled(observer.cancel)) {
            throwCancelled();
        }
        return result;
    }

    PacsConnection m_connection;
    DimseTimeouts m_timeouts;
};

} // namespace

std::unique_ptr<PacsClient> makeDimsePacsClient(const PacsConnection& connection, const DimseTimeouts& timeouts)
{
    if (connection.kind != PacsConnection::Kind::Dimse) {
        throw ProjectError("PACS connection " + connection.name + " is not a DIMSE connection");
    }
    validatePacsConnection(connection);
    return std::make_unique<DimsePacsClient>(connection, timeouts);
}

} // namespace radmark::storage
