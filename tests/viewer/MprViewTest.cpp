#include "MprTestSupport.h"
#include "ShowWidget.h"
#include "TestVolumes.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/PlaneResampler.h"
#include "radmark/viewer/MprPlaneRenderer.h"
#include "radmark/viewer/MprViewWidget.h"
#include "radmark/viewer/SliceViewWidget.h"
#include "radmark/viewer/ViewRender.h"
#include "radmark/viewer/ViewerLayoutWidget.h"
#include "radmark/viewer/VolumeRenderer3d.h"

#include <QAction>
#include <QApplication>
#include <QImage>
#include <QMouseEvent>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace radmark;
using namespace radmark::viewer;
using namespace radmark::viewer::testing;
namespace phantom = radmark::storage::orientation_phantom;

namespace {

constexpr int kSizePx = 300;
// Window 2000 / level 0: grey = (HU + 1000) / 2000 * 255.
const annotation::WindowLevel kWindow { 2000.0, 0.0 };
constexpr int kLeftGrey = 255; // 1000 HU
constexpr int kAnteriorGrey = 204; // 600 HU
constexpr int kSuperiorGrey = 166; // 300 HU
constexpr int kBodyGrey = 133; // 40 HU

ViewRenderOptions viewOf(RenderedView view)
{
    ViewRenderOptions options;
    options.view = view;
    return options;
}

QImage renderView(const std::shared_ptr<const annotation::ImageVolume>& volume, const ViewRenderOptions& options,
    const annotation::AnnotationDocument* document = nullptr, const std::string& seriesUid = {})
{
    SliceRenderRequest request;
    request.volume = volume;
    request.window = kWindow;
    request.annotationDocument = document;
    request.seriesUid = seriesUid;
    return renderSquareView(request, options, kSizePx, "radmark-mpr-render");
}

// A renderer showing the plane renderViewToPng draws by default (the middle plane), to compute where
// patient points land on screen.
std::unique_ptr<MprPlaneRenderer> middlePlane(
    const std::shared_ptr<const annotation::ImageVolume>& volume, annotation::MprOrientation orientation)
{
    auto plane = std::make_unique<MprPlaneRenderer>(orientation);
    plane->setViewportSize(kSizePx, kSizePx);
    plane->setResampler(std::make_shared<annotation::PlaneResampler>(volume));
    const annotation::ImageGeometry& g = volume->geometry();
    annotation::Vector3 through = plane->crosshair();
    const int axis = annotation::mprNormalAxis(orientation);
    const double position
        = annotation::mprPlanePositionMm(g, orientation, annotation::mprPlaneCount(g, orientation) / 2);
    (axis == 0 ? through.x : axis == 1 ? through.y : through.z) = position;
    plane->setCrosshair(through);
    plane->fitToViewport();
    return plane;
}

annotation::Vector3 onPlane(const MprPlaneRenderer& plane, annotation::Vector3 point)
{
    const int axis = annotation::mprNormalAxis(plane.orientation());
    (axis == 0 ? point.x : axis == 1 ? point.y : point.z) = plane.crosshair()[axis];
    return point;
}

int greyAt(const QImage& image, const std::pair<double, double>& position)
{
    return qGray(image.pixel(static_cast<int>(position.first), static_cast<int>(position.second)));
}

void checkPhantomPlanes(const std::shared_ptr<const annotation::ImageVolume>& volume)
{
    const double half = kSizePx / 2.0;
    {
        const QImage axial = renderView(volume, viewOf(RenderedView::Axial));
        const auto plane = middlePlane(volume, annotation::MprOrientation::Axial);
        const auto left = plane->displayPositionOf(onPlane(*plane, phantom::leftMarkerLpsMm));
        const auto right = plane->displayPositionOf(onPlane(*plane, { -60.0, 0.0, 0.0 }));
        const auto anterior = plane->displayPositionOf(onPlane(*plane, phantom::anteriorMarkerLpsMm));
        // Radiological axial: the patient's left on the screen's right, anterior at the top.
        CHECK(left.first > half + 50);
        CHECK(anterior.second < half - 40);
        CHECK(greyAt(axial, left) >= kLeftGrey - 3);
        CHECK(std::abs(greyAt(axial, right) - kBodyGrey) <= 3);
        CHECK(std::abs(greyAt(axial, anterior) - kAnteriorGrey) <= 3);
        CHECK(plane->edgeLabels().right == "L");
        CHECK(plane->edgeLabels().top == "A");
    }
    {
        const QImage coronal = renderView(volume, viewOf(RenderedView::Coronal));
        const auto plane = middlePlane(volume, annotation::MprOrientation::Coronal);
        const auto left = plane->displayPositionOf(onPlane(*plane, phantom::leftMarkerLpsMm));
        const auto superior = plane->displayPositionOf(onPlane(*plane, phantom::superiorMarkerLpsMm));
        // Coronal from the front: left on the right, superior at the top.
        CHECK(left.first > half + 50);
        CHECK(superior.second < half - 40);
        CHECK(greyAt(coronal, left) >= kLeftGrey - 3);
        CHECK(std::abs(greyAt(coronal, superior) - kSuperiorGrey) <= 3);
        CHECK(plane->edgeLabels().left == "R");
        CHECK(plane->edgeLabels().top == "S");
        CHECK(plane->edgeLabels().bottom == "I");
    }
    {
        const QImage sagittal = renderView(volume, viewOf(RenderedView::Sagittal));
        const auto plane = middlePlane(volume, annotation::MprOrientation::Sagittal);
        const auto anterior = plane->displayPositionOf(onPlane(*plane, phantom::anteriorMarkerLpsMm));
        const auto posterior = plane->displayPositionOf(onPlane(*plane, { 0.0, 45.0, 0.0 }));
        const auto superior = plane->displayPositionOf(onPlane(*plane, phantom::superiorMarkerLpsMm));
        // Sagittal from the left: anterior on the screen's left, superior at the top.
        CHECK(anterior.first < half - 40);
        CHECK(superior.second < half - 40);
        CHECK(std::abs(greyAt(sagittal, anterior) - kAnteriorGrey) <= 3);
        CHECK(std::abs(greyAt(sagittal, posterior) - kBodyGrey) <= 3);
        CHECK(std::abs(greyAt(sagittal, superior) - kSuperiorGrey) <= 3);
        CHECK(plane->edgeLabels().left == "A");
        CHECK(plane->edgeLabels().right == "P");
    }
}

} // namespace

