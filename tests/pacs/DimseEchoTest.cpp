#include "OrthancServer.h"
#include "PacsTestArchive.h"
#include "TestPaths.h"
#include "radmark/storage/pacs/DimsePacsClient.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace radmark::storage;
using namespace radmark::testing;

namespace {

PacsError::Kind echoFailure(const PacsConnection& connection, std::string& message, DimseTimeouts timeouts = {})
{
    try {
        makeDimsePacsClient(connection, timeouts)->echo();
    } catch (const PacsError& error) {
        message = error.what();
        return error.kind();
    }
    FAIL("the C-ECHO did not fail");
    return PacsError::Kind::Protocol;
}

} // namespace

TEST_CASE("C-ECHO answers against a real Orthanc", "[pacs][orthanc][dimse]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const std::string answer = makeDimsePacsClient(dimseConnectionTo(orthanc))->echo();
    CHECK(answer.rfind(
              "C-ECHO to ORTHANC@127.0.0.1:" + std::to_string(orthanc.dicomPort()) + " as RADMARK: answered in ", 0)
        == 0);
}

TEST_CASE(
    "C-ECHO failures say what went wrong: wrong AE title, wrong port, refused, server down", "[pacs][orthanc][dimse]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    std::string message;

    PacsConnection wrongAe = dimseConnectionTo(orthanc);
    wrongAe.calledAeTitle = "NOT_ORTHANC";
    CHECK(echoFailure(wrongAe, message) == PacsError::Kind::AssociationRejected);
    CHECK(message
        == "NOT_ORTHANC@127.0.0.1:" + std::to_string(orthanc.dicomPort())
            + ": association rejected: Result: Rejected Permanent, Source: Service User, Reason: Called AE "
              "Title Not Recognized (the archive's AE title is not NOT_ORTHANC)");

    // The HTTP port answers, but not in DICOM.
    PacsConnection httpPort = dimseConnectionTo(orthanc);
    httpPort.port = orthanc.httpPort();
    CHECK(echoFailure(httpPort, message) == PacsError::Kind::Protocol);
    INFO(message);
    CHECK(message.find("the peer does not speak DICOM (wrong port?)") != std::string::npos);

    const int closedPort = freeLocalPort();
    PacsConnection refused = dimseConnectionTo(orthanc);
    refused.port = closedPort;
    CHECK(echoFailure(refused, message) == PacsError::Kind::Refused);
    CHECK(message
        == "ORTHANC@127.0.0.1:" + std::to_string(closedPort) + ": connection refused (nothing listens on 127.0.0.1:"
            + std::to_string(closedPort) + "; is the archive running, is the port right?)");

    const PacsConnection running = dimseConnectionTo(orthanc);
    orthanc.stop();
    CHECK(echoFailure(running, message) == PacsError::Kind::Refused);
}

TEST_CASE("C-ECHO to a port that accepts but never answers times out", "[pacs][dimse]")
{
    // A listening socket nobody accepts from: the TCP connection opens, the association request gets no answer.
    const int socketFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(socketFd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    REQUIRE(::listen(socketFd, 4) == 0);
    socklen_t length = sizeof(address);
    ::getsockname(socketFd, reinterpret_cast<sockaddr*>(&address), &length);
    PacsConnection silent;
    silent.name = "silent";
    silent.calledAeTitle = "SILENT";
    silent.host = "127.0.0.1";
    silent.port = ntohs(address.sin_port);
    DimseTimeouts timeouts;
    timeouts.connectSeconds = 2;
    std::string message;
    const auto start = std::chrono::steady_clock::now();
    CHECK(echoFailure(silent, message, timeouts) == PacsError::Kind::Timeout);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ::close(socketFd);
    CHECK(message == "SILENT@127.0.0.1:" + std::to_string(silent.port) + ": no answer within 2 s (timeout)");
    CHECK(seconds < 5.0);
}
