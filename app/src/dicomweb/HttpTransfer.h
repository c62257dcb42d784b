#pragma once

#include "dicomweb/DicomWebEndpoint.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

#include <atomic>
#include <functional>

class QHttpMultiPart;
class QNetworkAccessManager;

namespace radmark::app::dicomweb {

// What came back from one HTTP exchange that succeeded (status < 400).
struct HttpAnswer {
    int status = 0;
    QByteArray contentType; // the raw Content-Type header value
    QByteArray body; // only when no onData callback consumed it
};

// One HTTP request run to its end on the calling thread (a local event loop), with the endpoint's
// authentication, an idle timeout (nothing received for endpoint.idleTimeoutSeconds) and a cancel
// flag checked every 50 ms. Throws DicomWebError: refused, host not found, timeout, cancelled, an HTTP
// status >= 400 with its reason phrase, or whatever onHeaders / onData threw (the transfer is aborted).
// Needs a QCoreApplication; the QNetworkAccessManager must belong to the calling thread.
class HttpTransfer {
public:
    HttpTransfer(
        QNetworkAccessManager& network, const DicomWebEndpoint& endpoint, const std::atomic<bool>* cancelRequested);

    struct Request {
        QByteArray verb = "GET";
        QUrl url;
        QList<QPair<QByteArray, QByteArray>> headers;
        QHttpMultiPart* multipartBody = nullptr; // sent as the body when set (not owned)
        // Called once when the response headers of a successful status are in (throw to refuse them).
        std::function<void(const HttpAnswer& answer)> onHeaders;
        // Called with each piece of a successful response's body, as it arrives; when unset the body
        // is collected into HttpAnswer::body.
        std::function<void(const QByteArray& piece)> onData;
    };
    HttpAnswer run(const Request& request);

private:
    QNetworkAccessManager& m_network;
    const DicomWebEndpoint& m_endpoint;
    const std::atomic<bool>* m_cancelRequested;
};

// "http://host:port/path" without user info or query, for messages.
QString urlForMessages(const QUrl& url);

} // namespace radmark::app::dicomweb
