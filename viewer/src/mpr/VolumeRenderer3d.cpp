#include "radmark/viewer/VolumeRenderer3d.h"

#include "VolumeImageData.h"

#include "radmark/annotation/MarkPlaneIntersection.h"

#include <vtkActor.h>
#include <vtkAnnotatedCubeActor.h>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkColorTransferFunction.h>
#include <vtkCommand.h>
#include <vtkFixedPointVolumeRayCastMapper.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkPiecewiseFunction.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkSmartVolumeMapper.h>
#include <vtkSphereSource.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace radmark::viewer {

namespace {

constexpr double kMarkerMinimumRadiusMm = 3.0;
constexpr double kOrientationMarkerFraction = 0.2; // of the view's width and height
constexpr double kMarkerSideRed[3] = { 1.0, 0.35, 0.35 };
constexpr double kMarkerSideGreen[3] = { 0.35, 1.0, 0.4 };
constexpr double kMarkerSideBlue[3] = { 0.45, 0.6, 1.0 };
constexpr double kSamplesAlongLongestSide = 200.0;
constexpr double kInteractiveSampleFactor = 3.0;
// Half the view height = this times half the volume's longest side.
constexpr double kViewMarginFactor = 1.1;

// Data frame of wrapVolume (x = i * column spacing, y = j * row spacing, z = k) to LPS mm.
void setImageToPatient(vtkMatrix4x4* matrix, const annotation::Vector3& xAxis, const annotation::Vector3& yAxis,
    const annotation::Vector3& zAxis, const annotation::Vector3& origin)
{
    matrix->Identity();
    for (int row = 0; row < 3; ++row) {
        matrix->SetElement(row, 0, xAxis[row]);
        matrix->SetElement(row, 1, yAxis[row]);
        matrix->SetElement(row, 2, zAxis[row]);
        matrix->SetElement(row, 3, origin[row]);
    }
}

struct PlaneSlice {
    std::shared_ptr<const annotation::ImageVolume> image;
    vtkSmartPointer<vtkImageData> data;
    vtkNew<vtkImageSliceMapper> mapper;
    vtkNew<vtkImageProperty> property;
    vtkNew<vtkImageSlice> slice;
    vtkNew<vtkMatrix4x4> matrix;
    annotation::Vector3 originLpsMm; // a point of the plane (the centre of its first pixel)
};

} // namespace

bool isSoftwareOpenGl(const std::string& glRenderer)
{
    for (const char* name : { "llvmpipe", "softpipe", "SWR", "Software Rasterizer" }) {
        if (glRenderer.find(name) != std::string::npos) {
            return true;
        }
    }
    return false;
}

const char* volumePresetName(VolumePreset preset)
{
    switch (preset) {
    case VolumePreset::CtBone:
        return "CT bone";
    case VolumePreset::CtSoftTissue:
        return "CT soft tissue";
    case VolumePreset::CtAngiography:
        return "CT angiography";
    case VolumePreset::MrDefault:
        return "MR default";
    }
    return "";
}

