#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <vtkSmartPointer.h>

#include <memory>

class vtkImageData;

namespace radmark::viewer {

// A vtkImageData that shows the volume's voxels in place (no copy). The image frame is the slice
// view's world: x = i * column spacing, y = j * row spacing (mm), z = k (one unit per slice, since
// real slice spacing may be uneven). The returned image keeps the volume alive.
vtkSmartPointer<vtkImageData> wrapVolume(const std::shared_ptr<const annotation::ImageVolume>& volume);

} // namespace radmark::viewer
