#include "pacs/PacsClientFactory.h"

#include "dicomweb/DicomWebPacsClient.h"

#include "radmark/storage/pacs/DimsePacsClient.h"
#include "radmark/storage/project/ProjectError.h"

namespace radmark::app {

std::unique_ptr<storage::PacsClient> makePacsClient(const storage::PacsConnection& connection)
{
    if (connection.kind == storage::PacsConnection::Kind::Dimse) {
        return storage::makeDimsePacsClient(connection);
    }
    // DICOMweb: QIDO-RS / WADO-RS / STOW-RS over Qt Network.
    return std::make_unique<dicomweb::DicomWebPacsClient>(connection);
}

} // namespace radmark::app
