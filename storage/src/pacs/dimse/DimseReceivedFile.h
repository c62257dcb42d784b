#pragma once

#include "radmark/storage/pacs/PacsClient.h"

#include <string>

namespace radmark::storage::dimse {

// Where a C-STORE sub-operation is received (bit for bit, DCMTK writes the file meta header): a partial file in the
// study's cache folder named after the (sanitised) SOP Instance UID of the request.
std::string receivingPath(
    const std::string& cacheFolder, const std::string& studyInstanceUid, const std::string& sopInstanceUid);

// Reads the received file's header (through the importer's reader, which pre-scans the element stream), checks that
// its SOP Instance UID is the announced one, and renames it to its place in the cache
// (<cache>/<study>/<series>/<sop>.dcm, UIDs from the file). Removes the partial file and throws PacsError{Protocol}
// when the file is no readable DICOM or not the announced instance.
PacsStoredInstance commitReceivedFile(
    const std::string& partialPath, const std::string& cacheFolder, const std::string& announcedSopInstanceUid);

} // namespace radmark::storage::dimse