struct VolumeRenderer3d::Private {
    std::shared_ptr<const annotation::ImageVolume> volume;
    vtkSmartPointer<vtkImageData> imageData;
    vtkNew<vtkSmartVolumeMapper> mapper;
    // On software OpenGL: VTK's CPU ray caster driven directly. Behind the smart mapper it took about 3x
    // longer per frame in bench_mpr (the smart mapper hands it its input anew on every render).
    vtkNew<vtkFixedPointVolumeRayCastMapper> cpuMapper;
    vtkNew<vtkVolumeProperty> property;
    vtkNew<vtkColorTransferFunction> colours;
    vtkNew<vtkPiecewiseFunction> opacity;
    vtkNew<vtkVolume> prop;
    vtkNew<vtkMatrix4x4> matrix;
    vtkNew<vtkRenderer> renderer;
    // The orientation marker: a dark cube labelled with the patient sides (letters R/L red, A/P green, S/I blue,
    // 3D Slicer's axis colours) in the lower-left corner, on a layer of its own, turned with the main camera before
    // every frame. A renderer, not a vtkOrientationMarkerWidget: that widget needs a VTK interactor, which the Qt 6
    // bridge does not have (see ../shared/notes/qt6-vtk-bridge.md).
    vtkNew<vtkRenderer> markerRenderer;
    vtkNew<vtkAnnotatedCubeActor> cube;
    vtkNew<vtkCallbackCommand> followCamera;
    std::array<PlaneSlice, 3> planes;
    bool planesVisible = true;
    std::vector<vtkSmartPointer<vtkActor>> markers;
    vtkNew<vtkPoints> markLinePoints;
    vtkNew<vtkCellArray> markLineCells;
    vtkNew<vtkPolyData> markLines;
    vtkNew<vtkPolyDataMapper> markLineMapper;
    vtkNew<vtkActor> markLineActor;
    const annotation::AnnotationDocument* document = nullptr;
    std::string seriesUid;
    VolumePreset preset = VolumePreset::CtSoftTissue;
    VolumeBlend blend = VolumeBlend::Composite;
    annotation::WindowLevel mipWindow;
    int viewportWidthPx = 512;
    int viewportHeightPx = 512;
    double stillSampleDistanceMm = 1.0;
    bool softwareOpenGl = false;
    // VTK 9.1's CPU ray caster shades far too dark here (lit spheres came out at a third of their
    // colour): on software OpenGL the composite presets are drawn unshaded.
    bool shadeComposite = true;

    void applyTransferFunctions();
    void rebuildMarkers();
    void turnOrientationMarker();
    void cutAwayBeforePlanes();
};

// With the planes shown, the octant of the volume between the planes' crossing point and the camera is
// not drawn (a cut-away), so the planes stay visible inside an opaque rendering (bone, soft tissue).
// Cropping works in the data frame (voxel axes), which the MPR planes follow up to the gantry tilt.
void VolumeRenderer3d::Private::cutAwayBeforePlanes()
{
    const bool allPlanes = planes[0].image && planes[1].image && planes[2].image;
    if (!volume || !imageData || !planesVisible || !allPlanes) {
        mapper->CroppingOff();
        cpuMapper->CroppingOff();
        return;
    }
    const annotation::ImageGeometry& g = volume->geometry();
    // The MPR planes are axial (normal z), coronal (normal y) and sagittal (normal x) in patient space.
    const annotation::Vector3 crossing { planes[static_cast<int>(annotation::MprOrientation::Sagittal)].originLpsMm.x,
        planes[static_cast<int>(annotation::MprOrientation::Coronal)].originLpsMm.y,
        planes[static_cast<int>(annotation::MprOrientation::Axial)].originLpsMm.z };
    double spacing[3];
    imageData->GetSpacing(spacing);
    const annotation::VoxelCoordinate voxel = g.patientToVoxel(crossing);
    const double crossingData[3] = { voxel.i * spacing[0], voxel.j * spacing[1], voxel.k * spacing[2] };
    double cameraWorld[4] = { 0.0, 0.0, 0.0, 1.0 };
    renderer->GetActiveCamera()->GetPosition(cameraWorld);
    vtkNew<vtkMatrix4x4> worldToData;
    vtkMatrix4x4::Invert(matrix, worldToData);
    double cameraData[4];
    worldToData->MultiplyPoint(cameraWorld, cameraData);
    double bounds[6];
    imageData->GetBounds(bounds);
    double planesData[6];
    int region = 0;
    for (int axis = 0; axis < 3; ++axis) {
        // Two planes per axis: the crossing and one beyond the data, so regions 0 (below) and 1 (above) hold it all.
        planesData[2 * axis] = crossingData[axis];
        planesData[2 * axis + 1] = bounds[2 * axis + 1] + 1.0;
        const int side = cameraData[axis] >= crossingData[axis] ? 1 : 0;
        region += side * (axis == 0 ? 1 : (axis == 1 ? 3 : 9));
    }
    const int flags = 0x7ffffff & ~(1 << region);
    for (vtkVolumeMapper* volumeMapper :
        { static_cast<vtkVolumeMapper*>(mapper), static_cast<vtkVolumeMapper*>(cpuMapper) }) {
        volumeMapper->SetCroppingRegionPlanes(planesData);
        volumeMapper->SetCroppingRegionFlags(flags);
        volumeMapper->CroppingOn();
    }
}

