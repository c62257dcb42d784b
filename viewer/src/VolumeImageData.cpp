#include "VolumeImageData.h"

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkShortArray.h>
#include <vtkUnsignedCharArray.h>
#include <vtkUnsignedShortArray.h>

namespace radmark::viewer {

namespace {

template <typename ArrayType>
vtkSmartPointer<vtkDataArray> shareVoxels(const annotation::ImageVolume& volume, int components)
{
    auto array = vtkSmartPointer<ArrayType>::New();
    array->SetNumberOfComponents(components);
    // VTK only reads the voxels; save=1 tells it not to free memory the volume owns.
    array->SetVoidArray(const_cast<void*>(volume.data()), static_cast<vtkIdType>(volume.voxelCount()) * components, 1);
    array->SetName("voxels");
    return array;
}

} // namespace

vtkSmartPointer<vtkImageData> wrapVolume(const std::shared_ptr<const annotation::ImageVolume>& volume)
{
    const annotation::ImageGeometry& g = volume->geometry();
    vtkSmartPointer<vtkDataArray> voxels;
    switch (volume->voxelType()) {
    case annotation::VoxelType::Int16:
        voxels = shareVoxels<vtkShortArray>(*volume, 1);
        break;
    case annotation::VoxelType::UInt16:
        voxels = shareVoxels<vtkUnsignedShortArray>(*volume, 1);
        break;
    case annotation::VoxelType::Float32:
        voxels = shareVoxels<vtkFloatArray>(*volume, 1);
        break;
    case annotation::VoxelType::Rgb8:
        voxels = shareVoxels<vtkUnsignedCharArray>(*volume, 3);
        break;
    }
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(g.columns, g.rows, g.slices);
    image->SetSpacing(g.columnSpacingMm, g.rowSpacingMm, 1.0);
    image->SetOrigin(0.0, 0.0, 0.0);
    image->GetPointData()->SetScalars(voxels);

    // The shared buffer must outlive every VTK object that may still read it: tie the volume's
    // lifetime to the array's.
    auto* keeper = new std::shared_ptr<const annotation::ImageVolume>(volume);
    vtkNew<vtkCallbackCommand> release;
    release->SetClientData(keeper);
    release->SetCallback([](vtkObject*, unsigned long, void* clientData, void*) {
        delete static_cast<std::shared_ptr<const annotation::ImageVolume>*>(clientData);
    });
    voxels->AddObserver(vtkCommand::DeleteEvent, release);
    return image;
}

} // namespace radmark::viewer
