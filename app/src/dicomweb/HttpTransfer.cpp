#include "dicomweb/HttpTransfer.h"

#include "dicomweb/DicomWebError.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <exception>

namespace radmark::app::dicomweb {

namespace {

constexpr qsizetype maxErrorBodyBytes = 4096;

std::string text(const QString& value)
{
    return value.toStdString();
}

// The first line of an error body, if it is short text (Orthanc explains 4xx in JSON or plain text).
QString errorBodySummary(const QByteArray& body, const QByteArray& contentType)
{
    if (body.isEmpty() || !(contentType.contains("text") || contentType.contains("json"))) {
        return {};
    }
    QString summary = QString::fromUtf8(body.left(300)).simplified();
    return summary.size() > 200 ? summary.left(200) + QStringLiteral("…") : summary;
}

} // namespace

QString urlForMessages(const QUrl& url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

HttpTransfer::HttpTransfer(
    QNetworkAccessManager& network, const DicomWebEndpoint& endpoint, const std::atomic<bool>* cancelRequested)
    : m_network(network)
    , m_endpoint(endpoint)
    , m_cancelRequested(cancelRequested)
{
}

HttpAnswer HttpTransfer::run(const Request& request)
{
    if (m_cancelRequested && m_cancelRequested->load()) {
        throw DicomWebError(DicomWebError::Kind::Cancelled, "cancelled");
    }
    QNetworkRequest networkRequest(request.url);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    for (const auto& header : request.headers) {
        networkRequest.setRawHeader(header.first, header.second);
    }
    if (!m_endpoint.bearerToken.isEmpty()) {
        networkRequest.setRawHeader("Authorization", "Bearer " + m_endpoint.bearerToken.toUtf8());
    } else if (!m_endpoint.user.isEmpty()) {
        networkRequest.setRawHeader(
            "Authorization", "Basic " + (m_endpoint.user + QLatin1Char(':') + m_endpoint.password).toUtf8().toBase64());
    }

    QNetworkReply* reply = request.multipartBody
        ? m_network.sendCustomRequest(networkRequest, request.verb, request.multipartBody)
        : m_network.sendCustomRequest(networkRequest, request.verb);
    QEventLoop loop;
    QElapsedTimer sinceLastByte;
    sinceLastByte.start();
    bool timedOut = false;
    bool cancelled = false;
    bool headersHandled = false;
    HttpAnswer answer;
    std::exception_ptr callbackFailure;
    qint64 lastUploaded = 0;

    const auto abortWith = [&](std::exception_ptr failure) {
        if (!callbackFailure) {
            callbackFailure = failure;
        }
        reply->abort();
    };
    const auto handleHeaders = [&] {
        if (headersHandled) {
            return;
        }
        headersHandled = true;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.contentType = reply->rawHeader("Content-Type");
        if (answer.status >= 400 || !request.onHeaders) {
            return;
        }
        try {
            request.onHeaders(answer);
        } catch (...) {
            abortWith(std::current_exception());
        }
    };
    const auto readAvailable = [&] {
        if (callbackFailure || cancelled || timedOut) {
            return;
        }
        if (m_cancelRequested && m_cancelRequested->load()) {
            cancelled = true;
            reply->abort();
            return;
        }
        handleHeaders();
        const QByteArray piece = reply->readAll();
        if (piece.isEmpty()) {
            return;
        }
        sinceLastByte.restart();
        if (answer.status >= 400 || !request.onData) {
            if (answer.status < 400 || answer.body.size() < maxErrorBodyBytes) {
                answer.body += piece;
            }
            return;
        }
        try {
            request.onData(piece);
        } catch (...) {
            abortWith(std::current_exception());
        }
    };

    QObject::connect(reply, &QNetworkReply::metaDataChanged, &loop, handleHeaders);
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, readAvailable);
    QObject::connect(reply, &QNetworkReply::uploadProgress, &loop, [&](qint64 sent, qint64) {
        if (sent != lastUploaded) {
            lastUploaded = sent;
            sinceLastByte.restart();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer watchdog;
    watchdog.setInterval(50);
    QObject::connect(&watchdog, &QTimer::timeout, &loop, [&] {
        if (reply->isFinished()) {
            return;
        }
        if (m_cancelRequested && m_cancelRequested->load()) {
            cancelled = true;
            reply->abort();
        } else if (sinceLastByte.elapsed() > qint64(m_endpoint.idleTimeoutSeconds) * 1000) {
            timedOut = true;
            reply->abort();
        }
    });
    watchdog.start();
    if (!reply->isFinished()) {
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    watchdog.stop();
    readAvailable(); // what arrived together with the end

    const QNetworkReply::NetworkError networkError = reply->error();
    const QString networkErrorText = reply->errorString();
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    if (!headersHandled) {
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.contentType = reply->rawHeader("Content-Type");
    }
    delete reply; // not deleteLater: the thread may have no event loop after this call

    const QString where = urlForMessages(request.url);
    if (callbackFailure) {
        std::rethrow_exception(callbackFailure);
    }
    if (cancelled) {
        throw DicomWebError(DicomWebError::Kind::Cancelled, "cancelled");
    }
    if (timedOut) {
        throw DicomWebError(DicomWebError::Kind::Timeout,
            text(QStringLiteral("%1: no answer within %2 s (timeout)").arg(where).arg(m_endpoint.idleTimeoutSeconds)));
    }
    if (answer.status >= 400) {
        QString message = QStringLiteral("%1: HTTP %2 %3").arg(where).arg(answer.status).arg(reason);
        if (answer.status == 401) {
            message += m_endpoint.user.isEmpty() && m_endpoint.bearerToken.isEmpty()
                ? QStringLiteral(" (the server wants a user name and password; none is set for this connection)")
                : QStringLiteral(" (the server refused the connection's user name and password or token)");
        } else if (answer.status == 403) {
            message += QStringLiteral(" (this user may not do that)");
        }
        const QString detail = errorBodySummary(answer.body, answer.contentType);
        if (!detail.isEmpty()) {
            message += QStringLiteral(": ") + detail;
        }
        throw DicomWebError(DicomWebError::Kind::HttpStatus, text(message.simplified()), answer.status);
    }
    if (networkError != QNetworkReply::NoError) {
        const QString host = QStringLiteral("%1:%2")
                                 .arg(request.url.host())
                                 .arg(request.url.port(request.url.scheme() == QLatin1String("https") ? 443 : 80));
        switch (networkError) {
        case QNetworkReply::ConnectionRefusedError:
            throw DicomWebError(DicomWebError::Kind::ConnectionRefused,
                text(QStringLiteral("%1: connection refused by %2 (is the server running on that port?)")
                         .arg(where, host)));
        case QNetworkReply::HostNotFoundError:
            throw DicomWebError(DicomWebError::Kind::HostNotFound,
                text(QStringLiteral("%1: host not found: %2").arg(where, request.url.host())));
        case QNetworkReply::TimeoutError:
            throw DicomWebError(DicomWebError::Kind::Timeout,
                text(QStringLiteral("%1: no answer within %2 s (timeout)")
                         .arg(where)
                         .arg(m_endpoint.idleTimeoutSeconds)));
        default:
            throw DicomWebError(
                DicomWebError::Kind::Network, text(QStringLiteral("%1: %2").arg(where, networkErrorText)));
        }
    }
    return answer;
}

} // namespace radmark::app::dicomweb