void VolumeRenderer3d::Private::turnOrientationMarker()
{
    vtkCamera* main = renderer->GetActiveCamera();
    double position[3];
    double focal[3];
    double up[3];
    main->GetPosition(position);
    main->GetFocalPoint(focal);
    main->GetViewUp(up);
    annotation::Vector3 direction
        = annotation::normalized({ position[0] - focal[0], position[1] - focal[1], position[2] - focal[2] });
    if (annotation::length(direction) == 0.0) {
        direction = { 0.0, -1.0, 0.0 };
    }
    vtkCamera* camera = markerRenderer->GetActiveCamera();
    camera->ParallelProjectionOn();
    camera->SetParallelScale(0.95);
    camera->SetFocalPoint(0.0, 0.0, 0.0);
    camera->SetPosition(direction.x * 5.0, direction.y * 5.0, direction.z * 5.0);
    camera->SetViewUp(up);
    markerRenderer->ResetCameraClippingRange();
}

void VolumeRenderer3d::Private::applyTransferFunctions()
{
    colours->RemoveAllPoints();
    opacity->RemoveAllPoints();
    if (blend == VolumeBlend::MaximumIntensity) {
        const double low = mipWindow.level - mipWindow.width / 2.0;
        const double high = mipWindow.level + mipWindow.width / 2.0;
        colours->AddRGBPoint(low, 0.0, 0.0, 0.0);
        colours->AddRGBPoint(high, 1.0, 1.0, 1.0);
        opacity->AddPoint(low, 1.0);
        opacity->AddPoint(high, 1.0);
        property->ShadeOff();
        mapper->SetBlendModeToMaximumIntensity();
        cpuMapper->SetBlendModeToMaximumIntensity();
        return;
    }
    mapper->SetBlendModeToComposite();
    cpuMapper->SetBlendModeToComposite();
    property->SetShade(shadeComposite ? 1 : 0);
    property->SetAmbient(0.45);
    property->SetDiffuse(0.6);
    property->SetSpecular(0.15);
    switch (preset) {
    case VolumePreset::CtBone:
        opacity->AddPoint(-1000.0, 0.0);
        opacity->AddPoint(150.0, 0.0);
        opacity->AddPoint(300.0, 0.15);
        opacity->AddPoint(1000.0, 0.85);
        opacity->AddPoint(3000.0, 0.9);
        colours->AddRGBPoint(150.0, 0.55, 0.25, 0.15);
        colours->AddRGBPoint(300.0, 0.88, 0.6, 0.3);
        colours->AddRGBPoint(1000.0, 1.0, 0.95, 0.85);
        colours->AddRGBPoint(3000.0, 1.0, 1.0, 1.0);
        break;
    case VolumePreset::CtSoftTissue:
        opacity->AddPoint(-1000.0, 0.0);
        opacity->AddPoint(-300.0, 0.0);
        opacity->AddPoint(-100.0, 0.03);
        opacity->AddPoint(40.0, 0.12);
        opacity->AddPoint(300.0, 0.5);
        opacity->AddPoint(3000.0, 0.7);
        colours->AddRGBPoint(-300.0, 0.55, 0.3, 0.2);
        colours->AddRGBPoint(-100.0, 0.85, 0.65, 0.45);
        colours->AddRGBPoint(40.0, 0.85, 0.45, 0.38);
        colours->AddRGBPoint(300.0, 1.0, 0.9, 0.8);
        colours->AddRGBPoint(3000.0, 1.0, 1.0, 1.0);
        break;
    case VolumePreset::CtAngiography:
        opacity->AddPoint(-1000.0, 0.0);
        opacity->AddPoint(120.0, 0.0);
        opacity->AddPoint(200.0, 0.3);
        opacity->AddPoint(400.0, 0.8);
        opacity->AddPoint(3000.0, 0.9);
        colours->AddRGBPoint(120.0, 0.55, 0.05, 0.05);
        colours->AddRGBPoint(250.0, 0.9, 0.3, 0.2);
        colours->AddRGBPoint(500.0, 1.0, 0.85, 0.7);
        colours->AddRGBPoint(3000.0, 1.0, 1.0, 1.0);
        break;
    case VolumePreset::MrDefault: {
        const auto [low, high] = volume ? volume->valueRange() : std::pair<double, double> { 0.0, 1.0 };
        const double range = std::max(high - low, 1e-6);
        opacity->AddPoint(low, 0.0);
        opacity->AddPoint(low + 0.1 * range, 0.0);
        opacity->AddPoint(low + 0.4 * range, 0.35);
        opacity->AddPoint(high, 0.8);
        colours->AddRGBPoint(low, 0.0, 0.0, 0.0);
        colours->AddRGBPoint(low + 0.4 * range, 0.75, 0.7, 0.65);
        colours->AddRGBPoint(high, 1.0, 1.0, 1.0);
        break;
    }
    }
}

