#pragma once

#include "OrthancServer.h"
#include "radmark/storage/pacs/PacsConnection.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <string>
#include <vector>

namespace radmark::testing {

// The DIMSE connection of a test Orthanc (RadMark's AE title RADMARK; localPort for C-MOVE).
storage::PacsConnection dimseConnectionTo(
    const OrthancServer& orthanc, int localPort = 0, const std::string& localAeTitle = "RADMARK");

// A small synthetic CT series (`slices` images of 64x64) written into a temporary folder and uploaded.
storage::WrittenSeries uploadSyntheticSeries(const OrthancServer& orthanc, int slices, const std::string& accession,
    const std::string& patientId = "PACS-TEST-1", int columns = 64);

// The data set of a DICOM file: the bytes after the File Meta Information group, which a receiver rebuilds
// (implementation UID, source AE title). Throws std::runtime_error when the file has no meta group.
std::string datasetBytes(const std::string& fileBytes);

// All files below a folder (recursive), sorted.
std::vector<std::string> filesBelow(const std::string& folder);

} // namespace radmark::testing
