// Lesion marks in the SliceViewWidget: tools fed from the mouse, drafts, selection, hover, handles.
#include "ShowWidget.h"
#include "TestVolumes.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/EditTool.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/annotation/RecistTool.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>
#include <QWindow>

#include <cmath>
#include <string>
#include <vector>

using namespace radmark;
using namespace radmark::viewer;
using namespace radmark::viewer::testing;

namespace {

using radmark::testing::showAndWait;

constexpr double kSpacingMm = 0.7;
const std::string kSeriesUid = "1.2.826.0.1.3680043.2.1125.1";

std::shared_ptr<annotation::ImageVolume> makeMarkVolume()
{
    return makeInt16Volume(512, 512, 5, kSpacingMm, kSpacingMm, [](int, int, int) { return -100; });
}

void sendMouse(QWidget& widget, QEvent::Type type, QPointF positionPx, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, positionPx, widget.mapToGlobal(positionPx), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(&widget, &event);
}

void sendKey(QWidget& widget, int key)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier);
    QApplication::sendEvent(&widget, &press);
}

struct MarkFixture {
    SliceViewWidget widget;
    annotation::AnnotationDocument document { annotation::Author { "Tester", annotation::AuthorRole::Radiologist } };

    MarkFixture()
    {
        showAndWait(widget);
        widget.setVolume(makeMarkVolume(), SliceOverlayText {});
        widget.setWindowLevel({ 400.0, 0.0 });
        std::vector<std::string> sops;
        for (int k = 0; k < 5; ++k) {
            sops.push_back(kSeriesUid + ".1." + std::to_string(k + 1));
        }
        widget.setSliceReferences(kSeriesUid, sops, std::vector<int>(5, 0));
        widget.setAnnotationDocument(&document);
        document.addObserver([this](const annotation::DocumentChange&) { widget.markOverlayChanged(); });
    }

    QPointF at(const annotation::PixelPoint& pointPx)
    {
        const auto [x, y] = widget.sliceRenderer().displayPositionOfPixel(pointPx);
        return { x, y };
    }

    // A left-button drag through `steps` intermediate moves.
    void drag(const annotation::PixelPoint& fromPx, const annotation::PixelPoint& toPx, int steps = 4)
    {
        sendMouse(widget, QEvent::MouseButtonPress, at(fromPx), Qt::LeftButton, Qt::LeftButton);
        for (int step = 1; step <= steps; ++step) {
            const double t = static_cast<double>(step) / steps;
            sendMouse(widget, QEvent::MouseMove,
                at({ fromPx.column + (toPx.column - fromPx.column) * t, fromPx.row + (toPx.row - fromPx.row) * t }),
                Qt::NoButton, Qt::LeftButton);
        }
        sendMouse(widget, QEvent::MouseButtonRelease, at(toPx), Qt::LeftButton, Qt::NoButton);
    }
};

bool isYellowish(QRgb color)
{
    return qRed(color) > 200 && qGreen(color) > 180 && qBlue(color) < 130;
}

bool isWhite(QRgb color)
{
    return qRed(color) > 240 && qGreen(color) > 240 && qBlue(color) > 240;
}

// True when a pixel of the 3 x 3 neighbourhood of the display position passes `test`.
template <typename Test> bool nearby(const QImage& frame, QPointF positionPx, Test test)
{
    const int x = static_cast<int>(std::floor(positionPx.x()));
    const int y = static_cast<int>(std::floor(positionPx.y()));
    for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
            if (test(frame.pixel(x + dx, y + dy))) {
                return true;
            }
        }
    }
    return false;
}

// Width of the run of white pixels through the handle centre's row.
int handleWidthPx(const QImage& frame, QPointF centerPx)
{
    const int y = static_cast<int>(std::floor(centerPx.y()));
    int width = 0;
    for (int x = static_cast<int>(centerPx.x()) - 15; x <= static_cast<int>(centerPx.x()) + 15; ++x) {
        width += isWhite(frame.pixel(x, y)) ? 1 : 0;
    }
    return width;
}

annotation::LesionMark recistMarkOn(const annotation::SliceContext& context, const annotation::PixelSegment& longAxis,
    const annotation::PixelSegment& shortAxis)
{
    annotation::LesionMark mark;
    mark.slice = context.reference;
    mark.plane = context.plane;
    mark.shape = *annotation::makeRecist(longAxis, shortAxis, context.plane).mark;
    return mark;
}

} // namespace