void VolumeRenderer3d::Private::rebuildMarkers()
{
    for (const auto& marker : markers) {
        renderer->RemoveActor(marker);
    }
    markers.clear();
    markLinePoints->Reset();
    markLineCells->Reset();
    if (volume && document != nullptr) {
        const annotation::ImageGeometry& g = volume->geometry();
        for (const annotation::LesionMark& mark : document->marks()) {
            if (mark.slice.seriesUid != seriesUid) {
                continue;
            }
            const annotation::MarkSolid solid = annotation::markSolid(mark, g);
            auto addLine = [&](const annotation::Vector3& a, const annotation::Vector3& b) {
                const vtkIdType ids[2] = { markLinePoints->InsertNextPoint(a.x, a.y, a.z),
                    markLinePoints->InsertNextPoint(b.x, b.y, b.z) };
                markLineCells->InsertNextCell(2, ids);
            };
            double radius = kMarkerMinimumRadiusMm;
            for (const annotation::PatientSegment& segment : solid.openSegments) {
                addLine(segment.startLpsMm, segment.endLpsMm);
                radius = std::max(radius, annotation::length(segment.endLpsMm - segment.startLpsMm) / 4.0);
            }
            for (std::size_t index = 0; index < solid.outlineLpsMm.size(); ++index) {
                addLine(solid.outlineLpsMm[index], solid.outlineLpsMm[(index + 1) % solid.outlineLpsMm.size()]);
            }
            for (int a = 0; a < static_cast<int>(solid.boxCornersLpsMm.size()); ++a) {
                for (int bit : { 1, 2, 4 }) {
                    if ((a & bit) == 0) {
                        addLine(solid.boxCornersLpsMm[a], solid.boxCornersLpsMm[a | bit]);
                    }
                }
            }
            const annotation::Vector3 centre = annotation::markCentreLpsMm(mark, g);
            vtkNew<vtkSphereSource> sphere;
            sphere->SetCenter(centre.x, centre.y, centre.z);
            sphere->SetRadius(radius);
            sphere->SetThetaResolution(16);
            sphere->SetPhiResolution(12);
            vtkNew<vtkPolyDataMapper> sphereMapper;
            sphereMapper->SetInputConnection(sphere->GetOutputPort());
            auto actor = vtkSmartPointer<vtkActor>::New();
            actor->SetMapper(sphereMapper);
            actor->GetProperty()->SetColor(1.0, 0.85, 0.2);
            actor->GetProperty()->SetOpacity(0.6);
            renderer->AddActor(actor);
            markers.push_back(actor);
        }
    }
    markLinePoints->Modified();
    markLineCells->Modified();
    markLines->Modified();
}

