#include "radmark/viewer/VolumeViewWidget.h"

#include "radmark/viewer/VolumeRenderer3d.h"

#include <QEnterEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QTimer>
#include <QWheelEvent>

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkRenderer.h>

#include <cmath>

namespace radmark::viewer {

namespace {

constexpr double kZoomPerWheelStep = 1.1;
constexpr int kRefineDelayMs = 150;

enum class Drag { None, Rotate, Zoom, Pan };

} // namespace

struct VolumeViewWidget::Private {
    VolumeRenderer3d scene;
    Drag drag = Drag::None;
    QPointF lastPositionPx;
    QTimer* refine = nullptr;
};

VolumeViewWidget::VolumeViewWidget(QWidget* parent)
    : VtkOpenGLWidget(parent)
    , m_private(std::make_unique<Private>())
{
    setObjectName("volumeView");
    setFocusPolicy(Qt::StrongFocus);
    m_private->scene.attachTo(*renderWindow());
    m_private->refine = new QTimer(this);
    m_private->refine->setSingleShot(true);
    m_private->refine->setInterval(kRefineDelayMs);
    connect(m_private->refine, &QTimer::timeout, this, [this] {
        m_private->scene.setInteractive(false);
        update();
    });
}

VolumeViewWidget::~VolumeViewWidget() = default;

VolumeRenderer3d& VolumeViewWidget::volumeRenderer()
{
    return m_private->scene;
}

void VolumeViewWidget::initializeGL()
{
    VtkOpenGLWidget::initializeGL();
    QOpenGLContext* current = QOpenGLContext::currentContext();
    if (current != nullptr) {
        const auto* renderer = reinterpret_cast<const char*>(current->functions()->glGetString(GL_RENDERER));
        m_private->scene.setSoftwareOpenGl(renderer != nullptr && isSoftwareOpenGl(renderer));
    }
}

void VolumeViewWidget::resizeGL(int widthPx, int heightPx)
{
    VtkOpenGLWidget::resizeGL(widthPx, heightPx);
    m_private->scene.setViewportSize(deviceWidthPx(), deviceHeightPx());
}

void VolumeViewWidget::paintGL()
{
    m_private->scene.setViewportSize(deviceWidthPx(), deviceHeightPx());
    VtkOpenGLWidget::paintGL();
}

void VolumeViewWidget::beginInteraction()
{
    m_private->scene.setInteractive(true);
    m_private->refine->start();
}

void VolumeViewWidget::updateInteractive()
{
    beginInteraction();
    update();
}

void VolumeViewWidget::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0.0) {
        beginInteraction();
        m_private->scene.zoomBy(std::pow(kZoomPerWheelStep, steps));
        update();
    }
    event->accept();
}

void VolumeViewWidget::mousePressEvent(QMouseEvent* event)
{
    Private& p = *m_private;
    p.lastPositionPx = event->position();
    if (event->button() == Qt::LeftButton) {
        p.drag = (event->modifiers() & Qt::ShiftModifier) ? Drag::Pan : Drag::Rotate;
    } else if (event->button() == Qt::RightButton) {
        p.drag = Drag::Zoom;
    } else if (event->button() == Qt::MiddleButton) {
        p.drag = Drag::Pan;
    }
    event->accept();
}

void VolumeViewWidget::mouseMoveEvent(QMouseEvent* event)
{
    Private& p = *m_private;
    if (p.drag == Drag::None) {
        return;
    }
    const double ratio = devicePixelRatioF();
    const QPointF delta = (event->position() - p.lastPositionPx) * ratio;
    p.lastPositionPx = event->position();
    beginInteraction();
    switch (p.drag) {
    case Drag::Rotate:
        p.scene.rotate(delta.x(), delta.y());
        break;
    case Drag::Zoom:
        p.scene.zoomBy(std::pow(1.01, -delta.y()));
        break;
    case Drag::Pan:
        p.scene.panBy(delta.x(), delta.y());
        break;
    case Drag::None:
        break;
    }
    update();
    event->accept();
}

void VolumeViewWidget::mouseReleaseEvent(QMouseEvent* event)
{
    m_private->drag = Drag::None;
    event->accept();
}

void VolumeViewWidget::keyPressEvent(QKeyEvent* event)
{
    VolumeRenderer3d& scene = m_private->scene;
    switch (event->key()) {
    case Qt::Key_R:
        scene.resetCamera(VolumeViewDirection::Anterior);
        break;
    case Qt::Key_A:
        scene.resetCamera(VolumeViewDirection::Anterior);
        break;
    case Qt::Key_P:
        scene.resetCamera(VolumeViewDirection::Posterior);
        break;
    case Qt::Key_L:
        scene.resetCamera(VolumeViewDirection::Left);
        break;
    case Qt::Key_S:
        scene.resetCamera(VolumeViewDirection::Superior);
        break;
    default:
        VtkOpenGLWidget::keyPressEvent(event);
        return;
    }
    update();
    event->accept();
}

bool VolumeViewWidget::event(QEvent* event)
{
    // The camera keys belong to this view while it has the keyboard, not to window shortcuts (tools).
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->modifiers() == Qt::NoModifier
            && (key->key() == Qt::Key_R || key->key() == Qt::Key_A || key->key() == Qt::Key_P || key->key() == Qt::Key_L
                || key->key() == Qt::Key_S)) {
            event->accept();
            return true;
        }
    }
    return VtkOpenGLWidget::event(event);
}

void VolumeViewWidget::enterEvent(QEnterEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    VtkOpenGLWidget::enterEvent(event);
}

} // namespace radmark::viewer
