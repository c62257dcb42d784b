#include "PlaneImageProp.h"

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
    renderer->AddViewProp(m_slice);
}

PlaneImageProp::~PlaneImageProp() = default;

void PlaneImageProp::show(vtkImageData* image, int sliceNumber)
{
    m_mapper->SetInputData(image);
    m_mapper->SetSliceNumber(sliceNumber);
    m_slice->VisibilityOn();
}

void PlaneImageProp::hide()
{
    m_slice->VisibilityOff();
    m_mapper->RemoveAllInputs();
}

void PlaneImageProp::setSliceNumber(int sliceNumber)
{
    m_mapper->SetSliceNumber(sliceNumber);
}

annotation::WindowLevel PlaneImageProp::setWindowLevel(const annotation::WindowLevel& window)
{
    annotation::WindowLevel applied;
    applied.width = std::max(window.width, 1e-3);
    applied.level = window.level;
    m_property->SetColorWindow(applied.width);
    m_property->SetColorLevel(applied.level);
    return applied;
}

void PlaneImageProp::setInPlaneAffine(const std::array<double, 6>& m)
{
    radmark::viewer::setInPlaneAffine(*m_slice, m);
}

void PlaneImageProp::setNearestInterpolation(bool nearest)
{
    if (nearest) {
        m_property->SetInterpolationTypeToNearest();
    } else {
        m_property->SetInterpolationTypeToLinear();
    }
}

} // namespace radmark::viewer