VolumeRenderer3d::VolumeRenderer3d()
    : m_private(std::make_unique<Private>())
{
    Private& p = *m_private;
    p.property->SetColor(p.colours);
    p.property->SetScalarOpacity(p.opacity);
    p.property->SetInterpolationTypeToLinear();
    p.prop->SetMapper(p.mapper);
    p.prop->SetProperty(p.property);
    p.prop->SetUserMatrix(p.matrix);
    p.prop->VisibilityOff();
    p.mapper->SetInteractiveUpdateRate(2.0);
    p.renderer->AddVolume(p.prop);
    p.renderer->SetBackground(0.08, 0.08, 0.1);
    for (PlaneSlice& plane : p.planes) {
        plane.mapper->SetOrientationToZ();
        plane.mapper->SliceAtFocalPointOff();
        plane.mapper->SliceFacesCameraOff();
        plane.mapper->SetSliceNumber(0);
        plane.property->SetInterpolationTypeToLinear();
        plane.slice->SetMapper(plane.mapper);
        plane.slice->SetProperty(plane.property);
        plane.slice->SetUserMatrix(plane.matrix);
        plane.slice->VisibilityOff();
        p.renderer->AddViewProp(plane.slice);
    }
    p.markLines->SetPoints(p.markLinePoints);
    p.markLines->SetLines(p.markLineCells);
    p.markLineMapper->SetInputData(p.markLines);
    p.markLineActor->SetMapper(p.markLineMapper);
    p.markLineActor->GetProperty()->SetColor(1.0, 0.85, 0.2);
    p.markLineActor->GetProperty()->SetLineWidth(3.0f);
    p.renderer->AddActor(p.markLineActor);
    p.applyTransferFunctions();

    // Patient sides in LPS: +x left, +y posterior, +z superior.
    p.cube->SetXPlusFaceText("L");
    p.cube->SetXMinusFaceText("R");
    p.cube->SetYPlusFaceText("P");
    p.cube->SetYMinusFaceText("A");
    p.cube->SetZPlusFaceText("S");
    p.cube->SetZMinusFaceText("I");
    p.cube->SetFaceTextScale(0.7);
    p.cube->GetCubeProperty()->SetColor(0.22, 0.22, 0.25);
    for (vtkProperty* face : { p.cube->GetXPlusFaceProperty(), p.cube->GetXMinusFaceProperty() }) {
        face->SetColor(kMarkerSideRed[0], kMarkerSideRed[1], kMarkerSideRed[2]);
    }
    for (vtkProperty* face : { p.cube->GetYPlusFaceProperty(), p.cube->GetYMinusFaceProperty() }) {
        face->SetColor(kMarkerSideGreen[0], kMarkerSideGreen[1], kMarkerSideGreen[2]);
    }
    for (vtkProperty* face : { p.cube->GetZPlusFaceProperty(), p.cube->GetZMinusFaceProperty() }) {
        face->SetColor(kMarkerSideBlue[0], kMarkerSideBlue[1], kMarkerSideBlue[2]);
    }
    for (vtkProperty* face :
        { p.cube->GetXPlusFaceProperty(), p.cube->GetXMinusFaceProperty(), p.cube->GetYPlusFaceProperty(),
            p.cube->GetYMinusFaceProperty(), p.cube->GetZPlusFaceProperty(), p.cube->GetZMinusFaceProperty() }) {
        face->SetAmbient(1.0);
        face->SetDiffuse(0.0);
    }
    p.cube->GetCubeProperty()->SetAmbient(1.0);
    p.cube->GetCubeProperty()->SetDiffuse(0.0);
    p.cube->SetTextEdgesVisibility(0);
    p.markerRenderer->AddActor(p.cube);
    p.markerRenderer->SetViewport(0.0, 0.0, kOrientationMarkerFraction, kOrientationMarkerFraction);
    p.markerRenderer->SetLayer(1);
    p.markerRenderer->InteractiveOff();
    p.followCamera->SetClientData(&p);
    p.followCamera->SetCallback([](vtkObject*, unsigned long, void* clientData, void*) {
        static_cast<Private*>(clientData)->turnOrientationMarker();
        static_cast<Private*>(clientData)->cutAwayBeforePlanes();
    });
    p.renderer->AddObserver(vtkCommand::StartEvent, p.followCamera);
    resetCamera();
}

void VolumeRenderer3d::attachTo(vtkRenderWindow& window)
{
    Private& p = *m_private;
    window.SetNumberOfLayers(std::max(window.GetNumberOfLayers(), 2));
    window.AddRenderer(p.renderer);
    window.AddRenderer(p.markerRenderer);
}

void VolumeRenderer3d::setOrientationMarkerVisible(bool visible)
{
    m_private->cube->SetVisibility(visible ? 1 : 0);
}

bool VolumeRenderer3d::orientationMarkerVisible() const
{
    return m_private->cube->GetVisibility() != 0;
}

annotation::WindowLevel VolumeRenderer3d::defaultMipWindow(const annotation::ImageVolume& volume)
{
    const auto [low, high] = volume.valueRange();
    if (volume.valueUnit() == "HU") {
        // Contrast, calcification and bone stand out; fat and soft tissue stay dark grey, not white.
        const double from = std::max(low, -200.0);
        const double to = std::max(std::min(high, 1500.0), from + 1.0);
        return { to - from, (from + to) / 2.0 };
    }
    return { std::max(high - low, 1e-3), (low + high) / 2.0 };
}

