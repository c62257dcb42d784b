#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/storage/dataset/ExportFormat.h"

#include <array>

#include <memory>

namespace radmark::storage {

// The formats implemented in storage/src/export (see ExportFormatRegistry.cpp for the list).
std::unique_ptr<ExportFormat> makeDeepLesionFormat(); // deeplesion/DL_info.csv + deeplesion/Images_png/
std::unique_ptr<ExportFormat> makeCocoFormat(); // coco/annotations/instances_SPLIT.json + coco/images/
std::unique_ptr<ExportFormat> makeNiftiFormat(); // nifti/STEM/image.nii.gz, label.nii.gz, marks.json
std::unique_ptr<ExportFormat> makeLabelsFormat(); // labels/labels.csv

// Lesion body-position estimate DeepLesion's Normalized_lesion_location approximates: x and y of a
// pixel position relative to the body's bounding box on slice k (voxels above -500 HU, the whole image
// when none), z = k / (slices - 1).
std::array<double, 3> normalizedLesionLocation(const annotation::ImageVolume& volume, int k, double column, double row);

} // namespace radmark::storage
