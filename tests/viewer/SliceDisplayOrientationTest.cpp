// The 1x1 slice view shows every acquisition in the radiological orientation (anterior up, the patient's
// right on the screen's left) whatever the storage order, while marks stay in stored pixels.
#include "OrientationPhantomFiles.h"
#include "RenderedSliceImage.h"
#include "ShowWidget.h"
#include "TestPaths.h"
#include "TestVolumes.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/LineTool.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/viewer/OffscreenRender.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QImage>
#include <QMouseEvent>

#include <cmath>
#include <string>
#include <vector>

using namespace radmark;
using namespace radmark::viewer;
using namespace radmark::testing::orientation_files;

namespace {

// Window 2000 / level 0: the left marker (1000 HU) is white, the anterior one (600 HU) 204, the body 133.
constexpr int kLeftGrey = 255;
constexpr int kAnteriorGrey = 204;
constexpr int kBodyGrey = 133;
constexpr int kViewPx = 256;

std::shared_ptr<const annotation::ImageVolume> loadNifti(int xSign, int ySign)
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-orientation-nifti");
    const std::string path = folder + (xSign > 0 ? "/ras.nii" : "/lps.nii");
    writePhantomNifti(path, xSign, ySign);
    return storage::loadSeriesFiles({ path }).volume;
}

std::shared_ptr<const annotation::ImageVolume> loadDicom(const storage::SyntheticSeriesSpec& spec)
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-orientation-dicom");
    const auto written = storage::writeSyntheticSeries(spec, folder + "/series");
    return storage::loadSeriesFiles(written.filePaths).volume;
}

int greyAt(const QImage& image, double x, double y)
{
    return qGray(image.pixel(static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y))));
}

// The volume's middle slice rendered kViewPx x kViewPx in window 2000 / level 0 without the text overlay, as
// `radmark render` writes it (to `<temporary folder>/<name>.png`), and read back.
QImage renderMiddleSlice(const std::shared_ptr<const annotation::ImageVolume>& volume, const std::string& name)
{
    REQUIRE(volume);
    SliceRenderRequest request;
    request.volume = volume;
    request.widthPx = kViewPx;
    request.heightPx = kViewPx;
    request.window = annotation::WindowLevel { 2000.0, 0.0 };
    request.showOverlay = false;
    return radmark::viewer::testing::renderSliceImage(request, "radmark-orientation-png", name + ".png");
}

// The middle slice (z = +2 mm) rendered 256 x 256 as `radmark render` and the 1x1 view draw it: the volume is
// 192 mm wide, so 256 / 192 px per mm about the centre (128, 128).
void checkRadiologicalAxial(const std::shared_ptr<const annotation::ImageVolume>& volume, const std::string& name)
{
    INFO(name);
    const QImage image = renderMiddleSlice(volume, name);
    REQUIRE(image.width() == kViewPx);
    const double pxPerMm = kViewPx / 192.0;
    const double centre = kViewPx / 2.0;
    // The patient's left (+x LPS) on the screen's right, the right on the left.
    CHECK(greyAt(image, centre + 60.0 * pxPerMm, centre) >= kLeftGrey - 3);
    CHECK(std::abs(greyAt(image, centre - 60.0 * pxPerMm, centre) - kBodyGrey) <= 3);
    // Anterior (-y LPS) at the top, posterior at the bottom.
    CHECK(std::abs(greyAt(image, centre, centre - 45.0 * pxPerMm) - kAnteriorGrey) <= 3);
    CHECK(std::abs(greyAt(image, centre, centre + 45.0 * pxPerMm) - kBodyGrey) <= 3);

    SliceRenderer renderer;
    renderer.setVolume(volume);
    CHECK(renderer.edgeLabels().left == "R");
    CHECK(renderer.edgeLabels().right == "L");
    CHECK(renderer.edgeLabels().top == "A");
    CHECK(renderer.edgeLabels().bottom == "P");
}

void sendMouse(QWidget& widget, QEvent::Type type, QPointF positionPx, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, positionPx, widget.mapToGlobal(positionPx), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(&widget, &event);
}

} // namespace

TEST_CASE(
    "a RAS-stored NIfTI volume is shown with anterior up and the patient's right on the left", "[viewer][orientation]")
{
    const auto volume = loadNifti(+1, +1);
    REQUIRE(volume->geometry().rowDirectionLps.x == Approx(-1.0)); // stored towards the patient's right
    checkRadiologicalAxial(volume, "ras-nifti");
}

TEST_CASE("an LPS-stored NIfTI volume is shown the same way", "[viewer][orientation]")
{
    const auto volume = loadNifti(-1, -1);
    REQUIRE(volume->geometry().rowDirectionLps.x == Approx(1.0));
    checkRadiologicalAxial(volume, "lps-nifti");
}