annotation::WindowLevel VolumeRenderer3d::mipWindow() const
{
    return m_private->mipWindow;
}

VolumeRenderer3d::~VolumeRenderer3d() = default;

void VolumeRenderer3d::setVolume(std::shared_ptr<const annotation::ImageVolume> volume)
{
    Private& p = *m_private;
    p.volume = volume && !annotation::mprUnavailableReason(*volume) ? std::move(volume) : nullptr;
    for (PlaneSlice& plane : p.planes) {
        plane.image = nullptr;
        plane.data = nullptr;
        plane.mapper->RemoveAllInputs();
        plane.slice->VisibilityOff();
    }
    if (!p.volume) {
        p.imageData = nullptr;
        p.mapper->RemoveAllInputs();
        p.cpuMapper->RemoveAllInputs();
        p.prop->VisibilityOff();
        p.rebuildMarkers();
        return;
    }
    const annotation::ImageGeometry& g = p.volume->geometry();
    // The ray casters light with gradients computed in the data frame: give the data frame millimetres on
    // every axis (mean slice step), so the prop's matrix is a rotation (plus the shear of a tilted stack)
    // and not a non-uniform scale that would bend the normals.
    p.imageData = wrapVolume(p.volume);
    const annotation::Vector3 first = g.sliceOriginsLpsMm.front();
    const annotation::Vector3 step = (g.sliceOriginsLpsMm.back() - first) / static_cast<double>(g.slices - 1);
    const double stepMm = std::max(annotation::length(step), 1e-6);
    p.imageData->SetSpacing(g.columnSpacingMm, g.rowSpacingMm, stepMm);
    setImageToPatient(p.matrix, g.rowDirectionLps, g.columnDirectionLps, step / stepMm, first);
    p.prop->SetUserMatrix(p.matrix);
    p.mapper->SetInputData(p.imageData);
    p.cpuMapper->SetInputData(p.imageData);
    // Software OpenGL pays per sample: step about 1/200 of the volume's longest side (never finer than
    // the voxels), three times coarser while the user drags.
    const annotation::PatientBounds bounds = annotation::patientBounds(g);
    const annotation::Vector3 extent = bounds.maximumLpsMm - bounds.minimumLpsMm;
    const double finestMm = std::min({ g.columnSpacingMm, g.rowSpacingMm, g.sliceSpacingMm });
    p.stillSampleDistanceMm = std::max(finestMm, std::max({ extent.x, extent.y, extent.z }) / kSamplesAlongLongestSide);
    p.mapper->SetSampleDistance(static_cast<float>(p.stillSampleDistanceMm));
    p.cpuMapper->SetSampleDistance(static_cast<float>(p.stillSampleDistanceMm));
    p.prop->VisibilityOn();
    p.preset = defaultPresetFor(*p.volume);
    p.mipWindow = defaultMipWindow(*p.volume);
    p.applyTransferFunctions();
    p.rebuildMarkers();
    resetCamera();
}

const annotation::ImageVolume* VolumeRenderer3d::volume() const
{
    return m_private->volume.get();
}

VolumePreset VolumeRenderer3d::defaultPresetFor(const annotation::ImageVolume& volume)
{
    return volume.valueUnit() == "HU" ? VolumePreset::CtSoftTissue : VolumePreset::MrDefault;
}

void VolumeRenderer3d::setPreset(VolumePreset preset)
{
    m_private->preset = preset;
    m_private->applyTransferFunctions();
}

VolumePreset VolumeRenderer3d::preset() const
{
    return m_private->preset;
}

void VolumeRenderer3d::setBlend(VolumeBlend blend)
{
    m_private->blend = blend;
    m_private->applyTransferFunctions();
}

VolumeBlend VolumeRenderer3d::blend() const
{
    return m_private->blend;
}

void VolumeRenderer3d::setMipWindow(const annotation::WindowLevel& window)
{
    m_private->mipWindow = window;
    if (m_private->blend == VolumeBlend::MaximumIntensity) {
        m_private->applyTransferFunctions();
    }
}

