// The DICOMweb client against a scripted HTTP peer on 127.0.0.1: timeout, wrong content type, a truncated
// multipart body (no half-written file stays), an HTTP error with its reason, cancel, refused connection.
#include "TestPaths.h"
#include "dicomweb/DicomWebClient.h"
#include "dicomweb/DicomWebError.h"
#include "dicomweb/PartFileSink.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <atomic>

using namespace radmark::app::dicomweb;

namespace {

// Answers every connection with `response` once the request headers are in (nothing when empty), then
// keeps the socket open (`closeAfter` false) or closes it.
class ScriptedHttpPeer {
public:
    explicit ScriptedHttpPeer(QByteArray response, bool closeAfter = true)
        : m_response(std::move(response))
        , m_closeAfter(closeAfter)
    {
        REQUIRE(m_server.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&m_server, &QTcpServer::newConnection, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_request += socket->readAll();
                    if (!m_request.contains("\r\n\r\n") || m_response.isEmpty() || m_answered) {
                        return;
                    }
                    m_answered = true;
                    socket->write(m_response);
                    socket->flush();
                    if (m_closeAfter) {
                        socket->disconnectFromHost();
                    }
                });
            }
        });
    }
    DicomWebEndpoint endpoint(int idleTimeoutSeconds = 5) const
    {
        DicomWebEndpoint endpoint;
        endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/dicom-web").arg(m_server.serverPort()));
        endpoint.idleTimeoutSeconds = idleTimeoutSeconds;
        return endpoint;
    }
    QByteArray request() const { return m_request; }

private:
    QTcpServer m_server;
    QByteArray m_response;
    bool m_closeAfter;
    bool m_answered = false;
    QByteArray m_request;
};

QByteArray httpResponse(const QByteArray& statusLine, const QByteArray& contentType, const QByteArray& body)
{
    return "HTTP/1.1 " + statusLine + "\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

QStringList filesIn(const QString& folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden);
}

} // namespace

TEST_CASE("a server that accepts but never answers times out with the URL named", "[dicomweb]")
{
    ScriptedHttpPeer peer({}, false);
    DicomWebClient client(peer.endpoint(1));
    QElapsedTimer clock;
    clock.start();
    try {
        client.echo();
        FAIL("no timeout");
    } catch (const DicomWebError& error) {
        CHECK(error.kind() == DicomWebError::Kind::Timeout);
        CHECK(std::string(error.what())
            == peer.endpoint().baseUrl.toString().toStdString() + "/studies: no answer within 1 s (timeout)");
    }
    CHECK(clock.elapsed() < 3000);
}

TEST_CASE("an HTML page where DICOM JSON was asked for is a wrong content type", "[dicomweb]")
{
    ScriptedHttpPeer peer(httpResponse("200 OK", "text/html; charset=utf-8", "<html>login</html>"));
    DicomWebClient client(peer.endpoint());
    try {
        client.searchStudies({}, 10, 0);
        FAIL("accepted HTML");
    } catch (const DicomWebError& error) {
        CHECK(error.kind() == DicomWebError::Kind::WrongContentType);
        CHECK_THAT(
            error.what(), Catch::Contains("expected application/dicom+json, the server sent text/html; charset=utf-8"));
    }
    CHECK(peer.request().startsWith("GET /dicom-web/studies?"));
    CHECK(peer.request().contains("limit=10"));
}

TEST_CASE("a WADO-RS answer that is not multipart/related is refused before anything is written", "[dicomweb]")
{
    ScriptedHttpPeer peer(httpResponse("200 OK", "application/dicom", "DICM"));
    DicomWebClient client(peer.endpoint());
    const QString folder = QString::fromStdString(radmark::testing::makeTemporaryFolder("radmark-wado-type"));
    int completed = 0;
    {
        PartFileSink sink(folder, [&](const QString&) { ++completed; });
        try {
            client.retrieve("1.2.3", {}, {}, sink);
            FAIL("accepted application/dicom");
        } catch (const DicomWebError& error) {
            CHECK(error.kind() == DicomWebError::Kind::WrongContentType);
            CHECK_THAT(error.what(),
                Catch::Contains(
                    "expected multipart/related; type=\"application/dicom\", the server sent application/dicom"));
        }
    }
    CHECK(completed == 0);
    CHECK(filesIn(folder).isEmpty());
    CHECK(peer.request().contains("Accept: multipart/related; type=\"application/dicom\"; transfer-syntax=*"));
}

TEST_CASE("a truncated WADO-RS body keeps the complete parts and deletes the partial one", "[dicomweb]")
{
    const QByteArray body = "--XyZ\r\nContent-Type: application/dicom\r\n\r\nFIRST-PART\r\n"
                            "--XyZ\r\nContent-Type: application/dicom\r\n\r\nSECOND-PART-CUT-OF";
    // The connection closes after the declared length: the body simply ends without the close delimiter.
    ScriptedHttpPeer peer(
        httpResponse("200 OK", "multipart/related; type=\"application/dicom\"; boundary=\"XyZ\"", body));
    DicomWebClient client(peer.endpoint());
    const QString folder = QString::fromStdString(radmark::testing::makeTemporaryFolder("radmark-wado-cut"));
    QStringList completed;
    {
        PartFileSink sink(folder, [&](const QString& path) {
            const QString kept = QDir(folder).filePath(QStringLiteral("kept-%1").arg(completed.size()));
            REQUIRE(QFile::rename(path, kept));
            completed << kept;
        });
        try {
            client.retrieve("1.2.3", "4.5", {}, sink);
            FAIL("accepted a truncated body");
        } catch (const DicomWebError& error) {
            CHECK(error.kind() == DicomWebError::Kind::MalformedResponse);
            CHECK_THAT(error.what(),
                Catch::EndsWith("/dicom-web/studies/1.2.3/series/4.5: the response ended inside part 2 (truncated: no "
                                "closing boundary)"));
        }
    }
    REQUIRE(completed.size() == 1);
    QFile first(completed.front());
    REQUIRE(first.open(QIODevice::ReadOnly));
    CHECK(first.readAll() == "FIRST-PART");
    CHECK(filesIn(folder) == QStringList { "kept-0" }); // no .part file left behind
}

