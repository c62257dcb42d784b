#include "dicomweb/DicomWebClient.h"

#include "dicomweb/DicomJson.h"
#include "dicomweb/DicomWebError.h"
#include "dicomweb/HttpTransfer.h"
#include "dicomweb/MediaType.h"
#include "dicomweb/MultipartRelatedParser.h"

#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QThread>
#include <QUrlQuery>

namespace radmark::app::dicomweb {

namespace {

std::string text(const QString& value)
{
    return value.toStdString();
}

int intOr(const std::optional<long long>& value, int fallback)
{
    return value ? static_cast<int>(*value) : fallback;
}

StudyMatch studyFromJson(const QJsonObject& dataset)
{
    StudyMatch match;
    match.studyInstanceUid = dicomJsonText(dataset, "0020000D");
    match.patientId = dicomJsonText(dataset, "00100020");
    match.patientName = dicomJsonText(dataset, "00100010");
    match.patientBirthDate = dicomJsonText(dataset, "00100030");
    match.accessionNumber = dicomJsonText(dataset, "00080050");
    match.studyDate = dicomJsonText(dataset, "00080020");
    match.studyTime = dicomJsonText(dataset, "00080030");
    match.studyDescription = dicomJsonText(dataset, "00081030");
    match.modalitiesInStudy = dicomJsonText(dataset, "00080061");
    match.numberOfSeries = intOr(dicomJsonInteger(dataset, "00201206"), -1);
    match.numberOfInstances = intOr(dicomJsonInteger(dataset, "00201208"), -1);
    return match;
}

SeriesMatch seriesFromJson(const QJsonObject& dataset, const QString& studyUid)
{
    SeriesMatch match;
    match.studyInstanceUid = dicomJsonText(dataset, "0020000D");
    if (match.studyInstanceUid.isEmpty()) {
        match.studyInstanceUid = studyUid;
    }
    match.seriesInstanceUid = dicomJsonText(dataset, "0020000E");
    match.modality = dicomJsonText(dataset, "00080060");
    match.seriesDescription = dicomJsonText(dataset, "0008103E");
    match.seriesNumber = intOr(dicomJsonInteger(dataset, "00200011"), -1);
    match.numberOfInstances = intOr(dicomJsonInteger(dataset, "00201209"), -1);
    return match;
}

InstanceMatch instanceFromJson(const QJsonObject& dataset, const QString& studyUid, const QString& seriesUid)
{
    InstanceMatch match;
    match.studyInstanceUid = dicomJsonText(dataset, "0020000D");
    if (match.studyInstanceUid.isEmpty()) {
        match.studyInstanceUid = studyUid;
    }
    match.seriesInstanceUid = dicomJsonText(dataset, "0020000E");
    if (match.seriesInstanceUid.isEmpty()) {
        match.seriesInstanceUid = seriesUid;
    }
    match.sopInstanceUid = dicomJsonText(dataset, "00080018");
    match.sopClassUid = dicomJsonText(dataset, "00080016");
    match.instanceNumber = intOr(dicomJsonInteger(dataset, "00200013"), -1);
    return match;
}

void addPaging(QUrlQuery& parameters, int limit, int offset)
{
    if (limit > 0) {
        parameters.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    }
    if (offset > 0) {
        parameters.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    }
}

// A matching value as it goes into the URL. Characters a URL must percent-encode (space, '^' of person names,
// '&', '=', '+', '%', '#', non-ASCII...) become the single-character wildcard '?': Orthanc 1.10's DICOMweb plugin
// does not decode %XX in QIDO values (so "DOE%5EJOHN" or "CT%20CHEST" match nothing there), while every
// server matches '?' against that one character (PS3.18 §8.3.4.1: wildcards apply to these attributes).
QString queryValue(const QString& value)
{
    QString safe = value.trimmed();
    for (QChar& c : safe) {
        const ushort code = c.unicode();
        const bool plain = (code >= 'A' && code <= 'Z') || (code >= 'a' && code <= 'z') || (code >= '0' && code <= '9')
            || QStringLiteral("-._~!$'()*,;:@/?").contains(c);
        if (!plain) {
            c = QLatin1Char('?');
        }
    }
    return safe;
}

// Checks that each part is a DICOM instance before passing it on.
class DicomPartSink : public MultipartPartSink {
public:
    explicit DicomPartSink(MultipartPartSink& target)
        : m_target(target)
    {
    }
    void beginPart(const PartHeaders& headers) override
    {
        ++m_parts;
        const QByteArray type = headers.value("content-type");
        const MediaType mediaType = parseMediaType(type);
        if (!type.isEmpty() && mediaType.essence != "application/dicom") {
            throw DicomWebError(DicomWebError::Kind::WrongContentType,
                "part " + std::to_string(m_parts) + " of the response is " + type.toStdString()
                    + ", not application/dicom");
        }
        m_target.beginPart(headers);
    }
    void partData(const char* data, qsizetype size) override { m_target.partData(data, size); }
    void endPart() override { m_target.endPart(); }

private:
    MultipartPartSink& m_target;
    int m_parts = 0;
};

} // namespace

DicomWebClient::DicomWebClient(DicomWebEndpoint endpoint, const std::atomic<bool>* cancelRequested)
    : m_endpoint(std::move(endpoint))
    , m_cancelRequested(cancelRequested)
{
}

DicomWebClient::~DicomWebClient() = default;

QNetworkAccessManager& DicomWebClient::network()
{
    if (!m_network || m_network->thread() != QThread::currentThread()) {
        m_network.reset();
        m_network = std::make_unique<QNetworkAccessManager>();
    }
    return *m_network;
}

QUrl DicomWebClient::resourceUrl(const QString& path) const
{
    QUrl url = m_endpoint.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/'))) {
        basePath.chop(1);
    }
    url.setPath(basePath + path);
    return url;
}