void VolumeRenderer3d::setPlane(annotation::MprOrientation orientation,
    std::shared_ptr<const annotation::ImageVolume> planeImage, const annotation::PlaneGrid& grid,
    const annotation::WindowLevel& window)
{
    Private& p = *m_private;
    PlaneSlice& plane = p.planes[static_cast<int>(orientation)];
    if (!p.volume || !planeImage) {
        plane.slice->VisibilityOff();
        return;
    }
    if (plane.image != planeImage) {
        plane.image = planeImage;
        plane.data = wrapVolume(planeImage);
        plane.mapper->SetInputData(plane.data);
    } else {
        plane.data->GetPointData()->GetScalars()->Modified();
        plane.data->Modified();
    }
    setImageToPatient(plane.matrix, grid.rightLps, grid.downLps, grid.normalLps(), grid.originLpsMm);
    plane.originLpsMm = grid.originLpsMm;
    plane.matrix->Modified();
    plane.property->SetColorWindow(std::max(window.width, 1e-3));
    plane.property->SetColorLevel(window.level);
    plane.slice->SetVisibility(p.planesVisible ? 1 : 0);
}

void VolumeRenderer3d::setPlanesVisible(bool visible)
{
    Private& p = *m_private;
    p.planesVisible = visible;
    for (PlaneSlice& plane : p.planes) {
        plane.slice->SetVisibility(visible && plane.image ? 1 : 0);
    }
}

bool VolumeRenderer3d::planesVisible() const
{
    return m_private->planesVisible;
}

void VolumeRenderer3d::setAnnotationDocument(
    const annotation::AnnotationDocument* document, const std::string& seriesUid)
{
    m_private->document = document;
    m_private->seriesUid = seriesUid;
    m_private->rebuildMarkers();
}

void VolumeRenderer3d::markOverlayChanged()
{
    m_private->rebuildMarkers();
}

int VolumeRenderer3d::markerCount() const
{
    return static_cast<int>(m_private->markers.size());
}

void VolumeRenderer3d::setViewportSize(int widthPx, int heightPx)
{
    m_private->viewportWidthPx = std::max(widthPx, 1);
    m_private->viewportHeightPx = std::max(heightPx, 1);
}

void VolumeRenderer3d::resetCamera(VolumeViewDirection direction)
{
    Private& p = *m_private;
    annotation::Vector3 centre;
    double radius = 100.0; // half the diagonal: nothing is clipped whatever the rotation
    double halfExtentMm = 100.0; // half the longest side: the volume fills the view
    if (p.volume) {
        const annotation::PatientBounds bounds = annotation::patientBounds(p.volume->geometry());
        const annotation::Vector3 extent = bounds.maximumLpsMm - bounds.minimumLpsMm;
        centre = bounds.centreLpsMm();
        radius = annotation::length(extent) / 2.0;
        halfExtentMm = std::max({ extent.x, extent.y, extent.z }) / 2.0;
    }
    // Looking from the named side towards the patient; superior up except when looking along S-I.
    annotation::Vector3 towardsCamera { 0.0, -1.0, 0.0 };
    annotation::Vector3 up { 0.0, 0.0, 1.0 };
    switch (direction) {
    case VolumeViewDirection::Anterior:
        towardsCamera = { 0.0, -1.0, 0.0 };
        break;
    case VolumeViewDirection::Posterior:
        towardsCamera = { 0.0, 1.0, 0.0 };
        break;
    case VolumeViewDirection::Left:
        towardsCamera = { 1.0, 0.0, 0.0 };
        break;
    case VolumeViewDirection::Right:
        towardsCamera = { -1.0, 0.0, 0.0 };
        break;
    case VolumeViewDirection::Superior:
        towardsCamera = { 0.0, 0.0, 1.0 };
        up = { 0.0, -1.0, 0.0 };
        break;
    case VolumeViewDirection::Inferior:
        towardsCamera = { 0.0, 0.0, -1.0 };
        up = { 0.0, -1.0, 0.0 };
        break;
    }
    vtkCamera* camera = p.renderer->GetActiveCamera();
    camera->ParallelProjectionOn();
    const annotation::Vector3 position = centre + towardsCamera * (radius * 4.0);
    camera->SetFocalPoint(centre.x, centre.y, centre.z);
    camera->SetPosition(position.x, position.y, position.z);
    camera->SetViewUp(up.x, up.y, up.z);
    camera->SetParallelScale(halfExtentMm * kViewMarginFactor);
    camera->SetClippingRange(radius, radius * 7.0);
}

