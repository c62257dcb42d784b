#include "pacs/PacsClientFactory.h"

#include "radmark/storage/pacs/DimsePacsClient.h"
#include "radmark/storage/project/ProjectError.h"

namespace radmark::app {

std::unique_ptr<storage::PacsClient> makePacsClient(const storage::PacsConnection& connection)
{
    if (connection.kind == storage::PacsConnection::Kind::Dimse) {
        return storage::makeDimsePacsClient(connection);
    }
    // DICOMweb (QIDO-RS / WADO-RS / STOW-RS over Qt Network) is created here by its own client.
    throw storage::ProjectError(
        "PACS connection " + connection.name + ": DICOMweb connections are not available in this build");
}

} // namespace radmark::app
