#include "PlaneImageProp.h"

#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkRenderer.h>

#include <algorithm>

namespace radmark::viewer {

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

void PlaneImageProp::setNearestInterpolation(bool nearest)
{
    if (nearest) {
        m_property->SetInterpolationTypeToNearest();
    } else {
        m_property->SetInterpolationTypeToLinear();
    }
}

}  // namespace radmark::viewer