void VolumeRenderer3d::rotate(double deltaXPx, double deltaYPx)
{
    Private& p = *m_private;
    vtkCamera* camera = p.renderer->GetActiveCamera();
    const double degreesPerPx = 180.0 / std::max(p.viewportHeightPx, 1);
    camera->Azimuth(-deltaXPx * degreesPerPx);
    camera->Elevation(deltaYPx * degreesPerPx);
    camera->OrthogonalizeViewUp();
    p.renderer->ResetCameraClippingRange();
}

void VolumeRenderer3d::zoomBy(double factor)
{
    if (factor > 0.0) {
        m_private->renderer->GetActiveCamera()->Zoom(factor);
    }
}

void VolumeRenderer3d::panBy(double deltaXPx, double deltaYPx)
{
    Private& p = *m_private;
    vtkCamera* camera = p.renderer->GetActiveCamera();
    const double mmPerPx = 2.0 * camera->GetParallelScale() / std::max(p.viewportHeightPx, 1);
    double up[3];
    camera->GetViewUp(up);
    double direction[3];
    camera->GetDirectionOfProjection(direction);
    const annotation::Vector3 upVector { up[0], up[1], up[2] };
    const annotation::Vector3 right
        = annotation::cross(annotation::Vector3 { direction[0], direction[1], direction[2] }, upVector);
    const annotation::Vector3 shift = right * (-deltaXPx * mmPerPx) + upVector * (deltaYPx * mmPerPx);
    double focal[3];
    double position[3];
    camera->GetFocalPoint(focal);
    camera->GetPosition(position);
    camera->SetFocalPoint(focal[0] + shift.x, focal[1] + shift.y, focal[2] + shift.z);
    camera->SetPosition(position[0] + shift.x, position[1] + shift.y, position[2] + shift.z);
}

void VolumeRenderer3d::setInteractive(bool interactive)
{
    const float sampleDistanceMm
        = static_cast<float>(m_private->stillSampleDistanceMm * (interactive ? kInteractiveSampleFactor : 1.0));
    m_private->mapper->SetSampleDistance(sampleDistanceMm);
    m_private->cpuMapper->SetSampleDistance(sampleDistanceMm);
    if (vtkRenderWindow* window = m_private->renderer->GetRenderWindow()) {
        window->SetDesiredUpdateRate(interactive ? 10.0 : 0.0001);
    }
}

std::pair<double, double> VolumeRenderer3d::displayPositionOf(const annotation::Vector3& pointLpsMm) const
{
    Private& p = *m_private;
    vtkRenderer* renderer = p.renderer;
    renderer->SetWorldPoint(pointLpsMm.x, pointLpsMm.y, pointLpsMm.z, 1.0);
    renderer->WorldToDisplay();
    double display[3];
    renderer->GetDisplayPoint(display);
    return { display[0], p.viewportHeightPx - display[1] };
}

void VolumeRenderer3d::setSoftwareOpenGl(bool software)
{
    m_private->softwareOpenGl = software;
    m_private->shadeComposite = !software;
    m_private->applyTransferFunctions();
    if (software) {
        m_private->prop->SetMapper(m_private->cpuMapper);
    } else {
        m_private->prop->SetMapper(m_private->mapper);
    }
}

bool VolumeRenderer3d::softwareOpenGl() const
{
    return m_private->softwareOpenGl;
}

std::string VolumeRenderer3d::lastRenderMode() const
{
    if (m_private->softwareOpenGl) {
        return m_private->volume ? "CPU ray cast" : "none";
    }
    switch (m_private->mapper->GetLastUsedRenderMode()) {
    case vtkSmartVolumeMapper::GPURenderMode:
        return "GPU ray cast";
    case vtkSmartVolumeMapper::RayCastRenderMode:
        return "CPU ray cast";
    default:
        return "none";
    }
}

vtkRenderer* VolumeRenderer3d::renderer() const
{
    return m_private->renderer;
}

} // namespace radmark::viewer