TEST_CASE(
    "MPR views show the phantom's markers on the patient's left, anterior and superior sides", "[viewer][mpr][render]")
{
    checkPhantomPlanes(loadOrientationPhantom());
}

TEST_CASE("a gantry-tilted acquisition is resliced onto true patient planes", "[viewer][mpr][render]")
{
    const auto tilted = loadOrientationPhantom(20.0);
    REQUIRE(tilted->geometry().stackDirectionLps().y > 0.3);
    checkPhantomPlanes(tilted);
}

TEST_CASE("very anisotropic voxels (0.6 mm pixels, 5 mm slices) keep their aspect in the coronal view",
    "[viewer][mpr][render]")
{
    // A 30 mm cube of 1000 in a 60 x 60 x 100 mm volume.
    const auto volume = makeInt16Volume(
        100, 100, 20, 0.6, 0.6,
        [](int i, int, int k) {
            const double x = -29.7 + 0.6 * i;
            const double z = -47.5 + 5.0 * k;
            return std::abs(x) < 15.0 && std::abs(z) < 15.0 ? 1000 : 0;
        },
        { -29.7, -29.7, -47.5 }, 5.0);
    const QImage image = renderView(volume, viewOf(RenderedView::Coronal));
    const auto plane = middlePlane(volume, annotation::MprOrientation::Coronal);
    const auto centre = plane->displayPositionOf(onPlane(*plane, { 0.0, 0.0, 0.0 }));
    // Half way between 0 (grey 127.5) and 1000 (grey 255): the edge of the cube after interpolation.
    const int edgeGrey = 191;
    int widthPx = 0;
    int heightPx = 0;
    for (int x = 0; x < kSizePx; ++x) {
        widthPx += qGray(image.pixel(x, static_cast<int>(centre.second))) > edgeGrey ? 1 : 0;
    }
    for (int y = 0; y < kSizePx; ++y) {
        heightPx += qGray(image.pixel(static_cast<int>(centre.first), y)) > edgeGrey ? 1 : 0;
    }
    const double expectedPx = 30.0 * plane->pixelsPerMm();
    CHECK(plane->planeGrid().rowSpacingMm == Approx(5.0));
    CHECK(std::abs(widthPx - expectedPx) <= 3.0);
    CHECK(std::abs(heightPx - expectedPx) <= 3.0);
}

