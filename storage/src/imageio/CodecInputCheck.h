#pragma once

#include "imageio/DicomPixelHeader.h"

class DcmDataset;

namespace radmark::storage::loading {

// Checks, before any pixel is decoded, that what the header says can be handed to DCMTK's or GDCM's codecs
// without tripping their asserts or unbounded allocations: photometric interpretation consistent with the
// samples per pixel and bits, a complete palette for PALETTE COLOR, a JPEG 2000 code stream whose size,
// components and precision match the header, and frames × rows × columns × bytes backed by the pixel data
// (native bytes, or at least one fragment per frame) and by available memory.
// Throws ProjectError("cannot load FILE: REASON").
void checkCodecInput(DcmDataset& dataset, const DicomFileHeader& header, int frameCount);

} // namespace radmark::storage::loading
