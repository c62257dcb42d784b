#include "pacs/dimse/DimseMoveReceiver.h"

#include "pacs/dimse/DimseReceivedFile.h"
#include "pacs/dimse/DimseTransferSyntaxes.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/scp.h>

#include <arpa/inet.h>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace radmark::storage::dimse {

namespace {

class ReceiverScp : public DcmSCP {
public:
    ReceiverScp(const MoveReceiver::Settings& settings, std::function<void(const PacsStoredInstance&)> onStored,
        const std::atomic<bool>* cancel, const std::atomic<bool>& stopRequested)
        : m_settings(settings)
        , m_onStored(std::move(onStored))
        , m_cancel(cancel)
        , m_stopRequested(stopRequested)
    {
    }

    std::vector<std::string> failures()
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        return m_failures;
    }

protected:
    OFCondition handleIncomingCommand(T_DIMSE_Message* incomingMsg, const DcmPresentationContextInfo& presInfo) override
    {
        if (incomingMsg->CommandField != DIMSE_C_STORE_RQ) {
            return DcmSCP::handleIncomingCommand(incomingMsg, presInfo); // C-ECHO
        }
        T_DIMSE_C_StoreRQ& request = incomingMsg->msg.CStoreRQ;
        const std::string sopInstanceUid = request.AffectedSOPInstanceUID;
        const std::string partial = receivingPath(m_settings.cacheFolder, m_settings.studyInstanceUid, sopInstanceUid);
        std::error_code ignored;
        std::filesystem::create_directories(std::filesystem::path(partial).parent_path(), ignored);
        OFCondition condition = receiveSTORERequest(request, presInfo.presentationContextID, OFString(partial.c_str()));
        Uint16 status = STATUS_Success;
        if (condition.bad()) {
            std::filesystem::remove(partial, ignored);
            addFailure("instance " + sopInstanceUid + " was not received completely: " + condition.text());
            return condition; // the association is broken: let DcmSCP end it
        }
        try {
            const PacsStoredInstance stored = commitReceivedFile(partial, m_settings.cacheFolder, sopInstanceUid);
            m_onStored(stored);
        } catch (const std::exception& error) {
            addFailure(error.what());
            status = STATUS_STORE_Error_CannotUnderstand;
        }
        condition = sendSTOREResponse(presInfo.presentationContextID, request, status);
        if (m_cancel != nullptr && m_cancel->load()) {
            return DIMSE_ILLEGALASSOCIATION; // stop receiving: DcmSCP aborts the association
        }
        return condition;
    }

    OFBool checkCallingAETitleAccepted(const OFString& callingAE) override
    {
        if (OFString(m_settings.archiveAeTitle.c_str()) == callingAE) {
            return OFTrue;
        }
        addFailure("refused an association from AE title '" + std::string(callingAE.c_str()) + "' (only "
            + m_settings.archiveAeTitle + " may send)");
        return OFFalse;
    }

    OFBool stopAfterConnectionTimeout() override { return m_stopRequested.load(); }
    OFBool stopAfterCurrentAssociation() override { return m_stopRequested.load(); }

private:
    void addFailure(const std::string& failure)
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_failures.push_back(failure);
    }

    const MoveReceiver::Settings& m_settings;
    std::function<void(const PacsStoredInstance&)> m_onStored;
    const std::atomic<bool>* m_cancel;
    const std::atomic<bool>& m_stopRequested;
    std::mutex m_mutex;
    std::vector<std::string> m_failures;
};

// Whether nothing else listens on the port (so a busy port is reported before the C-MOVE is sent).
bool portIsFree(int port)
{
    const int socketFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (socketFd < 0) {
        return false;
    }
    const int reuse = 1;
    ::setsockopt(socketFd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof(reuse));
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    address.sin_port = htons(static_cast<uint16_t>(port));
    const bool free = ::bind(socketFd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    ::close(socketFd);
    return free;
}

} // namespace

struct MoveReceiver::State {
    Settings settings;
    std::function<void(const PacsStoredInstance&)> onStored;
    const std::atomic<bool>* cancel = nullptr;
    std::atomic<bool> stopRequested { false };
    std::unique_ptr<ReceiverScp> scp;
    std::thread thread;
    std::mutex mutex;
    std::string listenError;
};

MoveReceiver::MoveReceiver(
    Settings settings, std::function<void(const PacsStoredInstance&)> onStored, const std::atomic<bool>* cancel)
    : m_state(std::make_unique<State>())
{
    m_state->settings = std::move(settings);
    m_state->onStored = std::move(onStored);
    m_state->cancel = cancel;
}

MoveReceiver::~MoveReceiver()
{
    stop();
}

void MoveReceiver::start()
{
    State& state = *m_state;
    if (state.settings.port <= 0) {
        throw PacsError(PacsError::Kind::Configuration,
            "C-MOVE needs a local port for RadMark's storage SCP (pacs add ... --local-port P); "
            "C-GET needs none");
    }
    if (!portIsFree(state.settings.port)) {
        throw PacsError(PacsError::Kind::Configuration,
            "local port " + std::to_string(state.settings.port)
                + " for the C-MOVE storage SCP is in use by another program");
    }
    state.scp = std::make_unique<ReceiverScp>(state.settings, state.onStored, state.cancel, state.stopRequested);
    ReceiverScp& scp = *state.scp;
    scp.setPort(static_cast<Uint16>(state.settings.port));
    scp.setAETitle(state.settings.localAeTitle.c_str());
    scp.setConnectionBlockingMode(DUL_NOBLOCK);
    scp.setConnectionTimeout(1);
    scp.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    scp.setDIMSETimeout(static_cast<Uint32>(state.settings.dimseSeconds));
    scp.setACSETimeout(static_cast<Uint32>(state.settings.dimseSeconds));
    scp.setHostLookupEnabled(OFFalse);
    OFList<OFString> verification;
    verification.push_back(UID_LittleEndianExplicitTransferSyntax);
    verification.push_back(UID_LittleEndianImplicitTransferSyntax);
    scp.addPresentationContext(UID_VerificationSOPClass, verification);
    OFList<OFString> accepted;
    for (const std::string& syntax : acceptedStorageTransferSyntaxes()) {
        accepted.push_back(syntax.c_str());
    }
    for (int i = 0; i < numberOfDcmAllStorageSOPClassUIDs; ++i) {
        scp.addPresentationContext(dcmAllStorageSOPClassUIDs[i], accepted);
    }
    state.thread = std::thread([&state] {
        const OFCondition result = state.scp->listen();
        if (result.bad() && !state.stopRequested.load()) {
            const std::lock_guard<std::mutex> lock(state.mutex);
            state.listenError = result.text();
        }
    });
}

std::vector<std::string> MoveReceiver::stop()
{
    State& state = *m_state;
    state.stopRequested = true;
    if (state.thread.joinable()) {
        state.thread.join();
    }
    std::vector<std::string> failures = state.scp ? state.scp->failures() : std::vector<std::string> {};
    if (!state.listenError.empty()) {
        failures.push_back(
            "the C-MOVE storage SCP on port " + std::to_string(state.settings.port) + " stopped: " + state.listenError);
        state.listenError.clear();
    }
    return failures;
}

} // namespace radmark::storage::dimse
