#pragma once

#include <string>
#include <vector>

namespace radmark::storage::dimse {

// Native encodings first, so an uncompressed file is never re-encoded.
std::vector<std::string> uncompressedTransferSyntaxes();
// Each compressed transfer syntax RadMark reads; proposed one per presentation context so the archive sends a
// compressed file as it stores it (no transcoding: the received dataset is the stored one bit for bit).
std::vector<std::string> compressedTransferSyntaxes();
// What RadMark's storage SCP accepts for a storage SOP class: uncompressed first, then every compressed one.
std::vector<std::string> acceptedStorageTransferSyntaxes();

} // namespace radmark::storage::dimse
