#include "saliency/ParametricMapReader.h"
#include "dicom/DicomStreamPrescan.h"
#include "dicom/FunctionalGroups.h"

#include "radmark/storage/project/ProjectError.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <vector>

namespace radmark::storage::saliency {

namespace {

using annotation::ImageGeometry;
using annotation::ImageVolume;
using annotation::Vector3;

std::vector<double> numbers(DcmItem* item, const DcmTagKey& tag, unsigned long count)
{
    std::vector<double> values;
    if (item == nullptr) {
        return values;
    }
    for (unsigned long n = 0; n < count; ++n) {
        Float64 value = 0.0;
        if (item->findAndGetFloat64(tag, value, n).bad()) {
            return {};
        }
        values.push_back(value);
    }
    return values;
}

// The value of `tag` inside the frame's functional group macro `sequence` (its own, else the shared one), else
// at the top level.
std::vector<double> frameValue(const FunctionalGroups& groups, Sint32 frame, DcmDataset& dataset,
    const DcmTagKey& sequence, const DcmTagKey& tag, unsigned long count)
{
    std::vector<double> values = numbers(groups.macro(static_cast<unsigned long>(frame), sequence), tag, count);
    return values.empty() ? numbers(&dataset, tag, count) : values;
}

} // namespace

std::optional<ImageVolume> readFloatDicom(const std::string& filePath)
{
    requireSafeDicomFile(filePath);
    DcmFileFormat file;
    if (file.loadFile(filePath.c_str()).bad()) {
        throw ProjectError(filePath + ": not a readable DICOM file");
    }
    DcmDataset& dataset = *file.getDataset();
    const Float32* floats = nullptr;
    const Float64* doubles = nullptr;
    unsigned long valueCount = 0;
    if (dataset.findAndGetFloat32Array(DCM_FloatPixelData, floats, &valueCount).bad() || floats == nullptr) {
        floats = nullptr;
        if (dataset.findAndGetFloat64Array(DCM_DoubleFloatPixelData, doubles, &valueCount).bad()
            || doubles == nullptr) {
            return std::nullopt;
        }
    }
    Uint16 rows = 0;
    Uint16 columns = 0;
    dataset.findAndGetUint16(DCM_Rows, rows);
    dataset.findAndGetUint16(DCM_Columns, columns);
    Sint32 frames = 1;
    dataset.findAndGetSint32(DCM_NumberOfFrames, frames);
    frames = std::max<Sint32>(frames, 1);
    const std::size_t frameSize = static_cast<std::size_t>(rows) * columns;
    if (frameSize == 0 || valueCount < frameSize * static_cast<std::size_t>(frames)) {
        throw ProjectError(filePath + ": float pixel data holds " + std::to_string(valueCount) + " values, "
            + std::to_string(frames) + " frames of " + std::to_string(columns) + " x " + std::to_string(rows)
            + " need more");
    }

    const FunctionalGroups groups(dataset);
    std::vector<Vector3> positions;
    std::vector<double> orientation;
    std::vector<double> spacing;
    for (Sint32 f = 0; f < frames; ++f) {
        const std::vector<double> position
            = frameValue(groups, f, dataset, DCM_PlanePositionSequence, DCM_ImagePositionPatient, 3);
        if (position.size() != 3) {
            throw ProjectError(filePath + ": frame " + std::to_string(f + 1)
                + " has no Image Position (Patient): the map cannot be placed on the series");
        }
        positions.push_back({ position[0], position[1], position[2] });
        if (f == 0) {
            orientation = frameValue(groups, f, dataset, DCM_PlaneOrientationSequence, DCM_ImageOrientationPatient, 6);
            spacing = frameValue(groups, f, dataset, DCM_PixelMeasuresSequence, DCM_PixelSpacing, 2);
        }
    }
    if (orientation.size() != 6 || spacing.size() != 2) {
        throw ProjectError(filePath + ": no Image Orientation (Patient) or Pixel Spacing: the map cannot be placed");
    }

    ImageGeometry geometry;
    geometry.columns = columns;
    geometry.rows = rows;
    geometry.slices = frames;
    geometry.rowSpacingMm = spacing[0];
    geometry.columnSpacingMm = spacing[1];
    geometry.rowDirectionLps = annotation::normalized(Vector3 { orientation[0], orientation[1], orientation[2] });
    geometry.columnDirectionLps = annotation::normalized(Vector3 { orientation[3], orientation[4], orientation[5] });
    const Vector3 normal = geometry.sliceNormalLps();
    std::vector<std::size_t> order(static_cast<std::size_t>(frames));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return annotation::dot(positions[a], normal) < annotation::dot(positions[b], normal);
    });
    for (const std::size_t f : order) {
        geometry.sliceOriginsLpsMm.push_back(positions[f]);
    }
    geometry.sliceSpacingMm
        = frames > 1 ? annotation::length(positions[order.back()] - positions[order.front()]) / (frames - 1) : 1.0;
    if (frames == 1) {
        Float64 thickness = 0.0;
        if (dataset.findAndGetFloat64(DCM_SliceThickness, thickness).good() && thickness > 0.0) {
            geometry.sliceSpacingMm = thickness;
        }
    }

    ImageVolume volume(geometry, annotation::VoxelType::Float32, annotation::VoxelInitialization::Uninitialized);
    for (std::size_t k = 0; k < order.size(); ++k) {
        auto* out = static_cast<float*>(volume.sliceData(static_cast<int>(k)));
        const std::size_t offset = order[k] * frameSize;
        if (floats != nullptr) {
            std::memcpy(out, floats + offset, frameSize * sizeof(float));
        } else {
            for (std::size_t n = 0; n < frameSize; ++n) {
                out[n] = static_cast<float>(doubles[offset + n]);
            }
        }
    }
    return volume;
}

} // namespace radmark::storage::saliency
