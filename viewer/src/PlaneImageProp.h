#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <vtkNew.h>

class vtkImageData;
class vtkImageProperty;
class vtkImageSlice;
class vtkImageSliceMapper;
class vtkRenderer;

namespace radmark::viewer {

// The image of a 2D view: one z slice of an image drawn as a textured polygon that covers whole edge
// pixels, at the slice number it is told (not the camera's focal point), with window/level and
// interpolation. Hidden until it is shown an image.
class PlaneImageProp {
public:
    explicit PlaneImageProp(vtkRenderer* renderer);
    ~PlaneImageProp();
    PlaneImageProp(const PlaneImageProp&) = delete;
    PlaneImageProp& operator=(const PlaneImageProp&) = delete;

    void show(vtkImageData* image, int sliceNumber);
    void hide();
    void setSliceNumber(int sliceNumber);
    // Applies the window with its width kept at 1e-3 or more; returns the window applied.
    annotation::WindowLevel setWindowLevel(const annotation::WindowLevel& window);
    void setNearestInterpolation(bool nearest);

private:
    vtkNew<vtkImageSliceMapper> m_mapper;
    vtkNew<vtkImageProperty> m_property;
    vtkNew<vtkImageSlice> m_slice;
};

}  // namespace radmark::viewer