TEST_CASE("a part that is not application/dicom is refused with its type", "[dicomweb]")
{
    const QByteArray body = "--b1\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b1--\r\n";
    ScriptedHttpPeer peer(httpResponse("200 OK", "multipart/related; type=\"application/dicom\"; boundary=b1", body));
    DicomWebClient client(peer.endpoint());
    const QString folder = QString::fromStdString(radmark::testing::makeTemporaryFolder("radmark-wado-part"));
    PartFileSink sink(folder, [](const QString&) { FAIL("a text part was accepted"); });
    try {
        client.retrieve("1.2.3", {}, {}, sink);
        FAIL("accepted a text part");
    } catch (const DicomWebError& error) {
        CHECK(error.kind() == DicomWebError::Kind::WrongContentType);
        CHECK(std::string(error.what()) == "part 1 of the response is text/plain, not application/dicom");
    }
}

TEST_CASE("an HTTP error names the status, its reason and the server's explanation", "[dicomweb]")
{
    ScriptedHttpPeer peer(httpResponse("503 Service Unavailable", "text/plain", "archive in maintenance"));
    DicomWebClient client(peer.endpoint());
    try {
        client.echo();
        FAIL("no error");
    } catch (const DicomWebError& error) {
        CHECK(error.kind() == DicomWebError::Kind::HttpStatus);
        CHECK(error.httpStatus() == 503);
        CHECK_THAT(
            error.what(), Catch::EndsWith("/dicom-web/studies: HTTP 503 Service Unavailable: archive in maintenance"));
    }
}

TEST_CASE("a request is cancelled within a second of the flag being set", "[dicomweb]")
{
    ScriptedHttpPeer peer({}, false);
    std::atomic<bool> cancel { false };
    DicomWebClient client(peer.endpoint(60), &cancel);
    QTimer::singleShot(300, [&cancel] { cancel = true; });
    QElapsedTimer clock;
    clock.start();
    try {
        client.echo();
        FAIL("not cancelled");
    } catch (const DicomWebError& error) {
        CHECK(error.kind() == DicomWebError::Kind::Cancelled);
    }
    CHECK(clock.elapsed() < 1300);
}

TEST_CASE("nothing listening on the port is a refused connection", "[dicomweb]")
{
    QTcpServer probe;
    REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    DicomWebEndpoint endpoint;
    endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/dicom-web").arg(port));
    DicomWebClient client(endpoint);
    try {
        client.echo();
        FAIL("connected");
    } catch (const DicomWebError& error) {
        CHECK(error.kind() == DicomWebError::Kind::ConnectionRefused);
        CHECK(std::string(error.what())
            == QStringLiteral(
                "http://127.0.0.1:%1/dicom-web/studies: connection refused by 127.0.0.1:%1 (is the server "
                "running on that port?)")
                   .arg(port)
                   .toStdString());
    }
}

TEST_CASE("QIDO values go out without percent-encoding: such characters become the ? wildcard", "[dicomweb]")
{
    StudyQuery query;
    query.patientName = "DOE^JO*";
    query.studyDescription = " CT CHEST+ABD ";
    query.patientId = "Müller&Co=1";
    query.studyDate = "20240102-20240104";
    query.modality = "CT";
    const QUrlQuery parameters = DicomWebClient::studyQueryParameters(query, 5, 10);
    QUrl url(QStringLiteral("http://127.0.0.1/dicom-web/studies"));
    url.setQuery(parameters);
    CHECK(url.toEncoded().toStdString()
        == "http://127.0.0.1/dicom-web/studies?PatientID=M?ller?Co?1&PatientName=DOE?JO*&StudyDate=20240102-20240104"
           "&ModalitiesInStudy=CT&StudyDescription=CT?CHEST?ABD&includefield=00081030,00080061,00201206,00201208,"
           "00080030"
           "&limit=5&offset=10");
}

TEST_CASE("the connection's bearer token or user and password go out as the Authorization header", "[dicomweb]")
{
    const QByteArray emptyArray = httpResponse("200 OK", "application/dicom+json", "[]");
    {
        ScriptedHttpPeer peer(emptyArray);
        DicomWebEndpoint endpoint = peer.endpoint();
        endpoint.bearerToken = "tok-123";
        DicomWebClient client(endpoint);
        CHECK(client.echo() == 0);
        CHECK(peer.request().contains("\r\nAuthorization: Bearer tok-123\r\n"));
    }
    {
        ScriptedHttpPeer peer(emptyArray);
        DicomWebEndpoint endpoint = peer.endpoint();
        endpoint.user = "reader";
        endpoint.password = "s3cret";
        DicomWebClient client(endpoint);
        CHECK(client.echo() == 0);
        CHECK(peer.request().contains("\r\nAuthorization: Basic " + QByteArray("reader:s3cret").toBase64() + "\r\n"));
        CHECK(peer.request().contains("limit=1"));
    }
}
