#include "radmark/viewer/MprViewWidget.h"

#include "SliceTextFormat.h"
#include "radmark/viewer/MprPlaneRenderer.h"

#include <QEnterEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkRenderer.h>

#include <cmath>

namespace radmark::viewer {

namespace {

constexpr double kWheelStepDegrees = 15.0;
constexpr double kZoomPerWheelStep = 1.15;
constexpr double kWindowDragPxPerRange = 500.0;
constexpr int kPageSteps = 10;

enum class Drag { None, Crosshair, WindowLevel, Pan };

} // namespace

struct MprViewWidget::Private {
    explicit Private(annotation::MprOrientation orientation)
        : plane(orientation)
    {
    }
    MprPlaneRenderer plane;
    Drag drag = Drag::None;
    QPointF dragStartPx;
    QPointF lastPositionPx;
    annotation::WindowLevel windowAtDragStart;
    double wheelDegreesPending = 0.0;
};

MprViewWidget::MprViewWidget(annotation::MprOrientation orientation, QWidget* parent)
    : VtkOpenGLWidget(parent)
    , m_private(std::make_unique<Private>(orientation))
{
    setObjectName(QString("mprView_") + annotation::mprOrientationName(orientation));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    renderWindow()->AddRenderer(m_private->plane.renderer());
}

MprViewWidget::~MprViewWidget() = default;

MprPlaneRenderer& MprViewWidget::planeRenderer()
{
    return m_private->plane;
}

annotation::MprOrientation MprViewWidget::orientation() const
{
    return m_private->plane.orientation();
}

void MprViewWidget::resizeGL(int widthPx, int heightPx)
{
    VtkOpenGLWidget::resizeGL(widthPx, heightPx);
    m_private->plane.setViewportSize(deviceWidthPx(), deviceHeightPx());
}

void MprViewWidget::paintGL()
{
    m_private->plane.setViewportSize(deviceWidthPx(), deviceHeightPx());
    VtkOpenGLWidget::paintGL();
}

void MprViewWidget::stepPlane(int steps)
{
    MprPlaneRenderer& plane = m_private->plane;
    if (plane.volume() == nullptr || steps == 0) {
        return;
    }
    const annotation::ImageGeometry& g = plane.volume()->geometry();
    const annotation::MprOrientation o = plane.orientation();
    const int axis = annotation::mprNormalAxis(o);
    annotation::Vector3 point = plane.crosshair();
    const int index = annotation::mprPlaneIndexAt(g, o, point[axis]);
    const int target = std::clamp(index + steps, 0, annotation::mprPlaneCount(g, o) - 1);
    (axis == 0 ? point.x : axis == 1 ? point.y : point.z) = annotation::mprPlanePositionMm(g, o, target);
    emit crosshairMoveRequested(point);
}

void MprViewWidget::wheelEvent(QWheelEvent* event)
{
    Private& p = *m_private;
    p.wheelDegreesPending += event->angleDelta().y() / 8.0;
    const int steps = static_cast<int>(p.wheelDegreesPending / kWheelStepDegrees);
    event->accept();
    if (steps == 0) {
        return;
    }
    p.wheelDegreesPending -= steps * kWheelStepDegrees;
    if (event->modifiers() & Qt::ControlModifier) {
        const double ratio = devicePixelRatioF();
        p.plane.zoomBy(
            std::pow(kZoomPerWheelStep, steps), event->position().x() * ratio, event->position().y() * ratio);
        update();
    } else {
        // As in the slice view: wheel towards the user goes to higher plane indices.
        stepPlane(-steps);
    }
}

void MprViewWidget::mousePressEvent(QMouseEvent* event)
{
    Private& p = *m_private;
    p.dragStartPx = event->position();
    p.lastPositionPx = event->position();
    const double ratio = devicePixelRatioF();
    switch (event->button()) {
    case Qt::LeftButton:
        p.drag = Drag::Crosshair;
        if (p.plane.volume() != nullptr) {
            emit crosshairMoveRequested(
                p.plane.patientPositionAt(event->position().x() * ratio, event->position().y() * ratio));
        }
        break;
    case Qt::RightButton:
        p.drag = Drag::WindowLevel;
        p.windowAtDragStart = p.plane.windowLevel();
        break;
    case Qt::MiddleButton:
        p.drag = Drag::Pan;
        break;
    default:
        p.drag = Drag::None;
        break;
    }
    event->accept();
}

void MprViewWidget::mouseMoveEvent(QMouseEvent* event)
{
    Private& p = *m_private;
    const double ratio = devicePixelRatioF();
    const QPointF position = event->position();
    switch (p.drag) {
    case Drag::Crosshair:
        if (p.plane.volume() != nullptr) {
            emit crosshairMoveRequested(p.plane.patientPositionAt(position.x() * ratio, position.y() * ratio));
        }
        break;
    case Drag::WindowLevel:
        if (const annotation::ImageVolume* volume = p.plane.volume()) {
            const auto [low, high] = volume->valueRange();
            const double perPx = std::max(high - low, 1.0) / kWindowDragPxPerRange;
            const QPointF delta = position - p.dragStartPx;
            emit windowLevelChangeRequested(std::max(1.0, p.windowAtDragStart.width + delta.x() * perPx),
                p.windowAtDragStart.level - delta.y() * perPx);
        }
        break;
    case Drag::Pan: {
        const QPointF delta = position - p.lastPositionPx;
        p.plane.panBy(delta.x() * ratio, delta.y() * ratio);
        update();
        break;
    }
    case Drag::None:
        break;
    }
    p.lastPositionPx = position;
    const QString readout = QString::fromStdString(p.plane.readoutAt(position.x() * ratio, position.y() * ratio));
    p.plane.setHoverReadout(readout.toStdString());
    emit hoverReadoutChanged(QString::fromStdString(singleLine(readout.toStdString())));
    if (p.drag == Drag::None) {
        update();
    }
}

void MprViewWidget::mouseReleaseEvent(QMouseEvent* event)
{
    m_private->drag = Drag::None;
    event->accept();
}

void MprViewWidget::keyPressEvent(QKeyEvent* event)
{
    Private& p = *m_private;
    switch (event->key()) {
    case Qt::Key_Up:
        stepPlane(-1);
        break;
    case Qt::Key_Down:
        stepPlane(1);
        break;
    case Qt::Key_PageUp:
        stepPlane(-kPageSteps);
        break;
    case Qt::Key_PageDown:
        stepPlane(kPageSteps);
        break;
    case Qt::Key_F:
        p.plane.setViewportSize(deviceWidthPx(), deviceHeightPx());
        p.plane.fitToViewport();
        update();
        break;
    case Qt::Key_O:
        p.plane.setOverlayVisible(!p.plane.overlayVisible());
        update();
        break;
    default:
        if (event->modifiers() == Qt::NoModifier && event->key() >= Qt::Key_0 && event->key() <= Qt::Key_7) {
            emit presetKeyPressed(static_cast<char>('0' + (event->key() - Qt::Key_0)));
            break;
        }
        VtkOpenGLWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void MprViewWidget::enterEvent(QEnterEvent* event)
{
    // The view under the mouse gets the keyboard.
    setFocus(Qt::MouseFocusReason);
    VtkOpenGLWidget::enterEvent(event);
}

void MprViewWidget::leaveEvent(QEvent* event)
{
    m_private->plane.setHoverReadout({});
    emit hoverReadoutChanged({});
    update();
    VtkOpenGLWidget::leaveEvent(event);
}

} // namespace radmark::viewer
