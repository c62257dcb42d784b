// The 3D view: orientation cube, a MIP window of its own, planes shown with every preset.
#include "MprTestSupport.h"
#include "ShowWidget.h"
#include "TestPaths.h"

#include "radmark/viewer/SliceViewWidget.h"
#include "radmark/viewer/ViewRender.h"
#include "radmark/viewer/ViewerLayoutWidget.h"
#include "radmark/viewer/VolumeRenderer3d.h"
#include "radmark/viewer/VolumeViewWidget.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QImage>

#include <algorithm>
#include <cmath>

using namespace radmark;
using namespace radmark::viewer;
using namespace radmark::viewer::testing;
namespace phantom = radmark::storage::orientation_phantom;

namespace {

constexpr int kSizePx = 300;

QImage render3d(const std::shared_ptr<const annotation::ImageVolume>& volume, const ViewRenderOptions& options,
    std::optional<annotation::WindowLevel> window = std::nullopt)
{
    SliceRenderRequest request;
    request.volume = volume;
    request.window = window;
    return renderSquareView(request, options, kSizePx, "radmark-3d-render");
}

// The colour of the orientation cube's letter facing the camera, in the lower-left corner (20 % of the view):
// the dominant channel of the saturated pixels there.
char cubeLetterColour(const QImage& image)
{
    int counts[3] = { 0, 0, 0 };
    const int size = static_cast<int>(kSizePx * 0.2);
    for (int y = kSizePx - size; y < kSizePx; ++y) {
        for (int x = 0; x < size; ++x) {
            const QRgb c = image.pixel(x, y);
            const int channel[3] = { qRed(c), qGreen(c), qBlue(c) };
            const int high = std::max({ channel[0], channel[1], channel[2] });
            const int low = std::min({ channel[0], channel[1], channel[2] });
            if (high - low > 60) {
                counts[channel[0] == high ? 0 : (channel[1] == high ? 1 : 2)] += 1;
            }
        }
    }
    const int best = static_cast<int>(std::max_element(counts, counts + 3) - counts);
    INFO("saturated pixels r/g/b: " << counts[0] << " " << counts[1] << " " << counts[2]);
    return counts[best] >= 15 ? "RGB"[best] : '?';
}

// The anterior camera is parallel, centred on the volume, its half height = 1.1 x the half longest side.
std::pair<int, int> anteriorScreen(const annotation::ImageVolume& volume, const annotation::Vector3& pointLpsMm)
{
    const annotation::PatientBounds bounds = annotation::patientBounds(volume.geometry());
    const annotation::Vector3 centre = bounds.centreLpsMm();
    const annotation::Vector3 extent = bounds.maximumLpsMm - bounds.minimumLpsMm;
    const double pxPerMm = (kSizePx / 2.0) / (std::max({ extent.x, extent.y, extent.z }) / 2.0 * 1.1);
    return { static_cast<int>(kSizePx / 2.0 + (pointLpsMm.x - centre.x) * pxPerMm),
        static_cast<int>(kSizePx / 2.0 - (pointLpsMm.z - centre.z) * pxPerMm) };
}

} // namespace

TEST_CASE("the 3D view carries an orientation cube that turns with the camera", "[viewer][3d][orientation]")
{
    const auto volume = loadOrientationPhantom();
    ViewRenderOptions options;
    options.view = RenderedView::Volume3d;
    options.preset = VolumePreset::CtBone;
    // R/L letters red, A/P green, S/I blue (3D Slicer's axis colours): the face towards the camera shows.
    options.direction = VolumeViewDirection::Anterior;
    CHECK(cubeLetterColour(render3d(volume, options)) == 'G');
    options.direction = VolumeViewDirection::Left;
    CHECK(cubeLetterColour(render3d(volume, options)) == 'R');
    options.direction = VolumeViewDirection::Superior;
    CHECK(cubeLetterColour(render3d(volume, options)) == 'B');
}

TEST_CASE("MIP uses a grey window of its own, not the narrow window of the slice views", "[viewer][3d][mip]")
{
    const auto volume = loadOrientationPhantom();
    const annotation::WindowLevel mipWindow = VolumeRenderer3d::defaultMipWindow(*volume);
    CHECK(mipWindow.width == Approx(1200.0)); // -200 .. 1000 HU (the phantom's brightest voxel)
    CHECK(mipWindow.level == Approx(400.0));

    ViewRenderOptions options;
    options.view = RenderedView::Volume3d;
    options.maximumIntensity = true;
    const QImage mip = render3d(volume, options);
    // Along the ray through x = -60 mm (the patient's right) only body (40 HU): grey (40 + 200) / 1200 * 255 = 51.
    const auto [rightX, rightY] = anteriorScreen(*volume, { -60.0, 0.0, 0.0 });
    CHECK(std::abs(qGray(mip.pixel(rightX, rightY)) - 51) <= 5);
    const auto [leftX, leftY] = anteriorScreen(*volume, phantom::leftMarkerLpsMm);
    CHECK(qGray(mip.pixel(leftX, leftY)) >= 250);

    // In the GUI: a narrow window in the slice view leaves the MIP's window alone.
    auto* sliceView = new SliceViewWidget;
    ViewerLayoutWidget layout(sliceView);
    sliceView->setVolume(volume, {});
    layout.setVolume(volume, {});
    sliceView->setWindowLevel({ 80.0, 40.0 });
    const annotation::WindowLevel shown = layout.volumeView()->volumeRenderer().mipWindow();
    CHECK(shown.width == Approx(mipWindow.width));
    CHECK(shown.level == Approx(mipWindow.level));
}

