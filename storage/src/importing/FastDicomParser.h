#pragma once

#include "importing/HeaderFields.h"

#include <cstddef>

namespace radmark::storage {

// Parses a DICOM header held in memory when it is plain: "DICM" prefix, little-endian dataset (explicit or
// implicit VR; native or encapsulated pixel data), texts in ASCII, Latin-1 or UTF-8, no functional groups,
// and the whole header up to the pixel data inside `size` bytes. Returns false for anything else, and the
// caller reads the file with DCMTK, which handles every case and names the problem. The fast path exists
// because DCMTK spends ~1 us per element building its object tree; this parser only looks at what the index
// keeps, which makes importing several times faster.
// `wholeFile` says whether `size` bytes are the whole file (else the header must end before them).
bool parseHeaderFast(const unsigned char* data, std::size_t size, bool wholeFile, ParsedHeader& parsed);

} // namespace radmark::storage
