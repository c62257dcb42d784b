#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace radmark::app::dicomweb {

// Reading the DICOM JSON model (PS3.18 Annex F.2): a dataset is an object keyed by the tag as eight
// upper-case hex digits ("0020000D"), each attribute {"vr": .., "Value": [..]}. An absent attribute, one
// without "Value", or a null value reads as empty.

// The attribute's values as DICOM text: strings as they are, numbers in their shortest form, Person
// Names by their Alphabetic group (PS3.18 F.2.2), several values joined with '\'.
QString dicomJsonText(const QJsonObject& dataset, const char* tagHex);
// The first value as an integer (IS, US, UL, SL...; a numeric string is accepted), when there is one.
std::optional<long long> dicomJsonInteger(const QJsonObject& dataset, const char* tagHex);

} // namespace radmark::app::dicomweb
