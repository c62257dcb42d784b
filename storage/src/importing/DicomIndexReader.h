#pragma once

#include "importing/FileReadResult.h"

#include <cstdint>
#include <string>

namespace radmark::storage {

// Reads one DICOM file's header (up to the pixel data, never the pixels) into an InstanceRecord, or says
// specifically why the file is skipped. Files with and without File Meta Information are read; DCMTK's
// logger is silenced so that importing prints nothing. Safe to call from several threads at once.
class DicomIndexReader {
public:
    static FileReadResult read(const std::string& filePath, std::int64_t sizeBytes, std::int64_t modifiedNs);

    // Plain little-endian files go through a fast parser of the indexed attributes, everything else through
    // DCMTK. Tests force one parser to check that both give the same records.
    enum class Parser { Automatic, DcmtkOnly, FastOnly };
    static FileReadResult read(
        const std::string& filePath, std::int64_t sizeBytes, std::int64_t modifiedNs, Parser parser);
    // The reason FastOnly gives for a file the fast parser leaves to DCMTK.
    static constexpr const char* notHandledByFastParser = "not handled by the fast parser";

    // Sets DCMTK's log level so that reading never prints; idempotent.
    static void silenceDcmtkLogging();
};

} // namespace radmark::storage
