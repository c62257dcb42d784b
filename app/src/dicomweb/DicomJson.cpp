#include "dicomweb/DicomJson.h"

#include <QJsonArray>
#include <QStringList>

#include <cmath>

namespace radmark::app::dicomweb {

namespace {

QString valueText(const QJsonValue& value)
{
    if (value.isString()) {
        return value.toString();
    }
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (std::floor(number) == number && std::abs(number) < 9.0e15) {
            return QString::number(static_cast<long long>(number));
        }
        return QString::number(number, 'g', 17);
    }
    if (value.isObject()) { // a Person Name: {"Alphabetic": .., "Ideographic": .., "Phonetic": ..}
        return value.toObject().value(QStringLiteral("Alphabetic")).toString();
    }
    return {};
}

} // namespace

QString dicomJsonText(const QJsonObject& dataset, const char* tagHex)
{
    const QJsonArray values = dataset.value(QLatin1String(tagHex)).toObject().value(QStringLiteral("Value")).toArray();
    QStringList texts;
    for (const QJsonValue& value : values) {
        texts << valueText(value);
    }
    return texts.join(QLatin1Char('\\'));
}

std::optional<long long> dicomJsonInteger(const QJsonObject& dataset, const char* tagHex)
{
    const QJsonArray values = dataset.value(QLatin1String(tagHex)).toObject().value(QStringLiteral("Value")).toArray();
    if (values.isEmpty()) {
        return std::nullopt;
    }
    const QJsonValue first = values.first();
    if (first.isDouble()) {
        return static_cast<long long>(std::llround(first.toDouble()));
    }
    bool ok = false;
    const long long number = first.toString().trimmed().toLongLong(&ok);
    return ok ? std::optional<long long>(number) : std::nullopt;
}

} // namespace radmark::app::dicomweb
