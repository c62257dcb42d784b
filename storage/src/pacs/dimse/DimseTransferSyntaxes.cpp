#include "pacs/dimse/DimseTransferSyntaxes.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>

namespace radmark::storage::dimse {

std::vector<std::string> uncompressedTransferSyntaxes()
{
    return { UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax,
        UID_BigEndianExplicitTransferSyntax };
}

std::vector<std::string> compressedTransferSyntaxes()
{
    return { UID_JPEGProcess1TransferSyntax, UID_JPEGProcess2_4TransferSyntax, UID_JPEGProcess14TransferSyntax,
        UID_JPEGProcess14SV1TransferSyntax, UID_JPEGLSLosslessTransferSyntax, UID_JPEGLSLossyTransferSyntax,
        UID_JPEG2000LosslessOnlyTransferSyntax, UID_JPEG2000TransferSyntax, UID_RLELosslessTransferSyntax,
        UID_DeflatedExplicitVRLittleEndianTransferSyntax };
}

std::vector<std::string> acceptedStorageTransferSyntaxes()
{
    std::vector<std::string> syntaxes = uncompressedTransferSyntaxes();
    for (const std::string& syntax : compressedTransferSyntaxes()) {
        syntaxes.push_back(syntax);
    }
    return syntaxes;
}

} // namespace radmark::storage::dimse