TEST_CASE("RECIST tool: two drags in the widget make one mark at the dragged pixel positions", "[viewer][marks]")
{
    MarkFixture f;
    annotation::RecistTool tool(f.document);
    f.widget.setActiveTool(&tool);
    const annotation::PixelPoint startPx { 100.0, 100.0 };
    const annotation::PixelPoint endPx { 180.0, 160.0 }; // 100 px = 70 mm
    const annotation::PixelPoint midPx { 140.0, 130.0 };

    // First drag, still pressed: the draft is drawn, the document is untouched.
    sendMouse(f.widget, QEvent::MouseButtonPress, f.at(startPx), Qt::LeftButton, Qt::LeftButton);
    sendMouse(f.widget, QEvent::MouseMove, f.at(midPx), Qt::NoButton, Qt::LeftButton);
    sendMouse(f.widget, QEvent::MouseMove, f.at(endPx), Qt::NoButton, Qt::LeftButton);
    QImage frame = f.widget.grabFramebuffer();
    CHECK(nearby(frame, f.at(midPx), isYellowish));
    CHECK_FALSE(nearby(frame, f.at({ 140.0, 160.0 }), isYellowish));
    CHECK(f.document.marks().empty());
    sendMouse(f.widget, QEvent::MouseButtonRelease, f.at(endPx), Qt::LeftButton, Qt::NoButton);
    CHECK(f.document.marks().empty());
    CHECK(tool.phase() == annotation::RecistTool::Phase::AwaitingShortAxis);

    // Second drag of 40 px anywhere: the short axis (28 mm) through the long axis' midpoint.
    f.drag({ 300.0, 300.0 }, { 300.0, 340.0 });
    REQUIRE(f.document.marks().size() == 1);
    const annotation::LesionMark& mark = f.document.marks().front();
    REQUIRE(std::holds_alternative<annotation::RecistMark>(mark.shape));
    const auto& recist = std::get<annotation::RecistMark>(mark.shape);
    CHECK(recist.longAxisPx.start.column == Approx(startPx.column).margin(1e-9));
    CHECK(recist.longAxisPx.start.row == Approx(startPx.row).margin(1e-9));
    CHECK(recist.longAxisPx.end.column == Approx(endPx.column).margin(1e-9));
    CHECK(recist.longAxisPx.end.row == Approx(endPx.row).margin(1e-9));
    const double expectedLongMm = annotation::lengthPx({ startPx, endPx }) * kSpacingMm;
    CHECK(std::abs(annotation::lengthMm(recist.longAxisPx, mark.plane.spacing) - expectedLongMm) < 1e-6);
    CHECK(std::abs(annotation::lengthMm(recist.shortAxisPx, mark.plane.spacing) - 40.0 * kSpacingMm) < 1e-6);
    CHECK(mark.slice.seriesUid == kSeriesUid);
    CHECK(mark.slice.sliceIndex == 2);
    CHECK(mark.slice.sopInstanceUid == kSeriesUid + ".1.3");
    CHECK(f.widget.sliceRenderer().drawnMarkCount() == 1);

    frame = f.widget.grabFramebuffer();
    CHECK(nearby(frame, f.at(midPx), isYellowish));
    CHECK(nearby(frame, f.at({ 120.0, 115.0 }), isYellowish));
    CHECK_FALSE(nearby(frame, f.at({ 140.0, 100.0 }), isYellowish));
    CHECK_FALSE(nearby(frame, f.at({ 300.0, 320.0 }), isYellowish));

    // Another slice shows no mark; the wheel still scrolls with a tool active.
    QWheelEvent wheel(f.at(midPx), f.widget.mapToGlobal(f.at(midPx)), QPoint(), QPoint(0, -120), Qt::NoButton,
        Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&f.widget, &wheel);
    CHECK(f.widget.sliceIndex() == 3);
    CHECK(f.widget.sliceRenderer().drawnMarkCount() == 0);
    frame = f.widget.grabFramebuffer();
    CHECK_FALSE(nearby(frame, f.at(midPx), isYellowish));
}

