#pragma once

#include <map>
#include <string>
#include <vector>

namespace radmark::testing {

// A real Orthanc started for one test: generated JSON configuration in a temporary folder (storage and index
// there too), HTTP and DICOM on free 127.0.0.1 ports, remote access off, the DICOMweb plugin at /dicom-web/,
// and the modalities that may C-GET / C-MOVE / C-FIND / C-STORE (RadMark's AE with its storage port for
// C-MOVE). The destructor stops it (SIGTERM, then SIGKILL after 10 s) and removes the folder.
// Never the system service: the binary is run directly (`RADMARK_ORTHANC` overrides /usr/sbin/Orthanc).

struct OrthancModality {
    std::string aeTitle;
    int port = 0; // where a C-MOVE sends to (RadMark's storage SCP); 0 for C-GET/C-FIND-only peers
    std::string host = "127.0.0.1";
};

struct OrthancOptions {
    std::string aeTitle = "ORTHANC";
    std::vector<OrthancModality> modalities { { "RADMARK", 0 }, { "GETSCU", 0 } };
    bool checkCalledAeTitle = true; // a wrong called AE title is rejected
    std::string user; // HTTP basic authentication when set
    std::string password;
};

struct HttpResponse {
    int status = 0; // 0: no connection
    std::string body;
    std::map<std::string, std::string> headers; // names lower-case
};

class OrthancServer {
public:
    // Whether the Orthanc binary and the DICOMweb plugin are installed.
    static bool installed();
    static std::string binaryPath();
    static std::string dicomWebPluginPath();

    // Starts and waits until GET /system answers (30 s at most); throws std::runtime_error with the log's tail.
    explicit OrthancServer(OrthancOptions options = {});
    ~OrthancServer();
    OrthancServer(const OrthancServer&) = delete;
    OrthancServer& operator=(const OrthancServer&) = delete;

    // Stops the server now (for "server down" tests); the ports stay known.
    void stop();
    bool running() const { return m_pid > 0; }

    int httpPort() const { return m_httpPort; }
    int dicomPort() const { return m_dicomPort; }
    const std::string& aeTitle() const { return m_options.aeTitle; }
    std::string baseUrl() const; // http://127.0.0.1:PORT
    std::string dicomWebUrl() const; // http://127.0.0.1:PORT/dicom-web
    const std::string& folder() const { return m_folder; }

    // REST, with the configured credentials. Paths start with '/'.
    HttpResponse get(const std::string& path) const;
    HttpResponse post(const std::string& path, const std::string& body,
        const std::string& contentType = "application/octet-stream") const;
    HttpResponse remove(const std::string& path) const;

    // POST /instances with the file's bytes; returns Orthanc's instance id. Throws std::runtime_error.
    std::string uploadFile(const std::string& path) const;
    // Orthanc's id of a DICOM UID (study/series/instance), from /tools/lookup; empty when unknown.
    std::string lookup(const std::string& dicomUid) const;
    // DELETE /studies/{id} of a Study Instance UID. Throws when unknown.
    void deleteStudy(const std::string& studyInstanceUid) const;
    // The stored file of a SOP Instance UID (GET /instances/{id}/file); throws when unknown.
    std::string instanceFile(const std::string& sopInstanceUid) const;
    // Number of instances Orthanc holds (GET /statistics).
    int instanceCount() const;

    std::string logTail() const;

private:
    HttpResponse request(const std::string& method, const std::string& path, const std::string& body,
        const std::string& contentType) const;

    OrthancOptions m_options;
    std::string m_folder;
    int m_httpPort = 0;
    int m_dicomPort = 0;
    int m_pid = 0;
};

// A TCP port on 127.0.0.1 free at the time of the call.
int freeLocalPort();

// A file's bytes; throws std::runtime_error naming the file.
std::string readWholeFile(const std::string& path);

} // namespace radmark::testing

#define RADMARK_REQUIRE_ORTHANC()                                                                                      \
    do {                                                                                                               \
        if (!radmark::testing::OrthancServer::installed()) {                                                           \
            radmark::testing::exitAsSkippedIfRequested(                                                                \
                "skipped: Orthanc is not installed (packaging/install-deps.sh installs orthanc orthanc-dicomweb)");    \
            WARN("skipped: Orthanc is not installed (packaging/install-deps.sh installs orthanc orthanc-dicomweb)");   \
            return;                                                                                                    \
        }                                                                                                              \
    } while (false)
