#include "radmark/viewer/SliceViewWidget.h"

#include "SliceTextFormat.h"
#include "radmark/annotation/EditTool.h"
#include "radmark/annotation/MarkHitTest.h"
#include "radmark/annotation/WindowPresets.h"
#include "radmark/viewer/SaliencyOverlay.h"
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

// Hover and pick radius around marks and handles, in screen pixels.
constexpr double kPickTolerancePx = 6.0;

enum class Drag { None, WindowLevel, Pan };

bool sameSlice(const annotation::SliceContext& a, const annotation::SliceContext& b)
{
    return a.reference == b.reference && a.columns == b.columns && a.rows == b.rows && a.sliceCount == b.sliceCount
        && a.plane.originLpsMm == b.plane.originLpsMm && a.plane.spacing.columnMm == b.plane.spacing.columnMm
        && a.plane.spacing.rowMm == b.plane.spacing.rowMm && a.plane.rowDirectionLps == b.plane.rowDirectionLps
        && a.plane.columnDirectionLps == b.plane.columnDirectionLps;
}

} // namespace

struct SliceViewWidget::Private {
    SliceRenderer slice;
    Drag drag = Drag::None;
    QPointF dragStartPx;
    QPointF lastPositionPx;
    annotation::WindowLevel windowAtDragStart;
    double wheelDegreesPending = 0.0;

    annotation::AnnotationTool* tool = nullptr;
    bool toolGesture = false; // a left press went to the tool and its release has not yet
    std::string seriesUid;
    std::vector<std::string> sopInstanceUidPerSlice;
    std::vector<int> framePerSlice;

    annotation::PixelPoint pixelAt(const QPointF& positionPx, double ratio) const
    {
        return slice.pixelAt(positionPx.x() * ratio, positionPx.y() * ratio);
    }
    double pickTolerancePx() const { return kPickTolerancePx / std::max(slice.zoomFactor(), 1e-6); }
};

SliceViewWidget::SliceViewWidget(QWidget* parent)
    : VtkOpenGLWidget(parent)
    , m_private(std::make_unique<Private>())
{
    renderWindow()->AddRenderer(m_private->slice.renderer());
}

SliceViewWidget::~SliceViewWidget() = default;

void SliceViewWidget::setVolume(std::shared_ptr<const annotation::ImageVolume> volume, const SliceOverlayText& text)
{
    Private& p = *m_private;
    SliceRenderer& slice = p.slice;
    if (p.tool != nullptr && !p.tool->isIdle()) {
        p.tool->cancel();
    }
    p.toolGesture = false;
    slice.setViewportSize(deviceWidthPx(), deviceHeightPx());
    slice.setOverlayText(text);
    slice.setVolume(std::move(volume));
    if (static_cast<int>(p.sopInstanceUidPerSlice.size()) != slice.sliceCount()) {
        p.sopInstanceUidPerSlice.clear();
        p.framePerSlice.clear();
    }
    emit sliceChanged(slice.sliceIndex(), slice.sliceCount());
    const annotation::WindowLevel window = slice.windowLevel();
    emit windowLevelChanged(window.width, window.level);
    update();
}