TEST_CASE("Escape during a drag cancels the gesture and adds nothing", "[viewer][marks]")
{
    MarkFixture f;
    annotation::RecistTool tool(f.document);
    f.widget.setActiveTool(&tool);
    sendMouse(f.widget, QEvent::MouseButtonPress, f.at({ 50.0, 50.0 }), Qt::LeftButton, Qt::LeftButton);
    sendMouse(f.widget, QEvent::MouseMove, f.at({ 150.0, 50.0 }), Qt::NoButton, Qt::LeftButton);
    CHECK(nearby(f.widget.grabFramebuffer(), f.at({ 100.0, 50.0 }), isYellowish));
    sendKey(f.widget, Qt::Key_Escape);
    CHECK(tool.isIdle());
    CHECK_FALSE(nearby(f.widget.grabFramebuffer(), f.at({ 100.0, 50.0 }), isYellowish));
    sendMouse(f.widget, QEvent::MouseMove, f.at({ 200.0, 50.0 }), Qt::NoButton, Qt::LeftButton);
    sendMouse(f.widget, QEvent::MouseButtonRelease, f.at({ 200.0, 50.0 }), Qt::LeftButton, Qt::NoButton);
    f.drag({ 300.0, 300.0 }, { 300.0, 340.0 }); // would be the short axis had the long one survived
    CHECK(f.document.marks().empty());
    CHECK(f.document.undoCount() == 0);
}

TEST_CASE("Edit tool: select, hover, drag a handle as one undo step, delete request", "[viewer][marks]")
{
    MarkFixture f;
    const annotation::PixelSegment longAxis { { 100.0, 200.0 }, { 200.0, 200.0 } };
    const annotation::PixelSegment shortAxis { { 150.0, 180.0 }, { 150.0, 220.0 } };
    REQUIRE(f.document.addMark(recistMarkOn(f.widget.sliceContext(), longAxis, shortAxis)));
    const annotation::MarkId id = f.document.marks().front().id;
    annotation::EditTool tool(f.document);
    f.widget.setActiveTool(&tool);

    QString selected;
    QString hovered;
    int deleteRequests = 0;
    QObject::connect(&f.widget, &SliceViewWidget::markSelected, [&](const QString& markId) { selected = markId; });
    QObject::connect(&f.widget, &SliceViewWidget::hoveredMarkChanged, [&](const QString& markId) { hovered = markId; });
    QObject::connect(&f.widget, &SliceViewWidget::deleteSelectedRequested, [&] { ++deleteRequests; });

    sendMouse(f.widget, QEvent::MouseMove, f.at({ 125.0, 201.0 }), Qt::NoButton, Qt::NoButton);
    CHECK(hovered.toStdString() == id);
    CHECK(f.widget.hoveredMarkId().toStdString() == id);
    sendMouse(f.widget, QEvent::MouseMove, f.at({ 125.0, 300.0 }), Qt::NoButton, Qt::NoButton);
    CHECK(hovered.isEmpty());

    // Drag the long-axis end handle from (200, 200) to (240, 200).
    const std::size_t undoBefore = f.document.undoCount();
    f.drag({ 200.0, 200.0 }, { 240.0, 200.0 }, 8);
    CHECK(selected.toStdString() == id);
    CHECK(f.widget.selectedMarkId().toStdString() == id);
    const auto& moved = std::get<annotation::RecistMark>(f.document.find(id)->shape);
    CHECK(moved.longAxisPx.end.column == Approx(240.0).margin(1e-9));
    CHECK(moved.longAxisPx.end.row == Approx(200.0).margin(1e-9));
    CHECK(f.document.undoCount() == undoBefore + 1);
    // The drawing follows the document.
    const QImage frame = f.widget.grabFramebuffer();
    CHECK(handleWidthPx(frame, f.at({ 240.0, 200.0 })) == static_cast<int>(SliceRenderer::handleSizePx()));
    CHECK(nearby(frame, f.at({ 225.0, 200.0 }), isYellowish));
    REQUIRE(f.document.undo());
    CHECK(std::get<annotation::RecistMark>(f.document.find(id)->shape).longAxisPx.end.column == Approx(200.0));

    sendKey(f.widget, Qt::Key_Delete);
    CHECK(deleteRequests == 1);
    // A press on empty image clears the selection.
    f.drag({ 400.0, 400.0 }, { 400.0, 400.0 }, 1);
    CHECK(selected.isEmpty());
    CHECK(f.widget.selectedMarkId().isEmpty());
    sendKey(f.widget, Qt::Key_Delete);
    CHECK(deleteRequests == 1);
    // The owner deletes the selected mark: the widget forgets the selection.
    f.drag({ 150.0, 200.0 }, { 150.0, 200.0 }, 1);
    CHECK(selected.toStdString() == id);
    REQUIRE(f.document.deleteMark(id));
    CHECK(selected.isEmpty());
    CHECK(f.widget.selectedMarkId().isEmpty());
    CHECK(f.widget.sliceRenderer().drawnMarkCount() == 0);
}

