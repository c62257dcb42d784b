#pragma once

class DcmItem;

namespace radmark::storage {

// Converts every text of a dataset to UTF-8 per its Specific Character Set (0008,0005) and sets it to
// ISO_IR 192: DCMTK's DcmItem::convertToUTF8 for the character sets its iconv can convert, RadMark's ISO 2022
// decoder (Iso2022Text.h) for Japanese (ISO 2022 IR 13 / 87 / 159). Best effort: a value that does not
// decode stays as stored (the importer's ensureUtf8 keeps what it shows valid).
void convertTextToUtf8(DcmItem& dataset);

} // namespace radmark::storage
