#include "imageio/CodecInputCheck.h"

#include "imageio/MemoryBudget.h"
#include "radmark/storage/project/ProjectError.h"

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
        { "red", DCM_RedPaletteColorLookupTableDescriptor, DCM_RedPaletteColorLookupTableData,
            DCM_SegmentedRedPaletteColorLookupTableData },
        { "green", DCM_GreenPaletteColorLookupTableDescriptor, DCM_GreenPaletteColorLookupTableData,
            DCM_SegmentedGreenPaletteColorLookupTableData },
        { "blue", DCM_BluePaletteColorLookupTableDescriptor, DCM_BluePaletteColorLookupTableData,
            DCM_SegmentedBluePaletteColorLookupTableData },
    };
    for (const auto& table : tables) {
        Uint16 entries = 0;
        Uint16 bits = 0;
        if (dataset.findAndGetUint16(table.descriptor, entries, 0).bad()
            || dataset.findAndGetUint16(table.descriptor, bits, 2).bad()) {
            return std::string("PALETTE COLOR without a ") + table.colour + " palette descriptor (no palette)";
        }
        if (bits != 8 && bits != 16) {
            return std::string("the ") + table.colour + " palette has " + std::to_string(bits)
                + " bits per entry (8 or 16 expected)";
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
            return std::string("the ") + table.colour + " palette holds " + std::to_string(data->getLength())
                + " bytes for " + std::to_string(count) + " entries";
        }
    }
    return {};
}

std::uint32_t bigEndian32(const Uint8* bytes)
{
    return (static_cast<std::uint32_t>(bytes[0]) << 24) | (static_cast<std::uint32_t>(bytes[1]) << 16)
        | (static_cast<std::uint32_t>(bytes[2]) << 8) | bytes[3];
}

