#include "dicomweb/MultipartRelatedParser.h"

namespace radmark::app::dicomweb {

namespace {

constexpr qsizetype maxHeaderBlockBytes = 64 * 1024;

} // namespace

QByteArray PartHeaders::value(const QByteArray& lowerCaseName) const
{
    for (const auto& field : fields) {
        if (field.first == lowerCaseName) {
            return field.second;
        }
    }
    return {};
}

MultipartRelatedParser::MultipartRelatedParser(const QByteArray& boundary, MultipartPartSink& sink)
    : m_delimiter("\r\n--" + boundary)
    , m_sink(sink)
{
    // The first delimiter may open the body without a CRLF before it: a virtual CRLF lets one search
    // find it either way.
    m_buffer = "\r\n";
    if (boundary.isEmpty() || boundary.size() > 70) {
        fail(QStringLiteral("the multipart boundary is empty or longer than 70 characters"));
    }
}

bool MultipartRelatedParser::fail(const QString& message)
{
    if (m_error.isEmpty()) {
        m_error = message;
    }
    m_state = State::Failed;
    m_buffer.clear();
    return false;
}

bool MultipartRelatedParser::feed(const char* data, qsizetype size)
{
    if (m_state == State::Failed) {
        return false;
    }
    if (m_state == State::Epilogue) {
        return true;
    }
    m_buffer.append(data, size);
    return process();
}

bool MultipartRelatedParser::process()
{
    for (;;) {
        switch (m_state) {
        case State::Preamble: {
            const qsizetype at = m_buffer.indexOf(m_delimiter);
            if (at < 0) {
                // Keep only what could be the start of the delimiter.
                const qsizetype keep = std::min<qsizetype>(m_buffer.size(), m_delimiter.size() - 1);
                m_buffer.remove(0, m_buffer.size() - keep);
                return true;
            }
            m_buffer.remove(0, at + m_delimiter.size());
            m_state = State::AfterDelimiter;
            break;
        }
        case State::AfterDelimiter: {
            // "--" closes the body; otherwise optional transport padding (spaces, tabs), then CRLF.
            if (m_buffer.size() < 2) {
                return true;
            }
            if (m_buffer.startsWith("--")) {
                m_state = State::Epilogue;
                m_buffer.clear();
                return true;
            }
            qsizetype at = 0;
            while (at < m_buffer.size() && (m_buffer.at(at) == ' ' || m_buffer.at(at) == '\t')) {
                ++at;
            }
            if (m_buffer.size() - at < 2) {
                if (at > 1024) {
                    return fail(QStringLiteral("part %1: more than 1024 padding characters after the boundary")
                                    .arg(m_partsCompleted + 1));
                }
                return true;
            }
            if (m_buffer.at(at) != '\r' || m_buffer.at(at + 1) != '\n') {
                return fail(QStringLiteral("part %1: the boundary line is not followed by CRLF (the boundary of "
                                           "the Content-Type header does not delimit the body)")
                                .arg(m_partsCompleted + 1));
            }
            m_buffer.remove(0, at + 2);
            m_state = State::Headers;
            break;
        }
        case State::Headers: {
            qsizetype headerEnd = -1;
            qsizetype bodyStart = -1;
            if (m_buffer.startsWith("\r\n")) {
                headerEnd = 0;
                bodyStart = 2;
            } else if (const qsizetype at = m_buffer.indexOf("\r\n\r\n"); at >= 0) {
                headerEnd = at;
                bodyStart = at + 4;
            }
            if (headerEnd < 0) {
                if (m_buffer.size() > maxHeaderBlockBytes) {
                    return fail(QStringLiteral("part %1: its header block exceeds 64 KiB").arg(m_partsCompleted + 1));
                }
                return true;
            }
            PartHeaders headers;
            for (const QByteArray& line : m_buffer.left(headerEnd).split('\n')) {
                const QByteArray trimmedLine = line.endsWith('\r') ? line.chopped(1) : line;
                if (trimmedLine.isEmpty()) {
                    continue;
                }
                if ((trimmedLine.startsWith(' ') || trimmedLine.startsWith('\t')) && !headers.fields.isEmpty()) {
                    headers.fields.last().second += ' ' + trimmedLine.trimmed(); // folded continuation
                    continue;
                }
                const qsizetype colon = trimmedLine.indexOf(':');
                if (colon <= 0) {
                    return fail(QStringLiteral("part %1: malformed header line \"%2\"")
                                    .arg(m_partsCompleted + 1)
                                    .arg(QString::fromLatin1(trimmedLine.left(80))));
                }
                headers.fields.append(
                    { trimmedLine.left(colon).trimmed().toLower(), trimmedLine.mid(colon + 1).trimmed() });
            }
            m_buffer.remove(0, bodyStart);
            m_state = State::Body;
            m_sink.beginPart(headers);
            break;
        }
        case State::Body: {
            const qsizetype at = m_buffer.indexOf(m_delimiter);
            if (at < 0) {
                const qsizetype safe = m_buffer.size() - (m_delimiter.size() - 1);
                if (safe > 0) {
                    m_sink.partData(m_buffer.constData(), safe);
                    m_buffer.remove(0, safe);
                }
                return true;
            }
            if (at > 0) {
                m_sink.partData(m_buffer.constData(), at);
            }
            m_buffer.remove(0, at + m_delimiter.size());
            ++m_partsCompleted;
            m_state = State::AfterDelimiter;
            m_sink.endPart();
            break;
        }
        case State::Epilogue:
            m_buffer.clear();
            return true;
        case State::Failed:
            return false;
        }
    }
}

bool MultipartRelatedParser::finish()
{
    switch (m_state) {
    case State::Epilogue:
        return true;
    case State::Failed:
        return false;
    case State::Preamble:
        return fail(QStringLiteral("the response holds no part (no boundary \"%1\" in the body)")
                        .arg(QString::fromLatin1(m_delimiter.mid(4))));
    case State::Body:
        return fail(QStringLiteral("the response ended inside part %1 (truncated: no closing boundary)")
                        .arg(m_partsCompleted + 1));
    case State::AfterDelimiter:
    case State::Headers:
        return fail(QStringLiteral("the response ended after part %1 without the closing boundary (truncated)")
                        .arg(m_partsCompleted));
    }
    return false;
}

} // namespace radmark::app::dicomweb
