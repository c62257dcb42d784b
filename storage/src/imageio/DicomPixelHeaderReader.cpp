#include "dicom/DicomStreamPrescan.h"
#include "dicom/FunctionalGroups.h"
#include "imageio/CodecInputCheck.h"
#include "imageio/DicomPixelHeader.h"

#include "radmark/storage/project/ProjectError.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <cmath>

namespace radmark::storage::loading {

namespace {

using annotation::SlicePlacement;
using annotation::Vector3;

// Larger values (PixelData) stay in the file until the pixel pass reads them.
constexpr Uint32 headerMaxReadLength = 4096;

std::string stringOf(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    if (item.findAndGetOFStringArray(tag, value).bad()) {
        return {};
    }
    return value.c_str();
}

std::optional<double> doubleOf(DcmItem& item, const DcmTagKey& tag, unsigned long position = 0)
{
    Float64 value = 0.0;
    if (item.findAndGetFloat64(tag, value, position).bad() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::vector<double> doublesOf(DcmItem& item, const DcmTagKey& tag, unsigned long count)
{
    std::vector<double> values;
    for (unsigned long n = 0; n < count; ++n) {
        const auto value = doubleOf(item, tag, n);
        if (!value) {
            return {};
        }
        values.push_back(*value);
    }
    return values;
}

int intOf(DcmItem& item, const DcmTagKey& tag, int fallback)
{
    Uint16 value = 0;
    if (item.findAndGetUint16(tag, value).good()) {
        return value;
    }
    Sint32 number = 0;
    if (item.findAndGetSint32(tag, number).good()) {
        return number;
    }
    return fallback;
}

std::optional<SlicePlacement> placementOf(DcmItem* positionItem, DcmItem* orientationItem)
{
    if (positionItem == nullptr || orientationItem == nullptr) {
        return std::nullopt;
    }
    const auto position = doublesOf(*positionItem, DCM_ImagePositionPatient, 3);
    const auto orientation = doublesOf(*orientationItem, DCM_ImageOrientationPatient, 6);
    if (position.size() != 3 || orientation.size() != 6) {
        return std::nullopt;
    }
    SlicePlacement placement;
    placement.positionLpsMm = { position[0], position[1], position[2] };
    placement.rowDirectionLps = annotation::normalized({ orientation[0], orientation[1], orientation[2] });
    placement.columnDirectionLps = annotation::normalized({ orientation[3], orientation[4], orientation[5] });
    if (annotation::length(annotation::cross(placement.rowDirectionLps, placement.columnDirectionLps)) < 0.5) {
        return std::nullopt; // degenerate orientation: treat as unknown
    }
    return placement;
}

void readSpacing(DcmItem* item, FrameHeader& frame)
{
    if (item == nullptr) {
        return;
    }
    auto spacing = doublesOf(*item, DCM_PixelSpacing, 2);
    if (spacing.size() != 2) {
        spacing = doublesOf(*item, DCM_ImagerPixelSpacing, 2);
    }
    if (spacing.size() == 2 && spacing[0] > 0.0 && spacing[1] > 0.0) {
        frame.rowSpacingMm = spacing[0];
        frame.columnSpacingMm = spacing[1];
    }
}

void readRescale(DcmItem* item, FrameHeader& frame)
{
    if (item == nullptr) {
        return;
    }
    const auto slope = doubleOf(*item, DCM_RescaleSlope);
    const auto intercept = doubleOf(*item, DCM_RescaleIntercept);
    if (slope && *slope != 0.0) {
        frame.rescaleSlope = *slope;
    }
    if (intercept) {
        frame.rescaleIntercept = *intercept;
    }
}

std::vector<annotation::WindowLevel> readWindows(DcmItem* item)
{
    std::vector<annotation::WindowLevel> windows;
    for (unsigned long n = 0; item != nullptr; ++n) {
        const auto centre = doubleOf(*item, DCM_WindowCenter, n);
        const auto width = doubleOf(*item, DCM_WindowWidth, n);
        if (!centre || !width || *width <= 0.0) {
            break;
        }
        windows.push_back({ *width, *centre });
    }
    return windows;
}

PixelEncoding encodingOf(const DcmXfer& xfer)
{
    const std::string uid = xfer.getXferID();
    // JPEG 2000 (.90-.93) and High-Throughput JPEG 2000 (.201-.203).
    if (uid.rfind("1.2.840.10008.1.2.4.9", 0) == 0 || uid.rfind("1.2.840.10008.1.2.4.20", 0) == 0) {
        return PixelEncoding::Jpeg2000;
    }
    if (xfer.isEncapsulated() || xfer.getStreamCompression() != ESC_none) {
        return PixelEncoding::DcmtkCodec;
    }
    return xfer.isBigEndian() ? PixelEncoding::NativeBigEndian : PixelEncoding::NativeLittleEndian;
}

PixelLayout readLayout(DcmDataset& dataset, const std::string& filePath)
{
    PixelLayout layout;
    layout.rows = intOf(dataset, DCM_Rows, 0);
    layout.columns = intOf(dataset, DCM_Columns, 0);
    layout.samplesPerPixel = intOf(dataset, DCM_SamplesPerPixel, 1);
    layout.bitsAllocated = intOf(dataset, DCM_BitsAllocated, 0);
    layout.bitsStored = intOf(dataset, DCM_BitsStored, layout.bitsAllocated);
    layout.highBit = intOf(dataset, DCM_HighBit, layout.bitsStored - 1);
    layout.pixelSigned = intOf(dataset, DCM_PixelRepresentation, 0) == 1;
    layout.planarConfiguration = intOf(dataset, DCM_PlanarConfiguration, 0);
    const std::string photometric = stringOf(dataset, DCM_PhotometricInterpretation);
    if (!photometric.empty()) {
        layout.photometric = photometric;
    }
    const std::string why = "cannot load " + filePath + ": ";
    if (layout.rows <= 0 || layout.columns <= 0) {
        throw ProjectError(why + "no image size (Rows/Columns)");
    }
    if (layout.bitsAllocated != 8 && layout.bitsAllocated != 16 && layout.bitsAllocated != 32) {
        throw ProjectError(why + "BitsAllocated " + std::to_string(layout.bitsAllocated)
            + " is not an image this viewer shows (8, 16 or 32 bits)");
    }
    if (layout.bitsStored <= 0 || layout.bitsStored > layout.bitsAllocated || layout.highBit < layout.bitsStored - 1
        || layout.highBit >= layout.bitsAllocated) {
        layout.bitsStored = layout.bitsAllocated; // inconsistent header: trust the allocation
        layout.highBit = layout.bitsAllocated - 1;
    }
    if (layout.samplesPerPixel != 1 && layout.samplesPerPixel != 3) {
        throw ProjectError(why + std::to_string(layout.samplesPerPixel) + " samples per pixel are not supported");
    }
    return layout;
}

} // namespace

std::size_t PixelLayout::frameBytes() const
{
    if (photometric == "YBR_FULL_422" && samplesPerPixel == 3) {
        // Two luminance samples share one Cb and one Cr: 2 samples per pixel on average.
        return static_cast<std::size_t>(rows) * static_cast<std::size_t>(columns) * 2
            * static_cast<std::size_t>(bitsAllocated / 8);
    }
    return static_cast<std::size_t>(rows) * static_cast<std::size_t>(columns)
        * static_cast<std::size_t>(samplesPerPixel) * static_cast<std::size_t>(bitsAllocated / 8);
}

DicomFileHeader readDicomHeader(const std::string& filePath)
{
    requireSafeDicomFile(filePath); // deep nesting or bogus lengths would crash or exhaust DCMTK and GDCM
    auto file = std::make_shared<DcmFileFormat>();
    const OFCondition status = file->loadFile(filePath.c_str(), EXS_Unknown, EGL_noChange, headerMaxReadLength);
    if (status.bad()) {
        throw ProjectError("cannot read " + filePath + ": " + status.text());
    }
    DcmDataset& dataset = *file->getDataset();
    DcmElement* pixelData = nullptr;
    if (dataset.findAndGetElement(DCM_PixelData, pixelData).bad() || pixelData == nullptr) {
        throw ProjectError("cannot load " + filePath + ": it has no pixel data (not an image)");
    }

    DicomFileHeader header;
    header.filePath = filePath;
    header.sopInstanceUid = stringOf(dataset, DCM_SOPInstanceUID);
    header.seriesInstanceUid = stringOf(dataset, DCM_SeriesInstanceUID);
    header.modality = stringOf(dataset, DCM_Modality);
    header.patientAge = stringOf(dataset, DCM_PatientAge);
    header.patientSex = stringOf(dataset, DCM_PatientSex);
    const DcmXfer xfer(dataset.getOriginalXfer());
    header.transferSyntaxUid = xfer.getXferID();
    header.encoding = encodingOf(xfer);
    header.layout = readLayout(dataset, filePath);
    header.sliceThicknessMm = doubleOf(dataset, DCM_SliceThickness);
    header.windows = readWindows(&dataset);

    const int frameCount = std::max(1, intOf(dataset, DCM_NumberOfFrames, 1));
    if (header.encoding == PixelEncoding::NativeLittleEndian || header.encoding == PixelEncoding::NativeBigEndian) {
        const std::size_t needed = header.layout.frameBytes() * static_cast<std::size_t>(frameCount);
        if (pixelData->getLength() < needed) {
            throw ProjectError("cannot load " + filePath + ": pixel data holds "
                + std::to_string(pixelData->getLength()) + " bytes, " + std::to_string(needed)
                + " expected (truncated file?)");
        }
    }
    checkCodecInput(dataset, header, frameCount);

    const FunctionalGroups groups(dataset);
    for (int n = 0; n < frameCount; ++n) {
        FrameHeader frame;
        frame.frameIndex = n;
        // Classic attributes first; functional groups of an enhanced object override them.
        frame.placement = placementOf(&dataset, &dataset);
        readSpacing(&dataset, frame);
        readRescale(&dataset, frame);
        if (groups.present()) {
            const auto f = static_cast<unsigned long>(n);
            if (auto placement = placementOf(
                    groups.macro(f, DCM_PlanePositionSequence), groups.macro(f, DCM_PlaneOrientationSequence))) {
                frame.placement = placement;
            }
            DcmItem* measures = groups.macro(f, DCM_PixelMeasuresSequence);
            readSpacing(measures, frame);
            if (measures != nullptr && !header.sliceThicknessMm) {
                header.sliceThicknessMm = doubleOf(*measures, DCM_SliceThickness);
            }
            readRescale(groups.macro(f, DCM_PixelValueTransformationSequence), frame);
            if (n == 0 && header.windows.empty()) {
                header.windows = readWindows(groups.macro(f, DCM_FrameVOILUTSequence));
            }
        }
        header.frames.push_back(frame);
    }
    header.file = std::move(file);
    return header;
}

} // namespace radmark::storage::loading