void SliceViewWidget::clearVolume()
{
    setVolume(nullptr, SliceOverlayText {});
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
        Private& p = *m_private;
        if (p.tool != nullptr && !p.tool->isIdle()) {
            // A gesture belongs to its slice.
            syncToolSlice();
            p.toolGesture = false;
            refreshDraft();
        }
        if (!slice.hoveredMarkId().empty()) {
            slice.setHoveredMarkId({});
            emit hoveredMarkChanged(QString());
        }
        update();
        emit sliceChanged(slice.sliceIndex(), slice.sliceCount());
        // The mouse did not move but the voxel under it changed.
        if (const std::optional<VoxelProbe> probe = slice.hoverProbe()) {
            emit hoverReadoutChanged(QString::fromStdString(singleLine(slice.hoverReadout(*probe))));
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

void SliceViewWidget::setAnnotationDocument(const annotation::AnnotationDocument* document)
{
    m_private->slice.setAnnotationDocument(document);
    update();
}

void SliceViewWidget::markOverlayChanged()
{
    SliceRenderer& slice = m_private->slice;
    const annotation::AnnotationDocument* document = slice.annotationDocument();
    // A selected or hovered mark that is gone (deleted, undone) is forgotten.
    if (!slice.selectedMarkId().empty() && (document == nullptr || document->find(slice.selectedMarkId()) == nullptr)) {
        slice.setSelectedMarkId({});
        emit markSelected(QString());
    }
    if (!slice.hoveredMarkId().empty() && (document == nullptr || document->find(slice.hoveredMarkId()) == nullptr)) {
        slice.setHoveredMarkId({});
        emit hoveredMarkChanged(QString());
    }
    slice.markOverlayChanged();
    update();
}

void SliceViewWidget::setSliceReferences(const std::string& seriesUid,
    const std::vector<std::string>& sopInstanceUidPerSlice, const std::vector<int>& framePerSlice)
{
    Private& p = *m_private;
    p.seriesUid = seriesUid;
    p.sopInstanceUidPerSlice = sopInstanceUidPerSlice;
    p.framePerSlice = framePerSlice;
    p.slice.setShownSeriesUid(seriesUid);
    update();
}

annotation::SliceContext SliceViewWidget::sliceContext() const
{
    const Private& p = *m_private;
    annotation::SliceContext context;
    const annotation::ImageVolume* volume = p.slice.volume();
    if (volume == nullptr) {
        return context;
    }
    const annotation::ImageGeometry& geometry = volume->geometry();
    const int k = p.slice.sliceIndex();
    const auto index = static_cast<std::size_t>(k);
    context.reference.seriesUid = p.seriesUid;
    context.reference.sopInstanceUid = index < p.sopInstanceUidPerSlice.size() ? p.sopInstanceUidPerSlice[index] : "";
    context.reference.frameIndex = index < p.framePerSlice.size() ? p.framePerSlice[index] : 0;
    context.reference.sliceIndex = k;
    context.plane = annotation::SlicePlane::fromGeometry(geometry, k);
    context.columns = geometry.columns;
    context.rows = geometry.rows;
    context.sliceCount = geometry.slices;
    return context;
}

void SliceViewWidget::setActiveTool(annotation::AnnotationTool* tool)
{
    Private& p = *m_private;
    if (p.tool == tool) {
        return;
    }
    if (p.tool != nullptr && !p.tool->isIdle()) {
        p.tool->cancel();
    }
    p.tool = tool;
    p.toolGesture = false;
    refreshDraft();
    update();
}

annotation::AnnotationTool* SliceViewWidget::activeTool() const
{
    return m_private->tool;
}

void SliceViewWidget::setSelectedMarkId(const QString& markId)
{
    m_private->slice.setSelectedMarkId(markId.toStdString());
    update();
}

void SliceViewWidget::setMarkAuthorColors(const std::vector<std::pair<std::string, std::array<double, 3>>>& colors)
{
    m_private->slice.setMarkAuthorColors(colors);
    update();
}

QString SliceViewWidget::selectedMarkId() const
{
    return QString::fromStdString(m_private->slice.selectedMarkId());
}

QString SliceViewWidget::hoveredMarkId() const
{
    return QString::fromStdString(m_private->slice.hoveredMarkId());
}

double SliceViewWidget::pickTolerancePx()
{
    return kPickTolerancePx;
}

void SliceViewWidget::syncToolSlice()
{
    Private& p = *m_private;
    if (p.tool == nullptr) {
        return;
    }
    const annotation::SliceContext context = sliceContext();
    // setSlice abandons a gesture: only when the slice really changed (RECIST waits between two drags).
    if (!sameSlice(p.tool->slice(), context)) {
        p.tool->setSlice(context);
    }
}

void SliceViewWidget::refreshDraft()
{
    Private& p = *m_private;
    // Also redraws the marks: the EditTool changes the document at every step.
    p.slice.setToolDraft(p.tool != nullptr ? p.tool->draft() : annotation::ToolDraft {});
}

void SliceViewWidget::updateHover(const annotation::PixelPoint& pointPx)
{
    Private& p = *m_private;
    const annotation::AnnotationDocument* document = p.slice.annotationDocument();
    annotation::MarkId hovered;
    if (document != nullptr && p.slice.volume() != nullptr) {
        hovered = annotation::hitTestMarks(
            document->marks(), p.slice.shownSeriesUid(), p.slice.sliceIndex(), pointPx, p.pickTolerancePx())
                      .markId;
    }
    if (hovered != p.slice.hoveredMarkId()) {
        p.slice.setHoveredMarkId(hovered);
        emit hoveredMarkChanged(QString::fromStdString(hovered));
    }
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
        p.slice.zoomBy(
            std::pow(kZoomPerWheelStep, steps), event->position().x() * ratio, event->position().y() * ratio);
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
    } else if (event->button() == Qt::LeftButton && p.tool != nullptr && p.slice.volume() != nullptr) {
        const annotation::PixelPoint pointPx = p.pixelAt(event->position(), devicePixelRatioF());
        syncToolSlice();
        if (auto* edit = dynamic_cast<annotation::EditTool*>(p.tool)) {
            edit->setTolerancePx(p.pickTolerancePx());
            const annotation::MarkHit hit = edit->hitAt(pointPx);
            const bool hadSelection = !p.slice.selectedMarkId().empty();
            p.slice.setSelectedMarkId(hit.markId);
            if (!hit.markId.empty() || hadSelection) {
                emit markSelected(QString::fromStdString(hit.markId));
            }
        }
        p.tool->press(pointPx);
        p.toolGesture = true;
        refreshDraft();
        update();
        event->accept();
        return;
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
        setWindowLevel({ std::max(p.windowAtDragStart.width + moved.x() * valuesPerPx, 1.0),
            p.windowAtDragStart.level + moved.y() * valuesPerPx });
    } else if (p.drag == Drag::Pan) {
        const QPointF moved = event->position() - p.lastPositionPx;
        p.slice.panBy(moved.x() * ratio, moved.y() * ratio);
        update();
    }
    p.lastPositionPx = event->position();
    if (p.slice.volume() != nullptr) {
        const annotation::PixelPoint pointPx = p.pixelAt(event->position(), ratio);
        if (p.toolGesture && p.tool != nullptr && (event->buttons() & Qt::LeftButton)) {
            p.tool->move(pointPx);
            refreshDraft();
        }
        if (p.drag == Drag::None) {
            updateHover(pointPx);
        }
    }

    const VoxelProbe probe = p.slice.probeAt(event->position().x() * ratio, event->position().y() * ratio);
    if (probe.insideImage) {
        p.slice.setHoverProbe(probe);
    } else {
        p.slice.setHoverProbe(std::nullopt);
    }
    emit hoverReadoutChanged(QString::fromStdString(singleLine(p.slice.hoverReadout(probe))));
    update();
    event->accept();
}

void SliceViewWidget::mouseReleaseEvent(QMouseEvent* event)
{
    Private& p = *m_private;
    if ((event->button() == Qt::RightButton && p.drag == Drag::WindowLevel)
        || (event->button() == Qt::MiddleButton && p.drag == Drag::Pan)) {
        p.drag = Drag::None;
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && p.toolGesture) {
        p.toolGesture = false;
        if (p.tool != nullptr && p.slice.volume() != nullptr) {
            p.tool->release(p.pixelAt(event->position(), devicePixelRatioF()));
            refreshDraft();
            update();
        }
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
    case Qt::Key_Up:
        setSliceIndex(k - 1);
        break;
    case Qt::Key_Down:
        setSliceIndex(k + 1);
        break;
    case Qt::Key_PageUp:
        setSliceIndex(k - kPageSlices);
        break;
    case Qt::Key_PageDown:
        setSliceIndex(k + kPageSlices);
        break;
    case Qt::Key_Home:
        setSliceIndex(0);
        break;
    case Qt::Key_End:
        setSliceIndex(p.slice.sliceCount() - 1);
        break;
    case Qt::Key_F:
        fitToWindow();
        break;
    case Qt::Key_I:
        setIdentifyingTextVisible(!p.slice.identifyingTextVisible());
        break;
    case Qt::Key_O:
        setOverlayVisible(!p.slice.overlayVisible());
        break;
    case Qt::Key_H: // saliency map ("heat map") on / off
        p.slice.saliencyOverlay().setVisible(!p.slice.saliencyOverlay().visible());
        update();
        break;
    case Qt::Key_Escape:
        if (p.tool == nullptr || p.tool->isIdle()) {
            VtkOpenGLWidget::keyPressEvent(event);
            return;
        }
        p.tool->cancel();
        p.toolGesture = false;
        refreshDraft();
        update();
        break;
    case Qt::Key_Delete:
        if (p.slice.selectedMarkId().empty()) {
            VtkOpenGLWidget::keyPressEvent(event);
            return;
        }
        emit deleteSelectedRequested();
        break;
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
    if (!m_private->slice.hoveredMarkId().empty()) {
        m_private->slice.setHoveredMarkId({});
        emit hoveredMarkChanged(QString());
    }
    m_private->slice.setHoverProbe(std::nullopt);
    emit hoverReadoutChanged(QString());
    update();
    VtkOpenGLWidget::leaveEvent(event);
}

} // namespace radmark::viewer
