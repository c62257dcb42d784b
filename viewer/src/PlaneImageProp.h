#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/viewer/SliceImageDrawing.h"

#include <vtkNew.h>
#include <vtkSmartPointer.h>

#include <array>

class vtkImageData;
class vtkImageProperty;
class vtkImageSlice;
class vtkImageSliceMapper;
class vtkProp3D;
class vtkRenderer;

namespace radmark::viewer {

class SliceTextureProp;

// Places a prop of a 2D view with an in-plane affine map of its x/y (z unchanged):
// (x, y) -> (m[0] x + m[1] y + m[2], m[3] x + m[4] y + m[5]), see SliceDisplayOrientation::storedToDisplayMm.
void setInPlaneAffine(vtkProp3D& prop, const std::array<double, 6>& m);

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
    // Shows the image transposed / mirrored in the view's world (see setInPlaneAffine).
    void setInPlaneAffine(const std::array<double, 6>& m);

    void setDrawing(SliceImageDrawing drawing);
    SliceImageDrawing drawing() const { return m_drawing; }
    // Texture uploads of the fast path so far (0 when it was never used).
    int textureUploadCount() const;

private:
    void updateVisibility();

    vtkNew<vtkImageSliceMapper> m_mapper;
    vtkNew<vtkImageProperty> m_property;
    vtkNew<vtkImageSlice> m_slice;
    vtkSmartPointer<SliceTextureProp> m_quad;
    vtkImageData* m_image = nullptr;
    bool m_shown = false;
    SliceImageDrawing m_drawing = SliceImageDrawing::TextureQuad;
};

} // namespace radmark::viewer
