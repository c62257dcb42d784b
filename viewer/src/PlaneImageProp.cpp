#include "PlaneImageProp.h"

#include "SliceTextureProp.h"

#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkMatrix4x4.h>
#include <vtkProp3D.h>
#include <vtkRenderer.h>

#include <algorithm>

namespace radmark::viewer {

void setInPlaneAffine(vtkProp3D& prop, const std::array<double, 6>& m)
{
    vtkNew<vtkMatrix4x4> matrix;
    matrix->SetElement(0, 0, m[0]);
    matrix->SetElement(0, 1, m[1]);
    matrix->SetElement(0, 3, m[2]);
    matrix->SetElement(1, 0, m[3]);
    matrix->SetElement(1, 1, m[4]);
    matrix->SetElement(1, 3, m[5]);
    prop.SetUserMatrix(matrix);
}

PlaneImageProp::PlaneImageProp(vtkRenderer* renderer)
    : m_quad(vtkSmartPointer<SliceTextureProp>::New())
{
    m_mapper->SetOrientationToZ();
    m_mapper->SliceAtFocalPointOff();
    m_mapper->SliceFacesCameraOff();
    // The textured polygon covers whole edge pixels, not just up to their centres.
    m_mapper->BorderOn();
    m_property->SetInterpolationTypeToLinear();
    m_slice->SetMapper(m_mapper);
    m_slice->SetProperty(m_property);
    m_slice->VisibilityOff();
    m_quad->VisibilityOff();
    // Both at the same place in the renderer's list, so the drawing order with other props is as before.
    renderer->AddViewProp(m_slice);
    renderer->AddViewProp(m_quad);
}

PlaneImageProp::~PlaneImageProp() = default;

void PlaneImageProp::updateVisibility()
{
    const bool greyscale = m_image != nullptr && m_image->GetNumberOfScalarComponents() == 1;
    const bool quad = m_shown && greyscale && m_drawing == SliceImageDrawing::TextureQuad;
    m_quad->SetVisibility(quad);
    m_slice->SetVisibility(m_shown && !quad);
}

void PlaneImageProp::show(vtkImageData* image, int sliceNumber)
{
    m_image = image;
    m_mapper->SetInputData(image);
    m_mapper->SetSliceNumber(sliceNumber);
    m_quad->SetImage(image);
    m_quad->SetSliceNumber(sliceNumber);
    m_shown = true;
    updateVisibility();
}

void PlaneImageProp::hide()
{
    m_shown = false;
    m_image = nullptr;
    m_mapper->RemoveAllInputs();
    m_quad->SetImage(nullptr);
    updateVisibility();
}

void PlaneImageProp::setSliceNumber(int sliceNumber)
{
    m_mapper->SetSliceNumber(sliceNumber);
    m_quad->SetSliceNumber(sliceNumber);
}

annotation::WindowLevel PlaneImageProp::setWindowLevel(const annotation::WindowLevel& window)
{
    annotation::WindowLevel applied;
    applied.width = std::max(window.width, 1e-3);
    applied.level = window.level;
    m_property->SetColorWindow(applied.width);
    m_property->SetColorLevel(applied.level);
    m_quad->SetWindowLevel(applied.width, applied.level);
    return applied;
}

void PlaneImageProp::setInPlaneAffine(const std::array<double, 6>& m)
{
    radmark::viewer::setInPlaneAffine(*m_slice, m);
    radmark::viewer::setInPlaneAffine(*m_quad, m);
}

void PlaneImageProp::setNearestInterpolation(bool nearest)
{
    if (nearest) {
        m_property->SetInterpolationTypeToNearest();
    } else {
        m_property->SetInterpolationTypeToLinear();
    }
    m_quad->SetNearestInterpolation(nearest);
}

void PlaneImageProp::setDrawing(SliceImageDrawing drawing)
{
    m_drawing = drawing;
    updateVisibility();
}

int PlaneImageProp::textureUploadCount() const
{
    return m_quad->TextureUploadCount();
}

} // namespace radmark::viewer