TEST_CASE("the 3D view renders the phantom with the patient's left on the right when seen from the front",
    "[viewer][mpr][3d]")
{
    const auto volume = loadOrientationPhantom();
    ViewRenderOptions options;
    options.view = RenderedView::Volume3d;
    options.preset = VolumePreset::CtBone;
    const QImage image = renderView(volume, options);

    // The anterior camera is parallel, centred on the volume, its half height = 1.1 x the half longest side.
    const annotation::PatientBounds bounds = annotation::patientBounds(volume->geometry());
    const annotation::Vector3 centre = bounds.centreLpsMm();
    const annotation::Vector3 extent = bounds.maximumLpsMm - bounds.minimumLpsMm;
    const double pxPerMm = (kSizePx / 2.0) / (std::max({ extent.x, extent.y, extent.z }) / 2.0 * 1.1);
    auto screen = [&](const annotation::Vector3& p) {
        return std::pair<double, double> { kSizePx / 2.0 + (p.x - centre.x) * pxPerMm,
            kSizePx / 2.0 - (p.z - centre.z) * pxPerMm };
    };
    const QRgb background = qRgb(20, 20, 26);
    int drawn = 0;
    for (int y = 0; y < kSizePx; ++y) {
        for (int x = 0; x < kSizePx; ++x) {
            drawn += near(image.pixel(x, y), qRed(background), qGreen(background), qBlue(background), 6) ? 0 : 1;
        }
    }
    CHECK(drawn > 300);
    const auto left = screen(phantom::leftMarkerLpsMm);
    const auto mirrored = screen({ -phantom::leftMarkerLpsMm.x, 0.0, 0.0 });
    const auto superior = screen(phantom::superiorMarkerLpsMm);
    CHECK(left.first > kSizePx / 2.0);
    // Bone preset: the 1000 HU marker is opaque and bright, the soft tissue (40 HU) transparent.
    CHECK(qGray(image.pixel(static_cast<int>(left.first), static_cast<int>(left.second))) > 120);
    CHECK(near(image.pixel(static_cast<int>(mirrored.first), static_cast<int>(mirrored.second)), 20, 20, 26, 6));
    CHECK(qGray(image.pixel(static_cast<int>(superior.first), static_cast<int>(superior.second))) > 40);

    // Maximum-intensity projection: grey levels of the window along each ray.
    options.maximumIntensity = true;
    const QImage mip = renderView(volume, options);
    CHECK(qGray(mip.pixel(static_cast<int>(left.first), static_cast<int>(left.second))) >= kLeftGrey - 5);
    CHECK(std::abs(qGray(mip.pixel(static_cast<int>(mirrored.first), static_cast<int>(mirrored.second))) - kBodyGrey)
        <= 5);
}

