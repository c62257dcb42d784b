// Overlay texts of the 2D views never overlap, at 1x1 and at the size of a 1x3 view on a 1280 x 720
// screen; mark labels stay inside the view.
#include "MprTestSupport.h"
#include "ShowWidget.h"
#include "TestVolumes.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/LineTool.h"
#include "radmark/annotation/PlaneResampler.h"
#include "radmark/viewer/MprPlaneRenderer.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QMouseEvent>

#include <string>
#include <vector>

using namespace radmark;
using namespace radmark::viewer;
using namespace radmark::viewer::testing;

namespace {

void checkNoOverlap(const std::vector<OverlayBox>& boxes, int widthPx, int heightPx)
{
    for (std::size_t a = 0; a < boxes.size(); ++a) {
        INFO(boxes[a].name << " at " << boxes[a].left << ", " << boxes[a].top << " - " << boxes[a].right << ", "
                           << boxes[a].bottom);
        CHECK(boxes[a].left >= 0.0);
        CHECK(boxes[a].top >= 0.0);
        CHECK(boxes[a].right <= widthPx);
        CHECK(boxes[a].bottom <= heightPx);
        for (std::size_t b = a + 1; b < boxes.size(); ++b) {
            INFO("overlaps " << boxes[b].name << " at " << boxes[b].left << ", " << boxes[b].top << " - "
                             << boxes[b].right << ", " << boxes[b].bottom);
            CHECK_FALSE(boxes[a].overlaps(boxes[b]));
        }
    }
}

bool hasBox(const std::vector<OverlayBox>& boxes, const std::string& name)
{
    for (const OverlayBox& box : boxes) {
        if (box.name == name) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("the hover readout keeps clear of the orientation letters in small and large views", "[viewer][overlay]")
{
    auto volume = makeInt16Volume(
        512, 512, 100, 0.7, 0.7, [](int, int, int) { return -1000; }, { -179.2, -234.5, -345.6 }, 2.5);
    SliceOverlayText text;
    text.modality = "CT";
    text.seriesDescription = "Axial 2.5mm";
    // 1x3 on a 1280 x 720 screen leaves views about 155 px wide and 640 px high.
    for (const auto& [width, height] :
        { std::pair { 420, 300 }, std::pair { 300, 220 }, std::pair { 1024, 900 }, std::pair { 200, 640 } }) {
        INFO(width << " x " << height);
        SliceRenderer renderer;
        renderer.setViewportSize(width, height);
        renderer.setVolume(volume);
        renderer.setOverlayText(text);
        renderer.setSliceIndex(99);
        VoxelProbe probe = renderer.probeAt(width / 2.0, height / 2.0);
        probe.voxel = { 511.0, 511.0, 99.0 };
        probe.patientLpsMm = { -123.4, -234.5, -345.6 };
        probe.value = -1000.0;
        probe.insideImage = true;
        renderer.setHoverProbe(probe);
        CHECK(renderer.cornerText(ViewCorner::TopRight)
            == "(511, 511)  Slice 100 / 100\n-123.4, -234.5, -345.6 mm\n-1000 HU");
        const std::vector<OverlayBox> boxes = renderer.overlayBoxesPx();
        CHECK(hasBox(boxes, "top-right"));
        CHECK(hasBox(boxes, "letter top"));
        CHECK(hasBox(boxes, "scale bar"));
        checkNoOverlap(boxes, width, height);
    }
}

TEST_CASE("in a 1x3 view the scale bar stays clear of the W/L text", "[viewer][overlay][mpr]")
{
    const auto volume = loadOrientationPhantom();
    auto resampler = std::make_shared<annotation::PlaneResampler>(volume);
    for (const auto orientation : { annotation::MprOrientation::Axial, annotation::MprOrientation::Coronal,
             annotation::MprOrientation::Sagittal }) {
        for (const auto& [width, height] :
            { std::pair { 420, 560 }, std::pair { 420, 300 }, std::pair { 260, 200 }, std::pair { 160, 640 } }) {
            INFO(width << " x " << height);
            MprPlaneRenderer plane(orientation);
            plane.setViewportSize(width, height);
            plane.setResampler(resampler);
            SliceOverlayText header;
            header.modality = "CT";
            header.seriesDescription = "Axial 2.5mm";
            plane.setOverlayText(header);
            plane.fitToViewport();
            plane.setWindowLevel({ 2000.0, -1000.0 });
            plane.setHoverReadout(plane.readoutAt(width / 2.0, height / 2.0));
            const std::vector<OverlayBox> boxes = plane.overlayBoxesPx();
            CHECK(hasBox(boxes, "bottom-right"));
            CHECK(hasBox(boxes, "scale bar"));
            checkNoOverlap(boxes, width, height);
        }
    }
}

TEST_CASE("a length label beside a mark at the image edge stays inside the view", "[viewer][overlay][marks]")
{
    SliceViewWidget widget;
    annotation::AnnotationDocument document { annotation::Author { "Tester", annotation::AuthorRole::Radiologist } };
    radmark::testing::showAndWait(widget);
    widget.resize(420, 420);
    QApplication::processEvents();
    widget.setVolume(makeInt16Volume(256, 256, 3, 1.0, 1.0, [](int, int, int) { return 0; }), SliceOverlayText {});
    widget.setSliceReferences("1.2.3", std::vector<std::string>(3, ""), std::vector<int>(3, 0));
    widget.setAnnotationDocument(&document);
    document.addObserver([&widget](const annotation::DocumentChange&) { widget.markOverlayChanged(); });
    annotation::LineTool tool(document);
    widget.setActiveTool(&tool);
    const SliceRenderer& renderer = widget.sliceRenderer();
    const auto [fromX, fromY] = renderer.displayPositionOfPixel({ 200.0, 250.0 });
    const auto [toX, toY] = renderer.displayPositionOfPixel({ 255.0, 254.0 }); // the last column, near the bottom
    const double ratio = widget.devicePixelRatioF();
    auto send = [&](QEvent::Type type, double x, double y, Qt::MouseButton button, Qt::MouseButtons buttons) {
        const QPointF local(x / ratio, y / ratio);
        QMouseEvent event(type, local, widget.mapToGlobal(local), button, buttons, Qt::NoModifier);
        QApplication::sendEvent(&widget, &event);
    };
    send(QEvent::MouseButtonPress, fromX, fromY, Qt::LeftButton, Qt::LeftButton);
    send(QEvent::MouseMove, toX, toY, Qt::NoButton, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, toX, toY, Qt::LeftButton, Qt::NoButton);
    REQUIRE(document.marks().size() == 1);
    const auto labels = renderer.markLabelRectsPx();
    REQUIRE(labels.size() == 1);
    const double widthPx = renderer.viewportWidthPx();
    const double heightPx = renderer.viewportHeightPx();
    CHECK(labels[0][0] >= 0.0);
    CHECK(labels[0][1] >= 0.0);
    CHECK(labels[0][2] <= widthPx);
    CHECK(labels[0][3] <= heightPx);
    CHECK(labels[0][2] - labels[0][0] > 20.0); // "55.0 mm" measured, not an empty box
    // Pushed into the bottom-right corner, it keeps clear of the W/L text and the scale bar.
    const OverlayBox label { "label", labels[0][0], labels[0][1], labels[0][2], labels[0][3] };
    for (const OverlayBox& box : renderer.overlayBoxesPx()) {
        INFO(box.name << " at " << box.left << ", " << box.top << " - " << box.right << ", " << box.bottom
                      << "; label at " << label.left << ", " << label.top << " - " << label.right << ", "
                      << label.bottom);
        CHECK_FALSE(label.overlaps(box));
    }
}
