#pragma once

#include "radmark/annotation/ImageGeometry.h"

#include <itkImageIOBase.h>

#include <array>
#include <cstddef>
#include <string>

namespace radmark::storage::loading {

// ITK's reader for a NIfTI, NRRD or MetaImage file name (null for other names).
itk::ImageIOBase::Pointer imageIoFor(const std::string& filePath);

// The LPS geometry of an image whose information ITK has read (size: voxels along i, j, k).
annotation::ImageGeometry geometryOf(itk::ImageIOBase& io, const std::array<std::size_t, 3>& size);

} // namespace radmark::storage::loading