TEST_CASE("clicking in one MPR view moves the crosshair, the other views draw their lines through it",
    "[viewer][mpr][crosshair]")
{
    const auto volume = loadOrientationPhantom();
    auto* sliceView = new SliceViewWidget;
    ViewerLayoutWidget layout(sliceView);
    sliceView->setVolume(volume, {});
    layout.setVolume(volume, {});
    layout.setViewerLayout(ViewerLayout::ThreePlanes);
    radmark::testing::showAndWait(layout);

    MprViewWidget* axial = layout.mprView(annotation::MprOrientation::Axial);
    const annotation::Vector3 target { 30.0, -20.0, layout.crosshair().z };
    const auto [deviceX, deviceY] = axial->planeRenderer().displayPositionOf(target);
    const double ratio = axial->devicePixelRatioF();
    const QPointF local(deviceX / ratio, deviceY / ratio);
    QMouseEvent press(
        QEvent::MouseButtonPress, local, axial->mapToGlobal(local), Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(axial, &press);
    QMouseEvent release(
        QEvent::MouseButtonRelease, local, axial->mapToGlobal(local), Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(axial, &release);

    const double toleranceMm = 1.0 / axial->planeRenderer().pixelsPerMm();
    CHECK(layout.crosshair().x == Approx(30.0).margin(toleranceMm));
    CHECK(layout.crosshair().y == Approx(-20.0).margin(toleranceMm));
    CHECK(layout.crosshair().z == Approx(target.z));

    // Coronal view (plane y = -20): the sagittal plane's line (blue) at x = 30, the axial plane's (red) at z.
    MprViewWidget* coronal = layout.mprView(annotation::MprOrientation::Coronal);
    CHECK(coronal->planeRenderer().crosshair().y == Approx(layout.crosshair().y));
    const QImage coronalImage = coronal->grabFramebuffer();
    const auto [cx, cy] = coronal->planeRenderer().displayPositionOf(layout.crosshair());
    const auto sagittalColour = mprPlaneColour(annotation::MprOrientation::Sagittal);
    const auto axialColour = mprPlaneColour(annotation::MprOrientation::Axial);
    auto byte = [](double channel) { return static_cast<int>(std::lround(channel * 255.0)); };
    CHECK(colourNear(
        coronalImage, cx, 4.0, 1, byte(sagittalColour[0]), byte(sagittalColour[1]), byte(sagittalColour[2]), 12));
    CHECK(colourNear(coronalImage, 4.0, cy, 1, byte(axialColour[0]), byte(axialColour[1]), byte(axialColour[2]), 12));
    // ...and not somewhere else: 20 px to the side of the line there is no line colour.
    CHECK_FALSE(colourNear(coronalImage, cx + 20.0, 4.0, 1, byte(sagittalColour[0]), byte(sagittalColour[1]),
        byte(sagittalColour[2]), 12));

    // Sagittal view (plane x = 30): the coronal plane's line (green) at y = -20.
    MprViewWidget* sagittal = layout.mprView(annotation::MprOrientation::Sagittal);
    const QImage sagittalImage = sagittal->grabFramebuffer();
    const auto [sx, sy] = sagittal->planeRenderer().displayPositionOf(layout.crosshair());
    const auto coronalColour = mprPlaneColour(annotation::MprOrientation::Coronal);
    CHECK(sx < sagittal->deviceWidthPx() / 2.0); // anterior (y < 0) on the left
    CHECK(colourNear(
        sagittalImage, sx, 4.0, 1, byte(coronalColour[0]), byte(coronalColour[1]), byte(coronalColour[2]), 12));

    // Back to 1x1: the slice view shows the acquired slice nearest to the crosshair.
    layout.setViewerLayout(ViewerLayout::Single);
    CHECK(sliceView->sliceIndex()
        == static_cast<int>(std::lround(volume->geometry().patientToVoxel(layout.crosshair()).k)));
}

TEST_CASE("window/level is linked across the views unless unlinked", "[viewer][mpr]")
{
    const auto volume = loadOrientationPhantom();
    auto* sliceView = new SliceViewWidget;
    ViewerLayoutWidget layout(sliceView);
    sliceView->setVolume(volume, {});
    layout.setVolume(volume, {});
    layout.setViewerLayout(ViewerLayout::PlanesAnd3d);
    sliceView->setWindowLevel({ 350.0, 50.0 });
    for (auto orientation : { annotation::MprOrientation::Axial, annotation::MprOrientation::Coronal,
             annotation::MprOrientation::Sagittal }) {
        CHECK(layout.mprView(orientation)->planeRenderer().windowLevel().width == 350.0);
    }
    layout.setWindowLevelLinked(false);
    sliceView->setWindowLevel({ 1500.0, -600.0 });
    CHECK(layout.mprView(annotation::MprOrientation::Coronal)->planeRenderer().windowLevel().width == 350.0);
}

TEST_CASE("lesion marks appear where they cross the other planes and as markers in 3D", "[viewer][mpr][marks]")
{
    const auto volume = loadOrientationPhantom();
    const annotation::ImageGeometry& g = volume->geometry();
    annotation::LesionMark mark;
    mark.id = "3f2b8c1e-7a4d-4e0b-9c55-0e1f2a3b4c5d";
    mark.slice.seriesUid = "1.2.826.0.1";
    mark.slice.sliceIndex = 23;
    mark.plane = annotation::SlicePlane::fromGeometry(g, 23);
    const annotation::PixelSegment segment { { 70.0, 50.0 }, { 90.0, 80.0 } };
    mark.shape = annotation::LineMark { segment };
    annotation::AnnotationDocument document { annotation::Author { "Tester", annotation::AuthorRole::Radiologist } };
    document.reset({ mark });

    const auto plane = middlePlane(volume, annotation::MprOrientation::Coronal);
    plane->setAnnotationDocument(&document, "1.2.826.0.1");
    REQUIRE(plane->drawnMarkShapeCount() == 1);
    // Where the line crosses the coronal plane, a yellow cross is drawn.
    const annotation::Vector3 a = mark.plane.toPatient(segment.start);
    const annotation::Vector3 b = mark.plane.toPatient(segment.end);
    const double t = (plane->crosshair().y - a.y) / (b.y - a.y);
    REQUIRE(t > 0.0);
    REQUIRE(t < 1.0);
    const auto crossing = plane->displayPositionOf(a + (b - a) * t);
    const QImage image = renderView(volume, viewOf(RenderedView::Coronal), &document, "1.2.826.0.1");
    CHECK(colourNear(image, crossing.first + 3.0, crossing.second, 1, 255, 217, 51, 25));
    CHECK(colourNear(image, crossing.first, crossing.second - 3.0, 1, 255, 217, 51, 25));

    VolumeRenderer3d scene;
    scene.setVolume(volume);
    scene.setAnnotationDocument(&document, "1.2.826.0.1");
    CHECK(scene.markerCount() == 1);
    scene.setAnnotationDocument(&document, "another series");
    CHECK(scene.markerCount() == 0);
}

TEST_CASE("single-slice and colour series keep the slice view and say why MPR and 3D are off", "[viewer][mpr]")
{
    auto* sliceView = new SliceViewWidget;
    ViewerLayoutWidget layout(sliceView);
    const auto single = makeInt16Volume(32, 32, 1, 1.0, 1.0, [](int, int, int) { return 0; });
    sliceView->setVolume(single, {});
    layout.setVolume(single, {});
    CHECK(layout.mprUnavailableReason().contains("single slice"));
    CHECK_FALSE(layout.layoutActions()[1]->isEnabled());
    CHECK_FALSE(layout.layoutActions()[2]->isEnabled());
    layout.setViewerLayout(ViewerLayout::PlanesAnd3d);
    CHECK(layout.viewerLayout() == ViewerLayout::Single);

    SliceRenderRequest request;
    request.volume = single;
    std::string error;
    const std::string png = radmark::testing::makeTemporaryFolder("radmark-mpr-refused") + "/view.png";
    CHECK_FALSE(renderViewToPng(request, viewOf(RenderedView::Coronal), png, &error));
    CHECK(error.find("single slice") != std::string::npos);

    const annotation::ImageGeometry colourGeometry
        = annotation::ImageGeometry::regular(16, 16, 3, 1.0, 1.0, {}, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 });
    auto colour = std::make_shared<annotation::ImageVolume>(colourGeometry, annotation::VoxelType::Rgb8);
    layout.setVolume(colour, {});
    CHECK(layout.mprUnavailableReason().contains("colour"));
}