TEST_CASE("Handles keep their screen size at any zoom", "[viewer][marks]")
{
    MarkFixture f;
    const annotation::PixelSegment longAxis { { 100.0, 200.0 }, { 200.0, 260.0 } };
    const annotation::PixelSegment shortAxis { { 140.0, 250.0 }, { 160.0, 210.0 } };
    REQUIRE(f.document.addMark(recistMarkOn(f.widget.sliceContext(), longAxis, shortAxis)));
    const annotation::LesionMark mark = f.document.marks().front();
    f.widget.setSelectedMarkId(QString::fromStdString(mark.id));
    const annotation::PixelPoint handlePx = std::get<annotation::RecistMark>(mark.shape).longAxisPx.start;

    const QPointF atZoom1 = f.at(handlePx);
    const int widthAtZoom1 = handleWidthPx(f.widget.grabFramebuffer(), atZoom1);
    CHECK(widthAtZoom1 == static_cast<int>(SliceRenderer::handleSizePx()));

    f.widget.sliceRenderer().zoomBy(3.0, atZoom1.x(), atZoom1.y());
    f.widget.update();
    REQUIRE(f.widget.sliceRenderer().zoomFactor() == Approx(6.0));
    const QPointF atZoom3 = f.at(handlePx);
    CHECK(atZoom3.x() == Approx(atZoom1.x()));
    const QImage frame = f.widget.grabFramebuffer();
    CHECK(handleWidthPx(frame, atZoom3) == widthAtZoom1);
    // The long axis still passes through its (now farther) quarter point.
    CHECK(nearby(frame, f.at({ 112.5, 207.5 }), isYellowish));
}

TEST_CASE(
    "Boxes: a DeepLesion box derived from RECIST is dashed and labelled, 3D boxes span their slices", "[viewer][marks]")
{
    MarkFixture f;
    const annotation::SliceContext context = f.widget.sliceContext();
    REQUIRE(f.document.addMark(
        recistMarkOn(context, { { 100.0, 100.0 }, { 200.0, 100.0 } }, { { 150.0, 80.0 }, { 150.0, 120.0 } })));
    REQUIRE(f.document.deriveBoxFromRecist(f.document.marks().front().id));
    annotation::LesionMark box3d;
    box3d.slice = context.reference;
    box3d.plane = context.plane;
    box3d.shape = annotation::Box3dMark { { 300.0, 300.0, 400.0, 380.0 }, 1, 3 };
    REQUIRE(f.document.addMark(box3d));
    CHECK(f.widget.sliceRenderer().drawnMarkCount() == 3);

    auto isMagenta = [](QRgb c) { return qRed(c) > 200 && qGreen(c) < 140 && qBlue(c) > 200; };
    auto isBrightBlue = [](QRgb c) { return qBlue(c) > 220 && qRed(c) < 140 && qGreen(c) > 130; };
    auto isDimBlue = [](QRgb c) { return qBlue(c) > 100 && qBlue(c) < 190 && qBlue(c) > qRed(c) + 50; };

    // The derived box is (95, 75) - (205, 125): count dash and gap pixels along its bottom edge.
    QImage frame = f.widget.grabFramebuffer();
    int dashPx = 0;
    int gapPx = 0;
    for (double column = 110.0; column <= 190.0; column += 0.5) {
        (nearby(frame, f.at({ column, 125.0 }), isMagenta) ? dashPx : gapPx) += 1;
    }
    CHECK(dashPx > 20);
    CHECK(gapPx > 10);
    CHECK(nearby(frame, f.at({ 300.0, 340.0 }), isBrightBlue));

    f.widget.setSliceIndex(3); // inside the 3D box's range, not its key slice
    frame = f.widget.grabFramebuffer();
    CHECK(f.widget.sliceRenderer().drawnMarkCount() == 1);
    CHECK(nearby(frame, f.at({ 300.0, 340.0 }), isDimBlue));
    CHECK_FALSE(nearby(frame, f.at({ 300.0, 340.0 }), isBrightBlue));
    CHECK_FALSE(nearby(frame, f.at({ 150.0, 125.0 }), isMagenta));

    f.widget.setSliceIndex(4); // outside
    CHECK(f.widget.sliceRenderer().drawnMarkCount() == 0);
    CHECK_FALSE(nearby(f.widget.grabFramebuffer(), f.at({ 300.0, 340.0 }), isDimBlue));
}
