#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace radmark::app::dicomweb {

// The header fields of one body part, names lower-cased, in their order.
struct PartHeaders {
    QList<QPair<QByteArray, QByteArray>> fields;
    QByteArray value(const QByteArray& lowerCaseName) const;
};

// Receives the parts of a multipart body as the parser finds them. partData may be called many times
// per part with consecutive pieces; nothing of a part is held back longer than the delimiter's length.
class MultipartPartSink {
public:
    virtual ~MultipartPartSink() = default;
    virtual void beginPart(const PartHeaders& headers) = 0;
    virtual void partData(const char* data, qsizetype size) = 0;
    virtual void endPart() = 0;
};

// A streaming parser of a multipart body (RFC 2046 §5.1.1, as PS3.18 §8.6.1 uses it for
// multipart/related responses): the preamble before the first delimiter and the epilogue after the
// close delimiter are ignored, transport padding after a delimiter is allowed, and a delimiter split
// over two reads is found. Memory stays bounded by the largest header block (64 KiB), whatever the
// size of the parts. Feed the body piece by piece, then call finish(); errors are plain sentences.
class MultipartRelatedParser {
public:
    MultipartRelatedParser(const QByteArray& boundary, MultipartPartSink& sink);

    // Returns false (and sets error()) on malformed input; further input is then ignored.
    bool feed(const char* data, qsizetype size);
    bool feed(const QByteArray& data) { return feed(data.constData(), data.size()); }
    // The body has ended: false when it ended before the close delimiter (a truncated response).
    bool finish();

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    int partsCompleted() const { return m_partsCompleted; }
    // True while a part has begun and not ended (its data so far must not be kept if the body stops).
    bool insidePart() const { return m_state == State::Body; }

private:
    enum class State { Preamble, AfterDelimiter, Headers, Body, Epilogue, Failed };
    bool process();
    bool fail(const QString& message);

    QByteArray m_delimiter; // "\r\n--" + boundary
    MultipartPartSink& m_sink;
    QByteArray m_buffer;
    State m_state = State::Preamble;
    int m_partsCompleted = 0;
    QString m_error;
};

} // namespace radmark::app::dicomweb
