#pragma once

#include "radmark/storage/pacs/PacsClient.h"
#include "radmark/storage/pacs/PacsConnection.h"

#include <memory>

namespace radmark::app {

// The client of a project's PACS connection: DIMSE from storage (DCMTK), DICOMweb from the app (Qt Network).
// Throws storage::ProjectError when the kind cannot be served.
std::unique_ptr<storage::PacsClient> makePacsClient(const storage::PacsConnection& connection);

} // namespace radmark::app
