#pragma once

#include <stdexcept>
#include <string>

namespace radmark::app::dicomweb {

// A DICOMweb request that failed, with one plain sentence naming the URL and the reason.
class DicomWebError : public std::runtime_error {
public:
    enum class Kind {
        ConnectionRefused, // nothing listens on the host:port
        HostNotFound,
        Timeout, // no byte for the idle timeout
        HttpStatus, // the server answered with 4xx/5xx (httpStatus())
        WrongContentType, // e.g. text/html where multipart/related was asked for
        MalformedResponse, // bad JSON, a broken or truncated multipart body
        Network, // any other transport error (TLS, reset...)
        Cancelled, // the caller asked to stop
        LocalFile, // a received instance could not be written, or a file to send read
    };
    DicomWebError(Kind kind, const std::string& message, int httpStatus = 0)
        : std::runtime_error(message)
        , m_kind(kind)
        , m_httpStatus(httpStatus)
    {
    }
    Kind kind() const { return m_kind; }
    int httpStatus() const { return m_httpStatus; }

private:
    Kind m_kind;
    int m_httpStatus;
};

} // namespace radmark::app::dicomweb
