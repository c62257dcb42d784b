#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/annotation/SliceStackAnalysis.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

class DcmFileFormat;

namespace radmark::storage::loading {

// How stored pixel values are laid out and what they mean, shared by all frames of a file.
struct PixelLayout {
    int rows = 0;
    int columns = 0;
    int samplesPerPixel = 1;
    int bitsAllocated = 16;
    int bitsStored = 16;
    int highBit = 15;
    bool pixelSigned = false;
    int planarConfiguration = 0;
    std::string photometric = "MONOCHROME2";

    bool isColour() const { return samplesPerPixel == 3 || photometric == "PALETTE COLOR"; }
    bool isMonochrome1() const { return photometric == "MONOCHROME1"; }
    std::size_t frameBytes() const;
};

// One image plane inside a file (a classic file has one).
struct FrameHeader {
    int frameIndex = 0;
    std::optional<annotation::SlicePlacement> placement;
    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;
    std::optional<double> rowSpacingMm; // PixelSpacing[0]
    std::optional<double> columnSpacingMm; // PixelSpacing[1]
};

enum class PixelEncoding {
    NativeLittleEndian, // read straight from the file at the PixelData offset
    NativeBigEndian, // likewise, DCMTK swaps while reading
    DcmtkCodec, // JPEG, JPEG-LS, RLE, deflate: DCMTK decompresses the whole object
    Jpeg2000, // DCMTK 3.6.7 has no codec: GDCM (inside ITK) decodes
};

struct DicomFileHeader {
    std::string filePath;
    std::string sopInstanceUid;
    std::string seriesInstanceUid;
    std::string modality;
    std::string patientAge;
    std::string patientSex;
    std::string transferSyntaxUid;
    PixelEncoding encoding = PixelEncoding::NativeLittleEndian;
    PixelLayout layout;
    std::optional<double> sliceThicknessMm;
    std::vector<annotation::WindowLevel> windows;
    std::vector<FrameHeader> frames;
    // The parsed header, PixelData left in the file; kept so the pixel pass does not parse again.
    std::shared_ptr<DcmFileFormat> file;
};

// Reads everything but the pixel values. Throws ProjectError naming the file and the reason.
DicomFileHeader readDicomHeader(const std::string& filePath);

// Registers DCMTK's JPEG, JPEG-LS and RLE decoders and silences DCMTK's logger, once per process.
void ensureDicomCodecsRegistered();

// Silences DCMTK's logger and GDCM's traces (ToolkitLogging.cpp). Idempotent.
void silenceDicomToolkitLogging();

} // namespace radmark::storage::loading
