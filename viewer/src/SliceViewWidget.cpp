#include "radmark/viewer/SliceViewWidget.h"

#include "radmark/annotation/WindowPresets.h"
#include "radmark/viewer/SliceRenderer.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>

namespace radmark::viewer {

namespace {

constexpr int kPageSlices = 10;
constexpr double kWheelStepDegrees = 15.0;
constexpr double kZoomPerWheelStep = 1.15;
// A drag across this many pixels changes the window by the whole value range of the volume.
constexpr double kWindowDragPxPerRange = 500.0;

enum class Drag { None, WindowLevel, Pan };

}  // namespace

struct SliceViewWidget::Private {
    SliceRenderer slice;
    Drag drag = Drag::None;
    QPointF dragStartPx;
    QPointF lastPositionPx;
    annotation::WindowLevel windowAtDragStart;
    double wheelDegreesPending = 0.0;
};

SliceViewWidget::SliceViewWidget(QWidget* parent) : VtkOpenGLWidget(parent), m_private(std::make_unique<Private>())
{
    renderWindow()->AddRenderer(m_private->slice.renderer());
}

SliceViewWidget::~SliceViewWidget() = default;

void SliceViewWidget::setVolume(std::shared_ptr<const annotation::ImageVolume> volume, const SliceOverlayText& text)
{
    SliceRenderer& slice = m_private->slice;
    slice.setViewportSize(deviceWidthPx(), deviceHeightPx());
    slice.setOverlayText(text);
    slice.setVolume(std::move(volume));
    emit sliceChanged(slice.sliceIndex(), slice.sliceCount());
    const annotation::WindowLevel window = slice.windowLevel();
    emit windowLevelChanged(window.width, window.level);
    update();
}

void SliceViewWidget::clearVolume()
{
    setVolume(nullptr, SliceOverlayText{});
}

SliceRenderer& SliceViewWidget::sliceRenderer()
{
    return m_private->slice;
}

int SliceViewWidget::sliceIndex() const
{
    return m_private->slice.sliceIndex();
}

void SliceViewWidget::setSliceIndex(int k)
{
    SliceRenderer& slice = m_private->slice;
    const int before = slice.sliceIndex();
    slice.setSliceIndex(k);
    if (slice.sliceIndex() != before) {
        update();
        emit sliceChanged(slice.sliceIndex(), slice.sliceCount());
        // The mouse did not move but the voxel under it changed.
        if (const std::optional<VoxelProbe> probe = slice.hoverProbe()) {
            emit hoverReadoutChanged(QString::fromStdString(slice.hoverReadout(*probe)));
        }
    }
}

annotation::WindowLevel SliceViewWidget::windowLevel() const
{
    return m_private->slice.windowLevel();
}

void SliceViewWidget::setWindowLevel(const annotation::WindowLevel& window)
{
    m_private->slice.setWindowLevel(window);
    const annotation::WindowLevel applied = m_private->slice.windowLevel();
    emit windowLevelChanged(applied.width, applied.level);
    update();
}

void SliceViewWidget::applyPresetKey(char key)
{
    const annotation::ImageVolume* volume = m_private->slice.volume();
    if (volume == nullptr) {
        return;
    }
    if (key == '0') {
        setWindowLevel(volume->defaultWindow());
        return;
    }
    for (const annotation::WindowPreset& preset : annotation::ctWindowPresets()) {
        if (preset.shortcutKey == key) {
            setWindowLevel(preset.window);
            return;
        }
    }
}

void SliceViewWidget::fitToWindow()
{
    m_private->slice.setViewportSize(deviceWidthPx(), deviceHeightPx());
    m_private->slice.fitToViewport();
    update();
}

void SliceViewWidget::setIdentifyingTextVisible(bool visible)
{
    m_private->slice.setIdentifyingTextVisible(visible);
    update();
}

void SliceViewWidget::setOverlayVisible(bool visible)
{
    m_private->slice.setOverlayVisible(visible);
    update();
}

void SliceViewWidget::initializeGL()
{
    VtkOpenGLWidget::initializeGL();
}

void SliceViewWidget::resizeGL(int widthPx, int heightPx)
{
    VtkOpenGLWidget::resizeGL(widthPx, heightPx);
    m_private->slice.setViewportSize(deviceWidthPx(), deviceHeightPx());
}

void SliceViewWidget::paintGL()
{
    m_private->slice.setViewportSize(deviceWidthPx(), deviceHeightPx());
    VtkOpenGLWidget::paintGL();
}

void SliceViewWidget::wheelEvent(QWheelEvent* event)
{
    Private& p = *m_private;
    p.wheelDegreesPending += event->angleDelta().y() / 8.0;
    const int steps = static_cast<int>(p.wheelDegreesPending / kWheelStepDegrees);
    if (steps == 0) {
        event->accept();
        return;
    }
    p.wheelDegreesPending -= steps * kWheelStepDegrees;
    if (event->modifiers() & Qt::ControlModifier) {
        const double ratio = devicePixelRatioF();
        p.slice.zoomBy(std::pow(kZoomPerWheelStep, steps), event->position().x() * ratio,
                       event->position().y() * ratio);
        update();
    } else {
        // Wheel towards the user (negative delta) moves to the next slice.
        setSliceIndex(p.slice.sliceIndex() - steps);
    }
    event->accept();
}

void SliceViewWidget::mousePressEvent(QMouseEvent* event)
{
    Private& p = *m_private;
    if (event->button() == Qt::RightButton) {
        p.drag = Drag::WindowLevel;
        p.windowAtDragStart = p.slice.windowLevel();
    } else if (event->button() == Qt::MiddleButton) {
        p.drag = Drag::Pan;
    } else {
        VtkOpenGLWidget::mousePressEvent(event);
        return;
    }
    p.dragStartPx = event->position();
    p.lastPositionPx = event->position();
    event->accept();
}

void SliceViewWidget::mouseMoveEvent(QMouseEvent* event)
{
    Private& p = *m_private;
    const double ratio = devicePixelRatioF();
    if (p.drag == Drag::WindowLevel && p.slice.volume() != nullptr) {
        const auto [lowest, highest] = p.slice.volume()->valueRange();
        const double valuesPerPx = std::max(highest - lowest, 1.0) / kWindowDragPxPerRange;
        const QPointF moved = event->position() - p.dragStartPx;
        setWindowLevel({std::max(p.windowAtDragStart.width + moved.x() * valuesPerPx, 1.0),
                        p.windowAtDragStart.level + moved.y() * valuesPerPx});
    } else if (p.drag == Drag::Pan) {
        const QPointF moved = event->position() - p.lastPositionPx;
        p.slice.panBy(moved.x() * ratio, moved.y() * ratio);
        update();
    }
    p.lastPositionPx = event->position();

    const VoxelProbe probe = p.slice.probeAt(event->position().x() * ratio, event->position().y() * ratio);
    if (probe.insideImage) {
        p.slice.setHoverProbe(probe);
    } else {
        p.slice.setHoverProbe(std::nullopt);
    }
    emit hoverReadoutChanged(QString::fromStdString(p.slice.hoverReadout(probe)));
    update();
    event->accept();
}

void SliceViewWidget::mouseReleaseEvent(QMouseEvent* event)
{
    Private& p = *m_private;
    if ((event->button() == Qt::RightButton && p.drag == Drag::WindowLevel) ||
        (event->button() == Qt::MiddleButton && p.drag == Drag::Pan)) {
        p.drag = Drag::None;
        event->accept();
        return;
    }
    VtkOpenGLWidget::mouseReleaseEvent(event);
}

void SliceViewWidget::keyPressEvent(QKeyEvent* event)
{
    Private& p = *m_private;
    const int k = p.slice.sliceIndex();
    switch (event->key()) {
    case Qt::Key_Up: setSliceIndex(k - 1); break;
    case Qt::Key_Down: setSliceIndex(k + 1); break;
    case Qt::Key_PageUp: setSliceIndex(k - kPageSlices); break;
    case Qt::Key_PageDown: setSliceIndex(k + kPageSlices); break;
    case Qt::Key_Home: setSliceIndex(0); break;
    case Qt::Key_End: setSliceIndex(p.slice.sliceCount() - 1); break;
    case Qt::Key_F: fitToWindow(); break;
    case Qt::Key_I: setIdentifyingTextVisible(!p.slice.identifyingTextVisible()); break;
    case Qt::Key_O: setOverlayVisible(!p.slice.overlayVisible()); break;
    default:
        if (event->key() >= Qt::Key_0 && event->key() <= Qt::Key_7) {
            applyPresetKey(static_cast<char>('0' + (event->key() - Qt::Key_0)));
            break;
        }
        VtkOpenGLWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void SliceViewWidget::leaveEvent(QEvent* event)
{
    m_private->slice.setHoverProbe(std::nullopt);
    emit hoverReadoutChanged(QString());
    update();
    VtkOpenGLWidget::leaveEvent(event);
}

}  // namespace radmark::viewer
