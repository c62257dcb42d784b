#pragma once

#include "radmark/storage/pacs/PacsClient.h"

#include <functional>
#include <memory>
#include <string>

namespace radmark::storage::dimse {

// RadMark's storage SCP while a C-MOVE runs (DCMTK DcmSCP): listens on the connection's local port (all interfaces:
// DCMTK 3.6.7 cannot bind one address), accepts only associations whose calling AE title is the archive's, receives
// each C-STORE bit for bit into a partial file and commits it into the cache before answering success.
class MoveReceiver {
public:
    struct Settings {
        std::string localAeTitle;
        int port = 0;
        std::string archiveAeTitle; // the only calling AE title accepted
        std::string cacheFolder;
        std::string studyInstanceUid; // where partial files are received
        int dimseSeconds = 30;
    };

    // `onStored` runs on the receiver's thread for every committed file.
    MoveReceiver(
        Settings settings, std::function<void(const PacsStoredInstance&)> onStored, const std::atomic<bool>* cancel);
    ~MoveReceiver(); // stops and joins
    MoveReceiver(const MoveReceiver&) = delete;
    MoveReceiver& operator=(const MoveReceiver&) = delete;

    // Checks that the port is free and starts listening; throws PacsError{Configuration} naming the port.
    void start();
    // Stops listening (within about a second) and joins the thread; what the receiver reported as failures.
    std::vector<std::string> stop();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace radmark::storage::dimse
