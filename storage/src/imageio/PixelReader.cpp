#include "imageio/PixelReader.h"

#include "radmark/storage/project/ProjectError.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfcache.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmimgle/dcmimage.h>

#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>

#include <gdcmFragment.h>
#include <gdcmJPEG2000Codec.h>
#include <gdcmSequenceOfFragments.h>

#include <cstring>

namespace radmark::storage::loading {

namespace {

std::string decodeFailure(const DicomFileHeader& header, const std::string& reason)
{
    return "cannot decode the pixels of " + header.filePath + " ("
        + DcmXfer(header.transferSyntaxUid.c_str()).getXferName() + "): " + reason;
}

int frameCountOf(const DicomFileHeader& header)
{
    return static_cast<int>(header.frames.size());
}

// Uncompressed pixels: each frame is copied from the file straight into its destination.
void readNativeFrames(const DicomFileHeader& header, std::vector<std::uint8_t>& scratch, const FrameTarget& target,
    const FrameConsumer& consume)
{
    DcmElement* pixelData = nullptr;
    if (header.file->getDataset()->findAndGetElement(DCM_PixelData, pixelData).bad() || pixelData == nullptr) {
        throw ProjectError(decodeFailure(header, "no pixel data"));
    }
    const std::size_t frameBytes = header.layout.frameBytes();
    DcmFileCache cache;
    for (int n = 0; n < frameCountOf(header); ++n) {
        void* destination = target(n);
        if (destination == nullptr) {
            scratch.resize(frameBytes);
            destination = scratch.data();
        }
        const OFCondition status
            = pixelData->getPartialValue(destination, static_cast<Uint32>(frameBytes * static_cast<std::size_t>(n)),
                static_cast<Uint32>(frameBytes), &cache, gLocalByteOrder);
        if (status.bad()) {
            throw ProjectError(
                decodeFailure(header, std::string("frame ") + std::to_string(n + 1) + ": " + status.text()));
        }
        if (header.encoding == PixelEncoding::NativeBigEndian && header.layout.bitsAllocated == 32) {
            // DCMTK swapped 16-bit words (OW); 32-bit samples also need their halves exchanged.
            auto* words = static_cast<std::uint32_t*>(destination);
            for (std::size_t k = 0; k < frameBytes / 4; ++k) {
                words[k] = (words[k] << 16) | (words[k] >> 16);
            }
        }
        consume(n, destination);
    }
}

// Compressed (JPEG, JPEG-LS, RLE) or deflated: DCMTK decodes the whole object to native.
void readDcmtkFrames(const DicomFileHeader& header, const FrameConsumer& consume)
{
    DcmDataset& dataset = *header.file->getDataset();
    OFCondition status = dataset.loadAllDataIntoMemory();
    if (status.good()) {
        status = dataset.chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
    }
    if (status.bad() || !dataset.canWriteXfer(EXS_LittleEndianExplicit)) {
        throw ProjectError(decodeFailure(header, status.bad() ? status.text() : "no decoder for this transfer syntax"));
    }
    DcmElement* pixelData = nullptr;
    Uint8* bytes = nullptr;
    if (dataset.findAndGetElement(DCM_PixelData, pixelData).bad() || pixelData == nullptr
        || pixelData->getUint8Array(bytes).bad() || bytes == nullptr) {
        throw ProjectError(decodeFailure(header, "no decoded pixel data"));
    }
    const std::size_t frameBytes = header.layout.frameBytes();
    if (pixelData->getLength() < frameBytes * header.frames.size()) {
        throw ProjectError(decodeFailure(
            header, "the decoded pixel data is shorter than " + std::to_string(header.frames.size()) + " frame(s)"));
    }
    for (int n = 0; n < frameCountOf(header); ++n) {
        consume(n, bytes + frameBytes * static_cast<std::size_t>(n));
    }
}

// Colour (RGB, YBR_FULL, YBR_FULL_422, PALETTE COLOR, any syntax DCMTK decodes): DicomImage renders
// interleaved 8-bit RGB.
void readColourFrames(const DicomFileHeader& header, std::vector<std::uint8_t>& scratch, const FrameConsumer& consume)
{
    DcmDataset& dataset = *header.file->getDataset();
    if (dataset.loadAllDataIntoMemory().bad()) {
        throw ProjectError(decodeFailure(header, "the file cannot be read completely"));
    }
    DicomImage image(&dataset, dataset.getOriginalXfer(), CIF_UsePartialAccessToPixelData, 0, 0);
    if (image.getStatus() != EIS_Normal) {
        throw ProjectError(decodeFailure(header, DicomImage::getString(image.getStatus())));
    }
    const std::size_t frameBytes = static_cast<std::size_t>(header.layout.rows) * header.layout.columns * 3;
    scratch.resize(frameBytes);
    for (int n = 0; n < frameCountOf(header); ++n) {
        if (image.getOutputData(scratch.data(), frameBytes, 8, static_cast<unsigned long>(n), 0) == 0) {
            throw ProjectError(decodeFailure(header, "frame " + std::to_string(n + 1) + " cannot be rendered as RGB"));
        }
        consume(n, scratch.data());
    }
}

// DCMTK 3.6.7 has no JPEG 2000 decoder; GDCM's codec (shipped with ITK) has one. Only the code stream fragments
// DCMTK read go to GDCM, with the geometry of the header already checked (CodecInputCheck): GDCM's own file parser
// reads some damaged headers differently from DCMTK (e.g. a non-standard VR) and then allocates gigabytes.
void readJpeg2000Frames(const DicomFileHeader& header, std::vector<std::uint8_t>& scratch, const FrameConsumer& consume)
{
    DcmDataset& dataset = *header.file->getDataset();
    DcmElement* element = nullptr;
    DcmPixelSequence* sequence = nullptr;
    if (dataset.findAndGetElement(DCM_PixelData, element).bad() || element == nullptr
        || element->ident() != EVR_PixelData
        || static_cast<DcmPixelData*>(element)
               ->getEncapsulatedRepresentation(dataset.getOriginalXfer(), nullptr, sequence)
               .bad()
        || sequence == nullptr) {
        throw ProjectError(decodeFailure(header, "the JPEG 2000 pixel data is not encapsulated"));
    }
    gdcm::SmartPointer<gdcm::SequenceOfFragments> fragments = new gdcm::SequenceOfFragments;
    for (unsigned long n = 1; n < sequence->card(); ++n) {
        DcmPixelItem* item = nullptr;
        Uint8* bytes = nullptr;
        if (sequence->getItem(item, n).bad() || item == nullptr || item->getUint8Array(bytes).bad()
            || bytes == nullptr) {
            throw ProjectError(decodeFailure(header, "fragment " + std::to_string(n) + " cannot be read"));
        }
        gdcm::Fragment fragment;
        fragment.SetByteValue(
            reinterpret_cast<const char*>(bytes), gdcm::VL(static_cast<std::uint32_t>(item->getLength())));
        fragments->AddFragment(fragment);
    }
    const PixelLayout& stored = header.layout;
    gdcm::DataElement input(gdcm::Tag(0x7FE0, 0x0010));
    input.SetVLToUndefined();
    input.SetValue(*fragments);
    gdcm::JPEG2000Codec codec;
    const unsigned int dimensions[3] = { static_cast<unsigned int>(stored.columns),
        static_cast<unsigned int>(stored.rows), static_cast<unsigned int>(header.frames.size()) };
    codec.SetNumberOfDimensions(header.frames.size() > 1 ? 3 : 2);
    codec.SetDimensions(dimensions);
    codec.SetPixelFormat(gdcm::PixelFormat(static_cast<unsigned short>(stored.samplesPerPixel),
        static_cast<unsigned short>(stored.bitsAllocated), static_cast<unsigned short>(stored.bitsStored),
        static_cast<unsigned short>(stored.highBit), stored.pixelSigned ? 1 : 0));
    codec.SetPhotometricInterpretation(
        gdcm::PhotometricInterpretation(gdcm::PhotometricInterpretation::GetPIType(stored.photometric.c_str())));
    codec.SetPlanarConfiguration(static_cast<unsigned int>(stored.planarConfiguration));
    gdcm::DataElement output;
    if (!codec.Decode(input, output) || output.GetByteValue() == nullptr) {
        throw ProjectError(decodeFailure(header, "GDCM cannot decode the pixel data"));
    }
    const gdcm::ByteValue* decoded = output.GetByteValue();
    scratch.assign(reinterpret_cast<const std::uint8_t*>(decoded->GetPointer()),
        reinterpret_cast<const std::uint8_t*>(decoded->GetPointer()) + decoded->GetLength());
    const PixelLayout& layout = header.layout;
    const std::size_t frameBytes
        = layout.isColour() ? static_cast<std::size_t>(layout.rows) * layout.columns * 3 : layout.frameBytes();
    if (layout.isColour() && (layout.bitsAllocated != 8 || layout.samplesPerPixel != 3)) {
        throw ProjectError(decodeFailure(header, "only 8-bit RGB colour is supported in JPEG 2000"));
    }
    if (scratch.size() < frameBytes * header.frames.size()) {
        throw ProjectError(decodeFailure(header, "GDCM decoded fewer bytes than the frames need"));
    }
    std::vector<std::uint8_t> interleaved;
    for (int n = 0; n < frameCountOf(header); ++n) {
        const std::uint8_t* frame = scratch.data() + frameBytes * static_cast<std::size_t>(n);
        if (layout.isColour() && codec.GetPlanarConfiguration() == 1) {
            const std::size_t pixels = frameBytes / 3;
            interleaved.resize(frameBytes);
            for (std::size_t p = 0; p < pixels; ++p) {
                for (std::size_t c = 0; c < 3; ++c) {
                    interleaved[p * 3 + c] = frame[c * pixels + p];
                }
            }
            frame = interleaved.data();
        }
        consume(n, frame);
    }
}

} // namespace

void readFrames(const DicomFileHeader& header, std::vector<std::uint8_t>& scratch, const FrameTarget& target,
    const FrameConsumer& consume)
{
    if (header.encoding == PixelEncoding::Jpeg2000) {
        readJpeg2000Frames(header, scratch, consume);
    } else if (header.layout.isColour()) {
        readColourFrames(header, scratch, consume);
    } else if (header.encoding == PixelEncoding::DcmtkCodec) {
        readDcmtkFrames(header, consume);
    } else {
        readNativeFrames(header, scratch, target, consume);
    }
}

} // namespace radmark::storage::loading