QUrlQuery DicomWebClient::studyQueryParameters(const StudyQuery& query, int limit, int offset)
{
    QUrlQuery parameters;
    const auto add = [&parameters](const char* keyword, const QString& value) {
        if (!value.trimmed().isEmpty()) {
            parameters.addQueryItem(QLatin1String(keyword), queryValue(value));
        }
    };
    add("PatientID", query.patientId);
    add("PatientName", query.patientName);
    add("AccessionNumber", query.accessionNumber);
    add("StudyInstanceUID", query.studyInstanceUid);
    add("StudyDate", query.studyDate);
    add("ModalitiesInStudy", query.modality);
    add("StudyDescription", query.studyDescription);
    // Fields a server need not return by default (PS3.18 Table 10.6.3-3 lists the required ones).
    parameters.addQueryItem(
        QStringLiteral("includefield"), QStringLiteral("00081030,00080061,00201206,00201208,00080030"));
    addPaging(parameters, limit, offset);
    return parameters;
}

QJsonArray DicomWebClient::qido(const QString& path, const QUrlQuery& parameters)
{
    QUrl url = resourceUrl(path);
    url.setQuery(parameters);
    HttpTransfer transfer(network(), m_endpoint, m_cancelRequested);
    HttpTransfer::Request request;
    request.url = url;
    request.headers = { { "Accept", "application/dicom+json, application/json" } };
    const HttpAnswer answer = transfer.run(request);
    if (answer.status == 204 || answer.body.trimmed().isEmpty()) {
        return {}; // no match (PS3.18 §10.6.3: 204 No Content, or an empty body)
    }
    const QByteArray essence = parseMediaType(answer.contentType).essence;
    if (!essence.isEmpty() && essence != "application/dicom+json" && essence != "application/json") {
        throw DicomWebError(DicomWebError::Kind::WrongContentType,
            text(QStringLiteral("%1: expected application/dicom+json, the server sent %2 (is the URL "
                                "the DICOMweb root, e.g. http://host:8042/dicom-web?)")
                     .arg(urlForMessages(url), QString::fromLatin1(answer.contentType))));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(answer.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        throw DicomWebError(DicomWebError::Kind::MalformedResponse,
            text(QStringLiteral("%1: the answer is not a DICOM JSON array (%2)")
                     .arg(urlForMessages(url),
                         parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                      : QStringLiteral("not an array"))));
    }
    return document.array();
}

std::vector<StudyMatch> DicomWebClient::searchStudies(const StudyQuery& query, int limit, int offset)
{
    std::vector<StudyMatch> matches;
    for (const QJsonValue& value : qido(QStringLiteral("/studies"), studyQueryParameters(query, limit, offset))) {
        matches.push_back(studyFromJson(value.toObject()));
    }
    return matches;
}

std::vector<SeriesMatch> DicomWebClient::searchSeries(const QString& studyUid, int limit, int offset)
{
    QUrlQuery parameters;
    parameters.addQueryItem(QStringLiteral("includefield"), QStringLiteral("0008103E,00201209,00200011"));
    addPaging(parameters, limit, offset);
    std::vector<SeriesMatch> matches;
    for (const QJsonValue& value : qido(QStringLiteral("/studies/%1/series").arg(studyUid), parameters)) {
        matches.push_back(seriesFromJson(value.toObject(), studyUid));
    }
    return matches;
}

std::vector<InstanceMatch> DicomWebClient::searchInstances(
    const QString& studyUid, const QString& seriesUid, int limit, int offset)
{
    QUrlQuery parameters;
    addPaging(parameters, limit, offset);
    const QString path = seriesUid.isEmpty()
        ? QStringLiteral("/studies/%1/instances").arg(studyUid)
        : QStringLiteral("/studies/%1/series/%2/instances").arg(studyUid, seriesUid);
    std::vector<InstanceMatch> matches;
    for (const QJsonValue& value : qido(path, parameters)) {
        matches.push_back(instanceFromJson(value.toObject(), studyUid, seriesUid));
    }
    return matches;
}

std::vector<InstanceMatch> DicomWebClient::allInstances(const QString& studyUid, const QString& seriesUid, int pageSize)
{
    std::vector<InstanceMatch> all;
    for (;;) {
        std::vector<InstanceMatch> page = searchInstances(studyUid, seriesUid, pageSize, static_cast<int>(all.size()));
        const bool full = static_cast<int>(page.size()) == pageSize;
        all.insert(all.end(), page.begin(), page.end());
        if (!full || page.empty()) {
            return all;
        }
    }
}

int DicomWebClient::echo()
{
    QUrlQuery parameters;
    parameters.addQueryItem(QStringLiteral("limit"), QStringLiteral("1"));
    return qido(QStringLiteral("/studies"), parameters).size();
}

int DicomWebClient::retrieve(
    const QString& studyUid, const QString& seriesUid, const QString& sopInstanceUid, MultipartPartSink& sink)
{
    QString path = QStringLiteral("/studies/%1").arg(studyUid);
    if (!seriesUid.isEmpty()) {
        path += QStringLiteral("/series/%1").arg(seriesUid);
        if (!sopInstanceUid.isEmpty()) {
            path += QStringLiteral("/instances/%1").arg(sopInstanceUid);
        }
    }
    const QUrl url = resourceUrl(path);
    DicomPartSink checkedSink(sink);
    std::unique_ptr<MultipartRelatedParser> parser;
    HttpTransfer transfer(network(), m_endpoint, m_cancelRequested);
    HttpTransfer::Request request;
    request.url = url;
    request.headers = { { "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*" } };
    request.onHeaders = [&](const HttpAnswer& answer) {
        const MediaType type = parseMediaType(answer.contentType);
        const QByteArray partType = type.parameter("type").toLower();
        if (type.essence != "multipart/related" || (!partType.isEmpty() && partType != "application/dicom")) {
            throw DicomWebError(DicomWebError::Kind::WrongContentType,
                text(QStringLiteral("%1: expected multipart/related; type=\"application/dicom\", the "
                                    "server sent %2")
                         .arg(urlForMessages(url),
                             answer.contentType.isEmpty() ? QStringLiteral("no Content-Type")
                                                          : QString::fromLatin1(answer.contentType))));
        }
        const QByteArray boundary = type.parameter("boundary");
        if (boundary.isEmpty()) {
            throw DicomWebError(DicomWebError::Kind::MalformedResponse,
                text(QStringLiteral("%1: the multipart/related response names no boundary").arg(urlForMessages(url))));
        }
        parser = std::make_unique<MultipartRelatedParser>(boundary, checkedSink);
    };
    request.onData = [&](const QByteArray& piece) {
        if (!parser->feed(piece)) {
            throw DicomWebError(DicomWebError::Kind::MalformedResponse,
                text(QStringLiteral("%1: %2").arg(urlForMessages(url), parser->error())));
        }
    };
    const HttpAnswer answer = transfer.run(request);
    if (!parser) { // a 2xx without a body, e.g. 204
        throw DicomWebError(DicomWebError::Kind::WrongContentType,
            text(QStringLiteral("%1: HTTP %2 without a multipart/related body")
                     .arg(urlForMessages(url))
                     .arg(answer.status)));
    }
    if (!parser->finish()) {
        throw DicomWebError(DicomWebError::Kind::MalformedResponse,
            text(QStringLiteral("%1: %2").arg(urlForMessages(url), parser->error())));
    }
    return parser->partsCompleted();
}

StowResult DicomWebClient::store(const QStringList& dicomFilePaths)
{
    QHttpMultiPart body(QHttpMultiPart::RelatedType);
    const QByteArray boundary = "radmark-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    body.setBoundary(boundary);
    for (const QString& path : dicomFilePaths) {
        auto* file = new QFile(path, &body);
        if (!file->open(QIODevice::ReadOnly)) {
            throw DicomWebError(DicomWebError::Kind::LocalFile,
                text(QStringLiteral("%1: cannot read it to send (%2)").arg(path, file->errorString())));
        }
        QHttpPart part;
        part.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/dicom"));
        part.setBodyDevice(file);
        body.append(part);
    }
    const QUrl url = resourceUrl(QStringLiteral("/studies"));
    HttpTransfer transfer(network(), m_endpoint, m_cancelRequested);
    HttpTransfer::Request request;
    request.verb = "POST";
    request.url = url;
    request.multipartBody = &body;
    request.headers = { { "Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary },
        { "Accept", "application/dicom+json, application/json" } };
    const HttpAnswer answer = transfer.run(request);

    StowResult result;
    const QJsonObject response = QJsonDocument::fromJson(answer.body).object();
    for (const QJsonValue& item :
        response.value(QStringLiteral("00081199")).toObject().value(QStringLiteral("Value")).toArray()) {
        result.storedSopInstanceUids << dicomJsonText(item.toObject(), "00081155");
    }
    for (const QJsonValue& item :
        response.value(QStringLiteral("00081198")).toObject().value(QStringLiteral("Value")).toArray()) {
        const QJsonObject failed = item.toObject();
        result.failures << QStringLiteral("%1: failure reason %2")
                               .arg(dicomJsonText(failed, "00081155"), dicomJsonText(failed, "00081197"));
    }
    if (response.isEmpty() && answer.status != 200 && answer.status != 202) {
        throw DicomWebError(DicomWebError::Kind::MalformedResponse,
            text(QStringLiteral("%1: HTTP %2 without a STOW-RS response").arg(urlForMessages(url)).arg(answer.status)));
    }
    return result;
}

} // namespace radmark::app::dicomweb
