#pragma once

#include "radmark/storage/pacs/PacsClient.h"
#include "radmark/storage/pacs/PacsConnection.h"

#include <memory>

namespace radmark::storage {

struct DimseTimeouts {
    int connectSeconds = 10; // TCP connect + association negotiation
    int dimseSeconds = 30; // the archive's silence during a DIMSE exchange before giving up
};

// The DIMSE client of a connection (DCMTK dcmnet: DcmSCU for C-ECHO/C-FIND/C-GET/C-MOVE/C-STORE, DcmStorageSCP
// on connection.localPort for the C-STORE sub-operations of a C-MOVE). Throws ProjectError when the connection is
// not a DIMSE one.
std::unique_ptr<PacsClient> makeDimsePacsClient(
    const PacsConnection& connection, const DimseTimeouts& timeouts = DimseTimeouts {});

} // namespace radmark::storage
