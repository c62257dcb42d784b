#pragma once

// The orientation phantom (storage/OrientationPhantom.h: markers on the patient's LEFT, ANTERIOR and
// SUPERIOR sides) written in the storage orders that the slice view must turn into the radiological
// orientation: NIfTI volumes stored RAS (i towards the patient's right, j anterior, as TotalSegmentator
// and most research files) or LPS, and DICOM series with mirrored or transposed rows and columns.

#include "radmark/storage/synthetic/OrientationPhantom.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace radmark::testing::orientation_files {

namespace phantom = radmark::storage::orientation_phantom;

constexpr int kColumns = 128;
constexpr int kRows = 128;
constexpr int kSlices = 46;
constexpr double kPixelMm = 1.5;
constexpr double kSliceMm = 4.0;

// A single-file NIfTI-1 (.nii) of Int16 HU whose sform maps voxel (i, j, k) to RAS mm as
// x = xSign * 1.5 i + ..., y = ySign * 1.5 j + ..., z = 4 k + ... (centred on the origin).
// xSign = ySign = +1 is "RAS-stored" (column i runs towards the patient's right, row j anterior);
// -1, -1 is "LPS-stored" (as DICOM).
inline void writePhantomNifti(const std::string& path, int xSign, int ySign)
{
    std::vector<char> header(352, 0);
    auto put
        = [&header](std::size_t offset, const auto& value) { std::memcpy(&header[offset], &value, sizeof(value)); };
    put(0, std::int32_t { 348 });
    header[38] = 'r';
    const std::int16_t dim[8] = { 3, kColumns, kRows, kSlices, 1, 1, 1, 1 };
    std::memcpy(&header[40], dim, sizeof(dim));
    put(70, std::int16_t { 4 }); // DT_INT16
    put(72, std::int16_t { 16 }); // bits per voxel
    const float pixdim[8] = { 1.0f, float(kPixelMm), float(kPixelMm), float(kSliceMm), 1.0f, 1.0f, 1.0f, 1.0f };
    std::memcpy(&header[76], pixdim, sizeof(pixdim));
    put(108, 352.0f); // vox_offset
    put(112, 1.0f); // scl_slope
    header[123] = 2; // mm
    put(252, std::int16_t { 0 }); // qform_code
    put(254, std::int16_t { 1 }); // sform_code: scanner
    const double halfFovMm = (kColumns - 1) * kPixelMm / 2.0;
    const double halfStackMm = (kSlices - 1) * kSliceMm / 2.0;
    const float srowX[4] = { float(xSign * kPixelMm), 0.0f, 0.0f, float(-xSign * halfFovMm) };
    const float srowY[4] = { 0.0f, float(ySign * kPixelMm), 0.0f, float(-ySign * halfFovMm) };
    const float srowZ[4] = { 0.0f, 0.0f, float(kSliceMm), float(-halfStackMm) };
    std::memcpy(&header[280], srowX, sizeof(srowX));
    std::memcpy(&header[296], srowY, sizeof(srowY));
    std::memcpy(&header[312], srowZ, sizeof(srowZ));
    std::memcpy(&header[344], "n+1\0", 4);

    std::vector<std::int16_t> voxels;
    voxels.reserve(static_cast<std::size_t>(kColumns) * kRows * kSlices);
    for (int k = 0; k < kSlices; ++k) {
        for (int j = 0; j < kRows; ++j) {
            for (int i = 0; i < kColumns; ++i) {
                const double xRas = xSign * (i * kPixelMm - halfFovMm);
                const double yRas = ySign * (j * kPixelMm - halfFovMm);
                const double z = k * kSliceMm - halfStackMm;
                voxels.push_back(static_cast<std::int16_t>(phantom::huAt({ -xRas, -yRas, z })));
            }
        }
    }
    std::ofstream out(path, std::ios::binary);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    out.write(reinterpret_cast<const char*>(voxels.data()), static_cast<std::streamsize>(voxels.size() * 2));
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

// The phantom's DICOM series with the given row / column directions (LPS), the first pixel placed so
// that the slices stay centred on the origin.
inline storage::SyntheticSeriesSpec phantomSeriesSpec(
    const annotation::Vector3& rowDirectionLps, const annotation::Vector3& columnDirectionLps)
{
    storage::SyntheticSeriesSpec spec = phantom::seriesSpec();
    const double halfFovMm = (spec.columns - 1) * spec.columnSpacingMm / 2.0;
    spec.rowDirectionLps = rowDirectionLps;
    spec.columnDirectionLps = columnDirectionLps;
    const annotation::Vector3 centreOfFirstSlice { 0.0, 0.0, spec.firstSlicePositionLpsMm.z };
    spec.firstSlicePositionLpsMm = centreOfFirstSlice - rowDirectionLps * halfFovMm - columnDirectionLps * halfFovMm;
    spec.seriesDescription = "Axial 4mm (rows " + std::to_string(int(rowDirectionLps.x)) + ","
        + std::to_string(int(rowDirectionLps.y)) + ")";
    return spec;
}

// Prone-like: rows run towards the patient's right, columns anterior (both mirrored against DICOM supine).
inline storage::SyntheticSeriesSpec flippedSeriesSpec()
{
    return phantomSeriesSpec({ -1.0, 0.0, 0.0 }, { 0.0, -1.0, 0.0 });
}

// Transposed: rows run posterior, columns to the patient's left.
inline storage::SyntheticSeriesSpec transposedSeriesSpec()
{
    return phantomSeriesSpec({ 0.0, 1.0, 0.0 }, { 1.0, 0.0, 0.0 });
}

// A coronal acquisition stored "RAS-like": rows run towards the patient's right, columns upwards (superior),
// slices 4 mm apart from posterior to anterior, the stack centred on the origin.
inline storage::SyntheticSeriesSpec flippedCoronalSeriesSpec()
{
    storage::SyntheticSeriesSpec spec = phantom::seriesSpec();
    const double halfFovMm = (spec.columns - 1) * spec.columnSpacingMm / 2.0;
    const double halfStackMm = (spec.slices - 1) * 4.0 / 2.0;
    spec.rowDirectionLps = { -1.0, 0.0, 0.0 };
    spec.columnDirectionLps = { 0.0, 0.0, 1.0 };
    spec.sliceStepLpsMm = { 0.0, 4.0, 0.0 };
    const annotation::Vector3 centreOfFirstSlice { 0.0, -halfStackMm, 0.0 };
    spec.firstSlicePositionLpsMm
        = centreOfFirstSlice - spec.rowDirectionLps * halfFovMm - spec.columnDirectionLps * halfFovMm;
    spec.seriesDescription = "Coronal 4mm (flipped)";
    return spec;
}

} // namespace radmark::testing::orientation_files
