#include "loading/CodecInputCheck.h"

#include "loading/MemoryBudget.h"
#include "radmark/storage/ProjectError.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>

#include <cstdint>
#include <string>

namespace radmark::storage::loading {

namespace {

bool isOneOf(const std::string& value, std::initializer_list<const char*> names)
{
    for (const char* name : names) {
        if (value == name) {
            return true;
        }
    }
    return false;
}

// Why the palette of a PALETTE COLOR image is unusable, or empty.
std::string paletteProblem(DcmDataset& dataset, const PixelLayout& layout)
{
    if (layout.samplesPerPixel != 1) {
        return "PALETTE COLOR with " + std::to_string(layout.samplesPerPixel) + " samples per pixel (1 expected)";
    }
    if (layout.bitsAllocated != 8 && layout.bitsAllocated != 16) {
        return "PALETTE COLOR with " + std::to_string(layout.bitsAllocated) + " bits allocated (8 or 16 expected)";
    }
    const struct {
        const char* colour;
        DcmTagKey descriptor;
        DcmTagKey data;
        DcmTagKey segmented;
    } tables[] = {
        {"red", DCM_RedPaletteColorLookupTableDescriptor, DCM_RedPaletteColorLookupTableData,
         DCM_SegmentedRedPaletteColorLookupTableData},
        {"green", DCM_GreenPaletteColorLookupTableDescriptor, DCM_GreenPaletteColorLookupTableData,
         DCM_SegmentedGreenPaletteColorLookupTableData},
        {"blue", DCM_BluePaletteColorLookupTableDescriptor, DCM_BluePaletteColorLookupTableData,
         DCM_SegmentedBluePaletteColorLookupTableData},
    };
    for (const auto& table : tables) {
        Uint16 entries = 0;
        Uint16 bits = 0;
        if (dataset.findAndGetUint16(table.descriptor, entries, 0).bad() ||
            dataset.findAndGetUint16(table.descriptor, bits, 2).bad()) {
            return std::string("PALETTE COLOR without a ") + table.colour + " palette descriptor (no palette)";
        }
        if (bits != 8 && bits != 16) {
            return std::string("the ") + table.colour + " palette has " + std::to_string(bits) +
                   " bits per entry (8 or 16 expected)";
        }
        if (dataset.tagExistsWithValue(table.segmented)) {
            continue;
        }
        DcmElement* data = nullptr;
        if (dataset.findAndGetElement(table.data, data).bad() || data == nullptr || data->getLength() == 0) {
            return std::string("PALETTE COLOR without ") + table.colour + " palette data (no palette)";
        }
        const std::uint32_t count = entries == 0 ? 65536u : entries;
        // 8-bit entries are stored in 16-bit words by most writers, so the data needs at least a byte per entry.
        if (data->getLength() < count) {
            return std::string("the ") + table.colour + " palette holds " + std::to_string(data->getLength()) +
                   " bytes for " + std::to_string(count) + " entries";
        }
    }
    return {};
}

std::uint32_t bigEndian32(const Uint8* bytes)
{
    return (static_cast<std::uint32_t>(bytes[0]) << 24) | (static_cast<std::uint32_t>(bytes[1]) << 16) |
           (static_cast<std::uint32_t>(bytes[2]) << 8) | bytes[3];
}

// The first fragment of encapsulated pixel data (item 0 is the Basic Offset Table), or nullptr.
DcmPixelSequence* pixelSequenceOf(DcmDataset& dataset)
{
    DcmElement* element = nullptr;
    if (dataset.findAndGetElement(DCM_PixelData, element).bad() || element == nullptr ||
        element->ident() != EVR_PixelData) {
        return nullptr;
    }
    DcmPixelSequence* sequence = nullptr;
    auto* pixelData = static_cast<DcmPixelData*>(element);
    if (pixelData->getEncapsulatedRepresentation(dataset.getOriginalXfer(), nullptr, sequence).bad()) {
        return nullptr;
    }
    return sequence;
}

// Compares the JPEG 2000 SIZ marker segment of the first fragment with the header.
std::string jpeg2000Problem(DcmPixelSequence& sequence, const PixelLayout& layout)
{
    DcmPixelItem* fragment = nullptr;
    Uint8* bytes = nullptr;
    if (sequence.card() < 2 || sequence.getItem(fragment, 1).bad() || fragment == nullptr ||
        fragment->getUint8Array(bytes).bad() || bytes == nullptr) {
        return "the JPEG 2000 pixel data has no code stream";
    }
    const std::size_t length = fragment->getLength();
    // The code stream starts with SOC (FF4F) and SIZ (FF51); a JP2 wrapper puts it a few boxes later.
    std::size_t at = 0;
    const std::size_t searchLimit = length < 4096 ? length : 4096;
    while (at + 4 <= searchLimit && !(bytes[at] == 0xFF && bytes[at + 1] == 0x4F && bytes[at + 2] == 0xFF &&
                                       bytes[at + 3] == 0x51)) {
        ++at;
    }
    if (at + 4 > searchLimit) {
        return "the JPEG 2000 code stream has no SIZ header";
    }
    const Uint8* siz = bytes + at + 4;  // Lsiz
    if (at + 4 + 38 > length) {
        return "the JPEG 2000 SIZ header is cut off";
    }
    const std::uint32_t width = bigEndian32(siz + 4) - bigEndian32(siz + 12);
    const std::uint32_t height = bigEndian32(siz + 8) - bigEndian32(siz + 16);
    const unsigned components = (static_cast<unsigned>(siz[36]) << 8) | siz[37];
    if (width != static_cast<std::uint32_t>(layout.columns) || height != static_cast<std::uint32_t>(layout.rows)) {
        return "the JPEG 2000 code stream is " + std::to_string(width) + " x " + std::to_string(height) +
               " pixels but the header says " + std::to_string(layout.columns) + " x " + std::to_string(layout.rows);
    }
    if (components != static_cast<unsigned>(layout.samplesPerPixel)) {
        return "the JPEG 2000 code stream has " + std::to_string(components) + " component(s) but the header says " +
               std::to_string(layout.samplesPerPixel) + " sample(s) per pixel (" + layout.photometric + ")";
    }
    if (at + 4 + 38 + 3 * static_cast<std::size_t>(components) > length) {
        return "the JPEG 2000 SIZ header is cut off";
    }
    for (unsigned c = 0; c < components; ++c) {
        const int precision = (siz[38 + 3 * c] & 0x7F) + 1;
        if (precision > layout.bitsAllocated) {
            return "the JPEG 2000 code stream has " + std::to_string(precision) + "-bit samples but the header allocates " +
                   std::to_string(layout.bitsAllocated) + " bits";
        }
    }
    return {};
}

std::string codecInputProblem(DcmDataset& dataset, const DicomFileHeader& header, int frameCount)
{
    const PixelLayout& layout = header.layout;
    const std::string& photometric = layout.photometric;
    if (isOneOf(photometric, {"MONOCHROME1", "MONOCHROME2"})) {
        if (layout.samplesPerPixel != 1) {
            return photometric + " with " + std::to_string(layout.samplesPerPixel) + " samples per pixel (1 expected)";
        }
    } else if (photometric == "PALETTE COLOR") {
        std::string problem = paletteProblem(dataset, layout);
        if (!problem.empty()) {
            return problem;
        }
        if (header.encoding == PixelEncoding::Jpeg2000) {
            return "PALETTE COLOR in JPEG 2000 is not supported";
        }
    } else if (isOneOf(photometric, {"RGB", "YBR_FULL", "YBR_FULL_422", "YBR_PARTIAL_422", "YBR_PARTIAL_420",
                                     "YBR_ICT", "YBR_RCT"})) {
        if (layout.samplesPerPixel != 3) {
            return photometric + " with " + std::to_string(layout.samplesPerPixel) + " samples per pixel (3 expected)";
        }
        if (header.encoding == PixelEncoding::Jpeg2000 && layout.bitsAllocated != 8) {
            return "only 8-bit colour is supported in JPEG 2000 (" + std::to_string(layout.bitsAllocated) + " bits allocated)";
        }
    } else {
        return "Photometric Interpretation \"" + photometric + "\" is not supported";
    }
    if (header.encoding == PixelEncoding::Jpeg2000 || header.encoding == PixelEncoding::DcmtkCodec) {
        DcmPixelSequence* sequence = pixelSequenceOf(dataset);
        if (sequence != nullptr) {
            // Every frame needs at least one fragment: a bogus Number of Frames cannot make the decoder allocate.
            const unsigned long fragments = sequence->card() > 0 ? sequence->card() - 1 : 0;
            if (static_cast<unsigned long>(frameCount) > fragments) {
                return "Number of Frames is " + std::to_string(frameCount) + " but the pixel data holds " +
                       std::to_string(fragments) + " fragment(s)";
            }
            if (header.encoding == PixelEncoding::Jpeg2000) {
                std::string problem = jpeg2000Problem(*sequence, layout);
                if (!problem.empty()) {
                    return problem;
                }
            }
        } else if (header.encoding == PixelEncoding::Jpeg2000) {
            return "the JPEG 2000 pixel data is not encapsulated";
        }
    }
    return {};
}

}  // namespace

void checkCodecInput(DcmDataset& dataset, const DicomFileHeader& header, int frameCount)
{
    const std::string problem = codecInputProblem(dataset, header, frameCount);
    if (!problem.empty()) {
        throw ProjectError("cannot load " + header.filePath + ": " + problem);
    }
    const PixelLayout& layout = header.layout;
    const std::uint64_t decodedFrameBytes =
        layout.isColour() ? static_cast<std::uint64_t>(layout.rows) * static_cast<std::uint64_t>(layout.columns) * 3
                          : static_cast<std::uint64_t>(layout.frameBytes());
    requireMemory(decodedFrameBytes * static_cast<std::uint64_t>(frameCount), "decoding " + header.filePath);
}

}  // namespace radmark::storage::loading
