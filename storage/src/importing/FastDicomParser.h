#pragma once

#include "dicom/DicomStreamPrescan.h"
#include "importing/HeaderFields.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace radmark::storage {

// Bytes of the file handed to the fast parser: `size` bytes from position `at`.
struct HeaderBytes {
    const unsigned char* data = nullptr;
    std::size_t size = 0;
    std::uint64_t at = 0;
};

// More of the file for the fast parser: fills `out` with bytes of the file holding [fileOffset, fileOffset + count)
// (when they have to be read, `wanted` bytes from fileOffset, fewer where the file ends); false when they cannot be
// read.
using HeaderRefill
    = std::function<bool(std::uint64_t fileOffset, std::size_t count, std::size_t wanted, HeaderBytes& out)>;

// Parses a DICOM header when it is plain: "DICM" prefix, little-endian dataset (explicit or implicit VR; native
// or encapsulated pixel data), texts in ASCII, Latin-1 or UTF-8; enhanced multi-frame functional groups are read
// from the shared item and the first frame's item (the other frames' items are skipped). Returns false for anything
// else, and the caller reads the file with DCMTK, which handles every case and names the problem. The fast path
// exists because DCMTK spends ~1 us per element building its object tree; this parser only looks at what the
// index keeps, which makes importing several times faster.
// `data` holds the file's first `size` bytes (of `fileSize`). Values the index does not keep are skipped by their
// length, not read: a header longer than `size` (e.g. a Siemens XA private element of 160 KB before group 0028)
// is followed through `refill`, which reads the file from the next element needed.
// `layout` (optional) is what the pre-scan of the same file found: where top-level sequences and their first items
// end, so that they are skipped, and the functional groups read, without walking or reading them again.
bool parseHeaderFast(const unsigned char* data, std::size_t size, std::uint64_t fileSize, const HeaderRefill& refill,
    const PrescanLayout* layout, ParsedHeader& parsed);

} // namespace radmark::storage
