#include "loading/PixelReader.h"

#include "radmark/storage/ProjectError.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfcache.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmimgle/dcmimage.h>

#include <gdcmImageReader.h>

#include <cstring>

namespace radmark::storage::loading {

namespace {

std::string decodeFailure(const DicomFileHeader& header, const std::string& reason)
{
    return "cannot decode the pixels of " + header.filePath + " (" + DcmXfer(header.transferSyntaxUid.c_str()).getXferName() +
           "): " + reason;
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
        const OFCondition status =
            pixelData->getPartialValue(destination, static_cast<Uint32>(frameBytes * static_cast<std::size_t>(n)),
                                       static_cast<Uint32>(frameBytes), &cache, gLocalByteOrder);
        if (status.bad()) {
            throw ProjectError(decodeFailure(header, std::string("frame ") + std::to_string(n + 1) + ": " + status.text()));
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
    if (dataset.findAndGetElement(DCM_PixelData, pixelData).bad() || pixelData == nullptr ||
        pixelData->getUint8Array(bytes).bad() || bytes == nullptr) {
        throw ProjectError(decodeFailure(header, "no decoded pixel data"));
    }
    const std::size_t frameBytes = header.layout.frameBytes();
    if (pixelData->getLength() < frameBytes * header.frames.size()) {
        throw ProjectError(decodeFailure(header, "the decoded pixel data is shorter than " +
                                                     std::to_string(header.frames.size()) + " frame(s)"));
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

// DCMTK 3.6.7 has no JPEG 2000 decoder; GDCM (shipped with ITK) has one.
void readJpeg2000Frames(const DicomFileHeader& header, std::vector<std::uint8_t>& scratch, const FrameConsumer& consume)
{
    gdcm::ImageReader reader;
    reader.SetFileName(header.filePath.c_str());
    if (!reader.Read()) {
        throw ProjectError(decodeFailure(header, "GDCM cannot read the file"));
    }
    const gdcm::Image& image = reader.GetImage();
    scratch.resize(image.GetBufferLength());
    if (scratch.empty() || !image.GetBuffer(reinterpret_cast<char*>(scratch.data()))) {
        throw ProjectError(decodeFailure(header, "GDCM cannot decode the pixel data"));
    }
    const PixelLayout& layout = header.layout;
    const std::size_t frameBytes = layout.isColour() ? static_cast<std::size_t>(layout.rows) * layout.columns * 3
                                                     : layout.frameBytes();
    if (layout.isColour() && (layout.bitsAllocated != 8 || layout.samplesPerPixel != 3)) {
        throw ProjectError(decodeFailure(header, "only 8-bit RGB colour is supported in JPEG 2000"));
    }
    if (scratch.size() < frameBytes * header.frames.size()) {
        throw ProjectError(decodeFailure(header, "GDCM decoded fewer bytes than the frames need"));
    }
    std::vector<std::uint8_t> interleaved;
    for (int n = 0; n < frameCountOf(header); ++n) {
        const std::uint8_t* frame = scratch.data() + frameBytes * static_cast<std::size_t>(n);
        if (layout.isColour() && image.GetPlanarConfiguration() == 1) {
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

}  // namespace

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

}  // namespace radmark::storage::loading
