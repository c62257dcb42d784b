#pragma once

#include <QString>
#include <QUrl>

namespace radmark::app::dicomweb {

// Where a DICOMweb service lives and how to log in: the base URL of its QIDO/WADO/STOW resources
// (Orthanc: http://host:8042/dicom-web) and HTTP basic (user + password) or bearer authentication.
struct DicomWebEndpoint {
    QUrl baseUrl;
    QString user;
    QString password;
    QString bearerToken;
    // A request fails with a timeout when the server sends nothing for this long (connecting included).
    int idleTimeoutSeconds = 30;
};

} // namespace radmark::app::dicomweb
