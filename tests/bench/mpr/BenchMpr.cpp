// bench_mpr: moving the MPR crosshair (three 2D views re-rendered) and one 3D frame, on a 512x512x400
// CT volume under Xvfb, with the memory each step adds. Peers: VTK's own vtkImageReslice for the
// reslicing and VTK's CPU ray caster (vtkFixedPointVolumeRayCastMapper) for the 3D frame.
#include "../PerformanceReport.h"
#include "../Statistics.h"
#include "../slice_change/BenchVolume.h"

#include "radmark/annotation/PlaneResampler.h"
#include "radmark/viewer/MprPlaneRenderer.h"
#include "radmark/viewer/MprViewWidget.h"
#include "radmark/viewer/SliceViewWidget.h"
#include "radmark/viewer/SurfaceFormat.h"
#include "radmark/viewer/ViewerLayoutWidget.h"
#include "radmark/viewer/VolumeRenderer3d.h"
#include "radmark/viewer/VolumeViewWidget.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>

#include <vtkCamera.h>
#include <vtkColorTransferFunction.h>
#include <vtkFixedPointVolumeRayCastMapper.h>
#include <vtkImageData.h>
#include <vtkImageReslice.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkPiecewiseFunction.h>
#include <vtkPointData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkShortArray.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace radmark::bench {

namespace {

constexpr int kSlices = 400;
constexpr int kCrosshairSteps = 60;
constexpr int k3dFrames = 12;
constexpr int k3dSizePx = 512;

double residentMb(const char* field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field, 0) == 0) {
            std::istringstream values(line.substr(std::string(field).size()));
            double kilobytes = 0.0;
            values >> kilobytes;
            return kilobytes / 1024.0;
        }
    }
    return 0.0;
}

void showAndWait(QWidget& widget, int widthPx, int heightPx)
{
    widget.resize(widthPx, heightPx);
    widget.show();
    if (!QTest::qWaitForWindowExposed(&widget, 10000)) {
        throw std::runtime_error("the window was not exposed (no X display?)");
    }
    QApplication::processEvents();
}

std::string msText(const std::vector<double>& samples)
{
    return formatNumber(median(samples), 1) + " ms";
}

std::string msDetail(const std::vector<double>& samples)
{
    return "p95 " + formatNumber(percentile(samples, 0.95), 1) + " ms, max " + formatNumber(maximum(samples), 1)
        + " ms; " + std::to_string(samples.size()) + " samples";
}

// The volume as VTK image data without copying (peers only).
vtkSmartPointer<vtkImageData> shareWithVtk(const annotation::ImageVolume& volume)
{
    const annotation::ImageGeometry& g = volume.geometry();
    vtkNew<vtkShortArray> voxels;
    voxels->SetVoidArray(
        static_cast<short*>(const_cast<void*>(volume.data())), static_cast<vtkIdType>(volume.voxelCount()), 1);
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(g.columns, g.rows, g.slices);
    image->SetSpacing(g.columnSpacingMm, g.rowSpacingMm, g.sliceSpacingMm);
    const annotation::Vector3 origin = g.sliceOriginsLpsMm.front();
    image->SetOrigin(origin.x, origin.y, origin.z);
    image->GetPointData()->SetScalars(voxels);
    return image;
}

