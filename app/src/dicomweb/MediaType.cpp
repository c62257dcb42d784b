#include "dicomweb/MediaType.h"

namespace radmark::app::dicomweb {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

void skipSpaces(const QByteArray& text, qsizetype& at)
{
    while (at < text.size() && isSpace(text.at(at))) {
        ++at;
    }
}

} // namespace

MediaType parseMediaType(const QByteArray& headerValue)
{
    MediaType result;
    qsizetype at = 0;
    skipSpaces(headerValue, at);
    const qsizetype essenceStart = at;
    while (at < headerValue.size() && headerValue.at(at) != ';' && !isSpace(headerValue.at(at))) {
        ++at;
    }
    const QByteArray essence = headerValue.mid(essenceStart, at - essenceStart).toLower();
    if (essence.count('/') != 1 || essence.startsWith('/') || essence.endsWith('/')) {
        return result;
    }
    result.essence = essence;
    while (at < headerValue.size()) {
        skipSpaces(headerValue, at);
        if (at >= headerValue.size() || headerValue.at(at) != ';') {
            break;
        }
        ++at;
        skipSpaces(headerValue, at);
        const qsizetype nameStart = at;
        while (at < headerValue.size() && headerValue.at(at) != '=' && headerValue.at(at) != ';') {
            ++at;
        }
        const QByteArray name = headerValue.mid(nameStart, at - nameStart).trimmed().toLower();
        if (at >= headerValue.size() || headerValue.at(at) != '=') {
            continue; // a parameter without a value is ignored
        }
        ++at;
        skipSpaces(headerValue, at);
        QByteArray value;
        if (at < headerValue.size() && headerValue.at(at) == '"') {
            ++at;
            while (at < headerValue.size() && headerValue.at(at) != '"') {
                if (headerValue.at(at) == '\\' && at + 1 < headerValue.size()) {
                    ++at;
                }
                value.append(headerValue.at(at));
                ++at;
            }
            ++at; // the closing quote
        } else {
            const qsizetype valueStart = at;
            while (at < headerValue.size() && headerValue.at(at) != ';') {
                ++at;
            }
            value = headerValue.mid(valueStart, at - valueStart).trimmed();
        }
        if (!name.isEmpty() && !result.parameters.contains(name)) {
            result.parameters.insert(name, value);
        }
    }
    return result;
}

} // namespace radmark::app::dicomweb
