#pragma once

#include <QByteArray>
#include <QMap>

namespace radmark::app::dicomweb {

// A Content-Type value split as RFC 7231 §3.1.1.1 says: `type/subtype *( ; name=value )`, the type and
// parameter names lower-cased, values unquoted (quoted-pair escapes resolved). Used for the WADO-RS
// response (`multipart/related; type="application/dicom"; boundary=...`) and the type of each part.
struct MediaType {
    QByteArray essence; // "multipart/related"
    QMap<QByteArray, QByteArray> parameters; // "boundary" -> "abc", "type" -> "application/dicom"

    QByteArray parameter(const QByteArray& name) const { return parameters.value(name); }
};

// Parses a Content-Type header value; an empty or malformed value gives an empty essence.
MediaType parseMediaType(const QByteArray& headerValue);

} // namespace radmark::app::dicomweb