// The first fragment of encapsulated pixel data (item 0 is the Basic Offset Table), or nullptr.
DcmPixelSequence* pixelSequenceOf(DcmDataset& dataset)
{
    DcmElement* element = nullptr;
    if (dataset.findAndGetElement(DCM_PixelData, element).bad() || element == nullptr
        || element->ident() != EVR_PixelData) {
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
    if (sequence.card() < 2 || sequence.getItem(fragment, 1).bad() || fragment == nullptr
        || fragment->getUint8Array(bytes).bad() || bytes == nullptr) {
        return "the JPEG 2000 pixel data has no code stream";
    }
    const std::size_t length = fragment->getLength();
    // The code stream starts with SOC (FF4F) and SIZ (FF51); a JP2 wrapper puts it a few boxes later.
    std::size_t at = 0;
    const std::size_t searchLimit = length < 4096 ? length : 4096;
    while (at + 4 <= searchLimit
        && !(bytes[at] == 0xFF && bytes[at + 1] == 0x4F && bytes[at + 2] == 0xFF && bytes[at + 3] == 0x51)) {
        ++at;
    }
    if (at + 4 > searchLimit) {
        return "the JPEG 2000 code stream has no SIZ header";
    }
    const Uint8* siz = bytes + at + 4; // Lsiz
    if (at + 4 + 38 > length) {
        return "the JPEG 2000 SIZ header is cut off";
    }
    const std::uint32_t width = bigEndian32(siz + 4) - bigEndian32(siz + 12);
    const std::uint32_t height = bigEndian32(siz + 8) - bigEndian32(siz + 16);
    const unsigned components = (static_cast<unsigned>(siz[36]) << 8) | siz[37];
    if (width != static_cast<std::uint32_t>(layout.columns) || height != static_cast<std::uint32_t>(layout.rows)) {
        return "the JPEG 2000 code stream is " + std::to_string(width) + " x " + std::to_string(height)
            + " pixels but the header says " + std::to_string(layout.columns) + " x " + std::to_string(layout.rows);
    }
    if (components != static_cast<unsigned>(layout.samplesPerPixel)) {
        return "the JPEG 2000 code stream has " + std::to_string(components) + " component(s) but the header says "
            + std::to_string(layout.samplesPerPixel) + " sample(s) per pixel (" + layout.photometric + ")";
    }
    if (at + 4 + 38 + 3 * static_cast<std::size_t>(components) > length) {
        return "the JPEG 2000 SIZ header is cut off";
    }
    for (unsigned c = 0; c < components; ++c) {
        const int precision = (siz[38 + 3 * c] & 0x7F) + 1;
        if (precision > layout.bitsAllocated) {
            return "the JPEG 2000 code stream has " + std::to_string(precision)
                + "-bit samples but the header allocates " + std::to_string(layout.bitsAllocated) + " bits";
        }
    }
    return {};
}

// The first fragment's bytes (item 0 is the Basic Offset Table); false when there is none.
bool firstFragment(DcmPixelSequence& sequence, const Uint8*& bytes, std::size_t& length)
{
    DcmPixelItem* fragment = nullptr;
    Uint8* data = nullptr;
    if (sequence.card() < 2 || sequence.getItem(fragment, 1).bad() || fragment == nullptr
        || fragment->getUint8Array(data).bad() || data == nullptr) {
        return false;
    }
    bytes = data;
    length = fragment->getLength();
    return true;
}

// JPEG (ISO 10918, JPEG-LS): the frame header (SOFn) against the header's size and samples.
std::string jpegProblem(DcmPixelSequence& sequence, const PixelLayout& layout)
{
    const Uint8* bytes = nullptr;
    std::size_t length = 0;
    if (!firstFragment(sequence, bytes, length) || length < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8) {
        return {}; // left to the decoder, which names the problem
    }
    std::size_t at = 2;
    while (at + 4 <= length) {
        if (bytes[at] != 0xFF) {
            return {};
        }
        const unsigned marker = bytes[at + 1];
        if (marker == 0xFF) {
            ++at; // fill byte
            continue;
        }
        const std::size_t segment = (static_cast<std::size_t>(bytes[at + 2]) << 8) | bytes[at + 3];
        const bool frameHeader
            = (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
            || marker == 0xF7;
        if (frameHeader) {
            if (at + 10 > length) {
                return "the JPEG frame header is cut off";
            }
            const unsigned height = (static_cast<unsigned>(bytes[at + 5]) << 8) | bytes[at + 6];
            const unsigned width = (static_cast<unsigned>(bytes[at + 7]) << 8) | bytes[at + 8];
            const unsigned components = bytes[at + 9];
            if ((height != 0 && height != static_cast<unsigned>(layout.rows))
                || width != static_cast<unsigned>(layout.columns)) {
                return "the JPEG frame is " + std::to_string(width) + " x " + std::to_string(height)
                    + " pixels but the header says " + std::to_string(layout.columns) + " x "
                    + std::to_string(layout.rows);
            }
            if (components != static_cast<unsigned>(layout.samplesPerPixel)) {
                return "the JPEG frame has " + std::to_string(components) + " component(s) but the header says "
                    + std::to_string(layout.samplesPerPixel) + " sample(s) per pixel (" + layout.photometric + ")";
            }
            return {};
        }
        if (marker == 0xDA) {
            return {}; // start of scan without a frame header: left to the decoder
        }
        at += 2 + segment;
    }
    return {};
}

// RLE: one segment per byte of sample, and a run codes at most 128 bytes in 2, so a frame cannot decode to more
// than 64 times its fragment: a bogus Rows or Columns is refused before the decoder allocates for it.
std::string rleProblem(DcmPixelSequence& sequence, const PixelLayout& layout)
{
    const Uint8* bytes = nullptr;
    std::size_t length = 0;
    if (!firstFragment(sequence, bytes, length) || length < 64) {
        return {};
    }
    const std::uint32_t segments = static_cast<std::uint32_t>(bytes[0]) | (static_cast<std::uint32_t>(bytes[1]) << 8)
        | (static_cast<std::uint32_t>(bytes[2]) << 16) | (static_cast<std::uint32_t>(bytes[3]) << 24);
    const std::uint32_t expected = static_cast<std::uint32_t>(layout.samplesPerPixel * (layout.bitsAllocated / 8));
    if (segments != expected) {
        return "the RLE frame has " + std::to_string(segments) + " segment(s) but the header's samples and bits need "
            + std::to_string(expected);
    }
    const std::uint64_t frameBytes = static_cast<std::uint64_t>(layout.rows)
        * static_cast<std::uint64_t>(layout.columns) * static_cast<std::uint64_t>(expected);
    if (frameBytes > 64 * static_cast<std::uint64_t>(length) + 1024) {
        return "the RLE frame of " + std::to_string(length) + " bytes cannot hold " + std::to_string(layout.columns)
            + " x " + std::to_string(layout.rows) + " pixels (the header's size is wrong)";
    }
    return {};
}

std::string codecInputProblem(DcmDataset& dataset, const DicomFileHeader& header, int frameCount)
{
    const PixelLayout& layout = header.layout;
    const std::string& photometric = layout.photometric;
    if (isOneOf(photometric, { "MONOCHROME1", "MONOCHROME2" })) {
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
    } else if (isOneOf(photometric,
                   { "RGB", "YBR_FULL", "YBR_FULL_422", "YBR_PARTIAL_422", "YBR_PARTIAL_420", "YBR_ICT", "YBR_RCT" })) {
        if (layout.samplesPerPixel != 3) {
            return photometric + " with " + std::to_string(layout.samplesPerPixel) + " samples per pixel (3 expected)";
        }
        if (header.encoding == PixelEncoding::Jpeg2000 && layout.bitsAllocated != 8) {
            return "only 8-bit colour is supported in JPEG 2000 (" + std::to_string(layout.bitsAllocated)
                + " bits allocated)";
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
                return "Number of Frames is " + std::to_string(frameCount) + " but the pixel data holds "
                    + std::to_string(fragments) + " fragment(s)";
            }
            const std::string& syntax = header.transferSyntaxUid;
            std::string problem;
            if (header.encoding == PixelEncoding::Jpeg2000) {
                problem = jpeg2000Problem(*sequence, layout);
            } else if (syntax == "1.2.840.10008.1.2.5") {
                problem = rleProblem(*sequence, layout);
            } else if (syntax.rfind("1.2.840.10008.1.2.4.", 0) == 0) {
                problem = jpegProblem(*sequence, layout);
            }
            if (!problem.empty()) {
                return problem;
            }
        } else if (header.encoding == PixelEncoding::Jpeg2000) {
            return "the JPEG 2000 pixel data is not encapsulated";
        }
    }
    return {};
}

} // namespace

void checkCodecInput(DcmDataset& dataset, const DicomFileHeader& header, int frameCount)
{
    const std::string problem = codecInputProblem(dataset, header, frameCount);
    if (!problem.empty()) {
        throw ProjectError("cannot load " + header.filePath + ": " + problem);
    }
    const PixelLayout& layout = header.layout;
    const std::uint64_t decodedFrameBytes = layout.isColour()
        ? static_cast<std::uint64_t>(layout.rows) * static_cast<std::uint64_t>(layout.columns) * 3
        : static_cast<std::uint64_t>(layout.frameBytes());
    requireMemory(decodedFrameBytes * static_cast<std::uint64_t>(frameCount), "decoding " + header.filePath);
}

} // namespace radmark::storage::loading