TEST_CASE("planes in 3D show with the bone preset and inside opaque presets", "[viewer][3d][planes]")
{
    const auto volume = loadOrientationPhantom();
    ViewRenderOptions options;
    options.view = RenderedView::Volume3d;
    options.preset = VolumePreset::CtBone;
    options.showPlanes = true;
    const QImage image = render3d(volume, options, annotation::WindowLevel { 2000.0, 0.0 });
    // Seen from the front the coronal plane through the centre faces the camera: at x = -60 mm the bone
    // preset makes the body transparent, so the plane's body grey (133 in window 2000 / 0) must show.
    const auto [x, y] = anteriorScreen(*volume, { -60.0, 0.0, 20.0 });
    CHECK(std::abs(qGray(image.pixel(x, y)) - 133) <= 8);

    // With an opaque preset the octant between the planes' crossing and the camera is cut away, so the planes
    // show inside the body instead of behind it: from the front (a tie on x and z cuts the left-superior
    // octant, on the screen's upper right) the coronal plane's body grey shows there, unshaded.
    options.preset = VolumePreset::CtSoftTissue;
    const QImage soft = render3d(volume, options, annotation::WindowLevel { 2000.0, 0.0 });
    const auto [cutX, cutY] = anteriorScreen(*volume, { 30.0, 0.0, 30.0 });
    CHECK(std::abs(qGray(soft.pixel(cutX, cutY)) - 133) <= 8);
    CHECK(std::abs(qRed(soft.pixel(cutX, cutY)) - qBlue(soft.pixel(cutX, cutY))) <= 6); // grey, not the preset's colour
    // Elsewhere the body is rendered in front of the plane in the preset's colours.
    const auto [keptX, keptY] = anteriorScreen(*volume, { -30.0, 0.0, -30.0 });
    CHECK(qRed(soft.pixel(keptX, keptY)) - qBlue(soft.pixel(keptX, keptY)) > 10);
}

TEST_CASE("in the 2x2 layout the planes show in 3D with the bone preset chosen in the toolbar", "[viewer][3d][planes]")
{
    const auto volume = loadOrientationPhantom();
    auto* sliceView = new SliceViewWidget;
    ViewerLayoutWidget layout(sliceView);
    sliceView->setVolume(volume, {});
    layout.setVolume(volume, {});
    layout.setViewerLayout(ViewerLayout::PlanesAnd3d);
    radmark::testing::showAndWait(layout);
    sliceView->setWindowLevel({ 2000.0, 0.0 });
    QComboBox* presets = layout.findChild<QComboBox*>();
    REQUIRE(presets != nullptr);
    const int bone = presets->findText(QString::fromUtf8(volumePresetName(VolumePreset::CtBone)));
    REQUIRE(bone >= 0);
    presets->setCurrentIndex(bone);
    QMetaObject::invokeMethod(presets, "activated", Q_ARG(int, bone));
    CHECK(layout.volumeView()->volumeRenderer().preset() == VolumePreset::CtBone);
    CHECK(layout.volumeView()->volumeRenderer().planesVisible());
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 1500) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    // Pixels with the grey of the body on a plane: the coronal plane faces the camera.
    auto planePixels = [&](int grey) {
        const QImage frame = layout.volumeView()->grabFramebuffer();
        int count = 0;
        for (int y = 0; y < frame.height(); y += 2) {
            for (int x = 0; x < frame.width(); x += 2) {
                const QRgb c = frame.pixel(x, y);
                count += std::abs(qRed(c) - grey) <= 8 && std::abs(qGreen(c) - grey) <= 8
                    && std::abs(qBlue(c) - grey) <= 8;
            }
        }
        return count * 4.0 / (frame.width() * frame.height());
    };
    CHECK(planePixels(133) > 0.05); // window 2000 / 0: body (40 HU) at 133

    // A window preset in the slice view (e.g. Bone) reaches the planes in 3D as well.
    sliceView->setWindowLevel({ 4000.0, 1000.0 }); // body at (40 - 1000 + 2000) / 4000 * 255 = 66
    timer.restart();
    while (timer.elapsed() < 1500) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    CHECK(planePixels(66) > 0.05);
    CHECK(planePixels(133) < 0.01);
}