int run(int argc, char** argv)
{
    viewer::installDefaultSurfaceFormat();
    QApplication application(argc, argv);
    PerformanceReport report("mpr", "MPR crosshair and 3D frame, 512x512x400 CT (bench_mpr)", argc, argv);

    const double rssStartMb = residentMb("VmRSS:");
    const std::shared_ptr<annotation::ImageVolume> volume = makePhantomVolume(kSlices);
    const double volumeMb = static_cast<double>(volume->byteCount()) / (1024.0 * 1024.0);
    const double rssVolumeMb = residentMb("VmRSS:");
    const annotation::ImageGeometry& g = volume->geometry();

    // 1. Crosshair moves in the 1x3 layout: every step moves all three planes, then each view renders.
    std::vector<double> crosshairMs;
    double rssMprMb = 0.0;
    double planeImagesMb = 0.0;
    {
        auto* sliceView = new viewer::SliceViewWidget;
        viewer::ViewerLayoutWidget layout(sliceView);
        sliceView->setVolume(volume, {});
        layout.setVolume(volume, {});
        layout.setViewerLayout(viewer::ViewerLayout::ThreePlanes);
        showAndWait(layout, 1536, 560);
        const annotation::Vector3 start = layout.crosshair();
        std::vector<viewer::MprViewWidget*> views;
        for (auto o : { annotation::MprOrientation::Axial, annotation::MprOrientation::Coronal,
                 annotation::MprOrientation::Sagittal }) {
            views.push_back(layout.mprView(o));
        }
        QElapsedTimer timer;
        for (int step = -5; step < kCrosshairSteps; ++step) {
            const double s = step < 0 ? 0.0 : step;
            timer.start();
            layout.setCrosshair(start + annotation::Vector3 { 0.7 * s - 20.0, 0.5 * s - 15.0, 0.3 * s - 9.0 });
            for (viewer::MprViewWidget* view : views) {
                view->renderNow();
            }
            if (step >= 0) {
                crosshairMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
            }
        }
        rssMprMb = residentMb("VmRSS:");
        for (viewer::MprViewWidget* view : views) {
            planeImagesMb += static_cast<double>(view->planeRenderer().planeImage()->byteCount()) / (1024.0 * 1024.0);
        }
    }

    // 2. Reslicing alone: RadMark's PlaneResampler vs vtkImageReslice for the same coronal planes.
    std::vector<double> resliceMs;
    std::vector<double> vtkResliceMs;
    {
        auto shared = std::const_pointer_cast<const annotation::ImageVolume>(volume);
        const annotation::PlaneResampler resampler(shared);
        annotation::PlaneGrid grid
            = annotation::mprPlaneGrid(g, annotation::MprOrientation::Coronal, { 0.0, 0.0, 0.0 });
        auto image = resampler.makePlaneImage(grid);
        resliceMs = timeRuns(20, [&] {
            grid.originLpsMm.y += 0.4;
            resampler.resample(grid, *image);
        });
        for (double& seconds : resliceMs) {
            seconds *= 1000.0;
        }
        vtkSmartPointer<vtkImageData> data = shareWithVtk(*volume);
        vtkNew<vtkImageReslice> reslice;
        reslice->SetInputData(data);
        reslice->SetOutputDimensionality(2);
        reslice->SetInterpolationModeToLinear();
        vtkNew<vtkMatrix4x4> axes; // output x = +x, output y = +z (coronal), through y
        const double elements[16] = { 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1 };
        axes->DeepCopy(elements);
        reslice->SetResliceAxes(axes);
        double y = -30.0;
        vtkResliceMs = timeRuns(20, [&] {
            y += 0.4;
            axes->SetElement(1, 3, y);
            reslice->Modified();
            reslice->Update();
        });
        for (double& seconds : vtkResliceMs) {
            seconds *= 1000.0;
        }
    }

    // 3. One 3D frame at 512x512 (GPU ray caster of the smart mapper) after the first (texture upload).
    std::vector<double> frameMs;
    std::vector<double> interactiveMs;
    double firstFrameMs = 0.0;
    double rss3dMb = 0.0;
    std::string renderMode;
    {
        viewer::VolumeViewWidget view;
        view.volumeRenderer().setVolume(volume);
        view.volumeRenderer().setPreset(viewer::VolumePreset::CtBone);
        showAndWait(view, k3dSizePx, k3dSizePx);
        QElapsedTimer timer;
        timer.start();
        view.renderNow();
        firstFrameMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        for (int frame = 0; frame < k3dFrames; ++frame) {
            view.volumeRenderer().rotate(12.0, 4.0);
            timer.start();
            view.renderNow();
            frameMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
        view.volumeRenderer().setInteractive(true);
        for (int frame = 0; frame < k3dFrames; ++frame) {
            view.volumeRenderer().rotate(12.0, 4.0);
            timer.start();
            view.renderNow();
            interactiveMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
        renderMode = view.volumeRenderer().lastRenderMode();
        rss3dMb = residentMb("VmRSS:");
    }

    // Peer: VTK's CPU ray caster, same volume, same size, a bone-like transfer function.
    std::vector<double> peerFrameMs;
    {
        vtkSmartPointer<vtkImageData> data = shareWithVtk(*volume);
        vtkNew<vtkFixedPointVolumeRayCastMapper> mapper;
        mapper->SetInputData(data);
        mapper->SetAutoAdjustSampleDistances(0);
        vtkNew<vtkPiecewiseFunction> opacity;
        opacity->AddPoint(150.0, 0.0);
        opacity->AddPoint(1000.0, 0.85);
        vtkNew<vtkColorTransferFunction> colours;
        colours->AddRGBPoint(150.0, 0.55, 0.25, 0.15);
        colours->AddRGBPoint(1000.0, 1.0, 0.95, 0.85);
        vtkNew<vtkVolumeProperty> property;
        property->SetScalarOpacity(opacity);
        property->SetColor(colours);
        property->ShadeOff(); // as RadMark's 3D view on software OpenGL
        property->SetInterpolationTypeToLinear();
        vtkNew<vtkVolume> prop;
        prop->SetMapper(mapper);
        prop->SetProperty(property);
        vtkNew<vtkRenderer> renderer;
        renderer->AddVolume(prop);
        // The same camera as RadMark's 3D view: parallel, from the front, half height 1.1 x half the
        // longest side, so both cast rays through the same pixels.
        const annotation::PatientBounds bounds = annotation::patientBounds(g);
        const annotation::Vector3 centre = bounds.centreLpsMm();
        const annotation::Vector3 extent = bounds.maximumLpsMm - bounds.minimumLpsMm;
        vtkCamera* camera = renderer->GetActiveCamera();
        camera->ParallelProjectionOn();
        camera->SetFocalPoint(centre.x, centre.y, centre.z);
        camera->SetPosition(centre.x, centre.y - 1000.0, centre.z);
        camera->SetViewUp(0.0, 0.0, 1.0);
        camera->SetParallelScale(1.1 * std::max({ extent.x, extent.y, extent.z }) / 2.0);
        renderer->ResetCameraClippingRange();
        vtkNew<vtkRenderWindow> window;
        window->SetOffScreenRendering(1);
        window->SetSize(k3dSizePx, k3dSizePx);
        window->AddRenderer(renderer);
        window->Render();
        QElapsedTimer timer;
        for (int frame = 0; frame < 4; ++frame) {
            renderer->GetActiveCamera()->Azimuth(12.0);
            timer.start();
            window->Render();
            peerFrameMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
    }

    const double peakMb = residentMb("VmHWM:");
    const double fps = 1000.0 / median(crosshairMs);
    report.addNote("Data: a 512x512x400 Int16 CT volume (0.4 mm pixels, 0.5 mm slices, " + formatNumber(volumeMb, 0)
        + " MB) built in memory from RadMark's phantom.");
    report.addNote("Crosshair: `ViewerLayoutWidget` in the 1x3 layout (1536x560 window, three views of about "
                   "510x530 px); each step moves the crosshair in x, y and z (all three planes reslice), then each "
                   "view runs `renderNow()` (VTK render + blit + glFinish). 5 untimed steps, then "
        + std::to_string(kCrosshairSteps) + " timed.");
    report.addNote(
        "3D: `VolumeViewWidget` 512x512, CT bone preset (shaded with a GPU, unshaded on software OpenGL); the camera "
        "turns 12 degrees between "
        "frames; the first frame (set-up; with a GPU also the texture upload) is reported apart. Mapper used: "
        + renderMode + ".");
    report.addFigure("Crosshair move, three 2D views re-rendered, median", msText(crosshairMs),
        msDetail(crosshairMs) + "; " + formatNumber(fps, 1) + " frames/s");
    report.addFigure(
        "Coronal plane reslice (512x400 samples), `PlaneResampler`, median", msText(resliceMs), msDetail(resliceMs));
    report.addFigure("3D frame 512x512, full quality, median", msText(frameMs), msDetail(frameMs));
    report.addFigure(
        "3D frame 512x512 while rotating (coarser sampling), median", msText(interactiveMs), msDetail(interactiveMs));
    report.addFigure("3D first frame (set-up)", formatNumber(firstFrameMs, 0) + " ms");
    report.addFigure("Memory: volume", formatNumber(volumeMb, 0) + " MB",
        "RSS " + formatNumber(rssStartMb, 0) + " -> " + formatNumber(rssVolumeMb, 0) + " MB");
    report.addFigure("Voxels held by the three MPR views (their plane images)", formatNumber(planeImagesMb, 1) + " MB",
        "the volume itself is shared, not copied");
    report.addFigure("RSS added by the 1x3 layout (4 GL widgets)", formatNumber(rssMprMb - rssVolumeMb, 0) + " MB",
        "OpenGL contexts and framebuffers of Mesa llvmpipe, Qt widgets, VTK textures of the planes");
    report.addFigure("RSS added by the 3D view", formatNumber(rss3dMb - rssMprMb, 0) + " MB",
        renderMode == "CPU ray cast" ? "CPU ray caster, unshaded: no texture, no gradient cache"
                                     : "the OpenGL driver's 3D texture of the volume");
    report.addFigure("Peak RSS", formatNumber(peakMb, 0) + " MB");
    report.addPeerFigure(
        "vtkImageReslice, same coronal planes, linear, median", msText(vtkResliceMs), msDetail(vtkResliceMs));
    report.addPeerFigure(
        "vtkFixedPointVolumeRayCastMapper (VTK CPU ray caster) 512x512, same camera, default sampling, median",
        msText(peerFrameMs), msDetail(peerFrameMs));
    report.addRatio("PlaneResampler / vtkImageReslice (reslice time)", median(resliceMs) / median(vtkResliceMs));
    report.addRatio("RadMark 3D frame / VTK CPU ray caster frame", median(frameMs) / median(peerFrameMs));
    report.addTarget({ "crosshair frames/s >= 20", fps, 20.0, true, "frames/s" });
    report.addTarget({ "3D frame at 512x512 while rotating <= 250 ms (refined when still)", median(interactiveMs),
        250.0, false, "ms" });
    report.addTarget({ "3D full-quality frame at 512x512 <= 250 ms", median(frameMs), 250.0, false, "ms" });
    report.addTarget({ "voxels held by the MPR views < 1% of the volume (no copy per view)", planeImagesMb,
        volumeMb / 100.0, false, "MB" });
    report.addFinding("The GPU ray caster (vtkSmartVolumeMapper's default) works under Mesa llvmpipe but runs its "
                      "shader on the CPU: 30.8 s median per 512x512 shaded frame in this benchmark on 2026-11-22 "
                      "(load average 9). Through the smart mapper's own CPU mode the frame took about 3x the peer's "
                      "(0.56 s against 0.16 s; the smart mapper hands its CPU ray caster the input anew on every "
                      "render). So on software OpenGL (GL_RENDERER names llvmpipe, softpipe or SWR) the 3D view "
                      "draws with vtkFixedPointVolumeRayCastMapper directly, unshaded (VTK 9.1's CPU ray caster shaded "
                      "the presets far too dark); with a GPU driver it keeps vtkSmartVolumeMapper (GPU, shaded).");
    report.addFinding(
        "Figures vary about 2x between runs a few minutes apart while other builds share the cores: on 2026-11-22 the "
        "same binary gave 217 ms and 450 ms full-quality 3D frames and 21 and 15 crosshair frames/s.");
    report.addFinding("Crosshair frames: reslicing takes a few ms per plane (sagittal planes, read across rows, cost "
                      "most: about 10 ms in runs at load average 6); the rest is three llvmpipe renders. A drag inside "
                      "one view moves only two "
                      "planes; this benchmark moves all three. Other engineers' builds shared the 2 cores "
                      "(see the load average).");
    report.publish();
    return 0;
}

} // namespace

} // namespace radmark::bench

int main(int argc, char** argv)
{
    return radmark::bench::runBenchmarkMain("bench_mpr", radmark::bench::run, argc, argv);
}