TEST_CASE("DICOM series with mirrored or transposed rows and columns are shown the same way", "[viewer][orientation]")
{
    checkRadiologicalAxial(loadDicom(radmark::storage::orientation_phantom::seriesSpec()), "dicom-supine");
    checkRadiologicalAxial(loadDicom(flippedSeriesSpec()), "dicom-flipped");
    checkRadiologicalAxial(loadDicom(transposedSeriesSpec()), "dicom-transposed");
}

TEST_CASE("a coronal DICOM series stored with mirrored rows and columns is shown with superior up and the "
          "patient's right on the left",
    "[viewer][orientation]")
{
    const auto volume = loadDicom(flippedCoronalSeriesSpec());
    const QImage image = renderMiddleSlice(volume, "coronal");
    const double pxPerMm = kViewPx / 192.0;
    const double centre = kViewPx / 2.0;
    CHECK(greyAt(image, centre + 60.0 * pxPerMm, centre) >= kLeftGrey - 3); // left marker, right side
    CHECK(std::abs(greyAt(image, centre - 60.0 * pxPerMm, centre) - kBodyGrey) <= 3);
    CHECK(std::abs(greyAt(image, centre, centre - 60.0 * pxPerMm) - 166) <= 3); // superior marker (300 HU) up
    CHECK(std::abs(greyAt(image, centre, centre + 60.0 * pxPerMm) - kBodyGrey) <= 3);
    SliceRenderer renderer;
    renderer.setVolume(volume);
    CHECK(renderer.edgeLabels().left == "R");
    CHECK(renderer.edgeLabels().top == "S");
    CHECK(renderer.edgeLabels().bottom == "I");
}

TEST_CASE("on a RAS-stored volume a line drawn with the mouse lands on the stored pixels under it, the hover readout "
          "names them",
    "[viewer][orientation][marks]")
{
    const auto volume = loadNifti(+1, +1);
    SliceViewWidget widget;
    annotation::AnnotationDocument document { annotation::Author { "Tester", annotation::AuthorRole::Radiologist } };
    radmark::testing::showAndWait(widget); // 1024 x 1024
    widget.setVolume(volume, SliceOverlayText {});
    widget.setWindowLevel({ 2000.0, 0.0 });
    const std::string seriesUid = "1.2.3.4";
    widget.setSliceReferences(seriesUid, std::vector<std::string>(kSlices, ""), std::vector<int>(kSlices, 0));
    widget.setAnnotationDocument(&document);
    document.addObserver([&widget](const annotation::DocumentChange&) { widget.markOverlayChanged(); });
    annotation::LineTool tool(document);
    widget.setActiveTool(&tool);
    QString readout;
    QObject::connect(&widget, &SliceViewWidget::hoverReadoutChanged, [&](const QString& text) { readout = text; });

    // 128 pixels of 1.5 mm fitted into 1024 px: 8 screen px per pixel, display pixel 63.5 at the centre (512).
    // Screen (672, 592) is display pixel (83.5, 73.5); mirrored both ways that is stored (43.5, 53.5).
    REQUIRE(widget.width() == 1024);
    sendMouse(widget, QEvent::MouseMove, { 672.0, 592.0 }, Qt::NoButton, Qt::NoButton);
    CHECK(readout.startsWith("(44, 54)")); // rounded stored column, row
    sendMouse(widget, QEvent::MouseButtonPress, { 672.0, 592.0 }, Qt::LeftButton, Qt::LeftButton);
    sendMouse(widget, QEvent::MouseMove, { 712.0, 592.0 }, Qt::NoButton, Qt::LeftButton);
    sendMouse(widget, QEvent::MouseMove, { 752.0, 592.0 }, Qt::NoButton, Qt::LeftButton);
    sendMouse(widget, QEvent::MouseButtonRelease, { 752.0, 592.0 }, Qt::LeftButton, Qt::NoButton);
    REQUIRE(document.marks().size() == 1);
    const auto& line = std::get<annotation::LineMark>(document.marks().front().shape);
    CHECK(line.segmentPx.start.column == Approx(43.5).margin(1e-9));
    CHECK(line.segmentPx.start.row == Approx(53.5).margin(1e-9));
    CHECK(line.segmentPx.end.column == Approx(33.5).margin(1e-9));
    CHECK(line.segmentPx.end.row == Approx(53.5).margin(1e-9));

    // The mark is drawn where it was drawn (green line between the two screen points).
    const auto [x0, y0] = widget.sliceRenderer().displayPositionOfPixel(line.segmentPx.start);
    CHECK(x0 == Approx(672.0));
    CHECK(y0 == Approx(592.0));
    const QImage frame = widget.grabFramebuffer();
    const QRgb middle = frame.pixel(712, 592);
    CHECK(qGreen(middle) > 200);
    CHECK(qRed(middle) < 150);
}
