#include "radmark/viewer/ViewerLayoutWidget.h"

#include "radmark/annotation/PlaneResampler.h"
#include "radmark/annotation/WindowPresets.h"
#include "radmark/viewer/MprPlaneRenderer.h"
#include "radmark/viewer/MprViewWidget.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"
#include "radmark/viewer/VolumeRenderer3d.h"
#include "radmark/viewer/VolumeViewWidget.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <array>
#include <cmath>

namespace radmark::viewer {

namespace {

constexpr std::array<annotation::MprOrientation, 3> kOrientations
    = { annotation::MprOrientation::Axial, annotation::MprOrientation::Coronal, annotation::MprOrientation::Sagittal };
// During a crosshair drag the 3D view (hundreds of ms per frame in software OpenGL) follows at this pace.
constexpr int k3dFollowDelayMs = 200;

int indexOf(annotation::MprOrientation orientation)
{
    return static_cast<int>(orientation);
}

} // namespace

struct ViewerLayoutWidget::Private {
    SliceViewWidget* sliceView = nullptr;
    std::array<MprViewWidget*, 3> planes {};
    VolumeViewWidget* volume3d = nullptr;
    QStackedWidget* stack = nullptr;
    QWidget* grid = nullptr;
    QGridLayout* gridLayout = nullptr;
    QLabel* reasonLabel = nullptr;
    std::array<QAction*, 3> layoutActions {};
    QAction* linkWindowAction = nullptr;
    QAction* planesIn3dAction = nullptr;
    QAction* mipAction = nullptr;
    QComboBox* presetCombo = nullptr;
    QList<QAction*> options3d;
    QTimer* follow3d = nullptr;

    std::shared_ptr<const annotation::ImageVolume> volume;
    std::shared_ptr<const annotation::PlaneResampler> resampler;
    QString unavailableReason;
    ViewerLayout layout = ViewerLayout::Single;
    annotation::Vector3 crosshair;
};

ViewerLayoutWidget::ViewerLayoutWidget(SliceViewWidget* sliceView, QWidget* parent)
    : QWidget(parent)
    , m_private(std::make_unique<Private>())
{
    Private& p = *m_private;
    setObjectName("viewerLayout");
    p.sliceView = sliceView;

    auto* bar = new QToolBar(this);
    bar->setObjectName("viewerLayoutBar");
    bar->setIconSize(QSize(16, 16));
    auto* group = new QActionGroup(this);
    const QString names[3] = { tr("1×1"), tr("1×3"), tr("2×2") };
    const QString tips[3] = { tr("Slice view with marks and tools (Ctrl+1)"),
        tr("Axial, coronal and sagittal views with a linked crosshair (Ctrl+2)"),
        tr("Three planes and the 3D view (Ctrl+3)") };
    for (int index = 0; index < 3; ++index) {
        QAction* action = group->addAction(names[index]);
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + index)));
        action->setToolTip(tips[index]);
        action->setObjectName(QString("layoutAction%1").arg(index));
        connect(
            action, &QAction::triggered, this, [this, index] { setViewerLayout(static_cast<ViewerLayout>(index)); });
        p.layoutActions[index] = action;
        bar->addAction(action);
        addAction(action);
    }
    p.layoutActions[0]->setChecked(true);
    bar->addSeparator();
    p.linkWindowAction = bar->addAction(tr("Link W/L"));
    p.linkWindowAction->setCheckable(true);
    p.linkWindowAction->setChecked(true);
    p.linkWindowAction->setToolTip(tr("Window/level changes in one view apply to every view"));
    bar->addSeparator();
    p.presetCombo = new QComboBox(bar);
    p.presetCombo->setObjectName("volumePresetCombo");
    for (VolumePreset preset :
        { VolumePreset::CtBone, VolumePreset::CtSoftTissue, VolumePreset::CtAngiography, VolumePreset::MrDefault }) {
        p.presetCombo->addItem(tr(volumePresetName(preset)), static_cast<int>(preset));
    }
    p.presetCombo->setToolTip(tr("3D transfer function"));
    p.options3d.append(bar->addWidget(p.presetCombo));
    p.mipAction = bar->addAction(tr("MIP"));
    p.mipAction->setCheckable(true);
    p.mipAction->setToolTip(
        tr("Maximum-intensity projection in the 3D view, in a grey window of its own (CT: -200 to 1500 HU)"));
    p.planesIn3dAction = bar->addAction(tr("Planes in 3D"));
    p.planesIn3dAction->setCheckable(true);
    p.planesIn3dAction->setChecked(true);
    p.planesIn3dAction->setToolTip(tr("Show the three MPR planes as slices in the 3D view"));
    p.options3d.append(p.mipAction);
    p.options3d.append(p.planesIn3dAction);
    p.reasonLabel = new QLabel(bar);
    p.reasonLabel->setObjectName("mprUnavailableReason");
    p.reasonLabel->setStyleSheet("QLabel { color: #ffcc66; padding-left: 8px; }");
    bar->addWidget(p.reasonLabel);

    p.volume3d = new VolumeViewWidget(this);
    p.grid = new QWidget(this);
    p.gridLayout = new QGridLayout(p.grid);
    p.gridLayout->setContentsMargins(0, 0, 0, 0);
    p.gridLayout->setSpacing(2);
    for (annotation::MprOrientation orientation : kOrientations) {
        auto* view = new MprViewWidget(orientation, p.grid);
        p.planes[indexOf(orientation)] = view;
        connect(view, &MprViewWidget::crosshairMoveRequested, this, &ViewerLayoutWidget::setCrosshair);
        connect(view, &MprViewWidget::windowLevelChangeRequested, this,
            [this, orientation](double width, double level) { applyWindowLevel(orientation, width, level); });
        connect(view, &MprViewWidget::presetKeyPressed, this,
            [this, orientation](char key) { applyPresetKey(orientation, key); });
        connect(view, &MprViewWidget::hoverReadoutChanged, this, &ViewerLayoutWidget::hoverReadoutChanged);
    }
    p.volume3d->setParent(p.grid);

    p.stack = new QStackedWidget(this);
    p.stack->addWidget(sliceView);
    p.stack->addWidget(p.grid);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bar);
    layout->addWidget(p.stack, 1);

    p.follow3d = new QTimer(this);
    p.follow3d->setSingleShot(true);
    p.follow3d->setInterval(k3dFollowDelayMs);
    connect(p.follow3d, &QTimer::timeout, this, &ViewerLayoutWidget::refresh3dPlanes);

    connect(p.linkWindowAction, &QAction::toggled, this, &ViewerLayoutWidget::setWindowLevelLinked);
    connect(p.presetCombo, &QComboBox::activated, this, [this](int index) {
        Private& q = *m_private;
        q.volume3d->volumeRenderer().setPreset(static_cast<VolumePreset>(q.presetCombo->itemData(index).toInt()));
        q.volume3d->update();
    });
    connect(p.mipAction, &QAction::toggled, this, [this](bool mip) {
        Private& q = *m_private;
        q.volume3d->volumeRenderer().setBlend(mip ? VolumeBlend::MaximumIntensity : VolumeBlend::Composite);
        q.volume3d->update();
    });
    connect(p.planesIn3dAction, &QAction::toggled, this, [this](bool visible) {
        m_private->volume3d->volumeRenderer().setPlanesVisible(visible);
        m_private->volume3d->update();
    });
    connect(sliceView, &SliceViewWidget::windowLevelChanged, this, [this](double width, double level) {
        Private& q = *m_private;
        // Presets and right-drag in the slice view (or the window's preset buttons) reach the MPR views.
        if (windowLevelLinked() && q.resampler) {
            for (MprViewWidget* view : q.planes) {
                view->planeRenderer().setWindowLevel({ width, level });
                view->update();
            }
            // The planes in 3D show the new window too (they kept the old one).
            if (q.layout == ViewerLayout::PlanesAnd3d && !q.follow3d->isActive()) {
                q.follow3d->start();
            }
        }
    });
    arrangeViews();
    setVolume(nullptr, {});
}

ViewerLayoutWidget::~ViewerLayoutWidget() = default;

void ViewerLayoutWidget::setVolume(std::shared_ptr<const annotation::ImageVolume> volume, const SliceOverlayText& text)
{
    Private& p = *m_private;
    p.volume = std::move(volume);
    p.resampler = nullptr;
    p.unavailableReason.clear();
    if (!p.volume) {
        p.unavailableReason = tr("no series open");
    } else if (const auto reason = annotation::mprUnavailableReason(*p.volume)) {
        p.unavailableReason = QString::fromStdString(*reason);
    } else {
        p.resampler = std::make_shared<const annotation::PlaneResampler>(p.volume);
    }
    for (MprViewWidget* view : p.planes) {
        view->planeRenderer().setOverlayText(text);
        view->planeRenderer().setResampler(p.resampler);
        if (p.resampler) {
            view->planeRenderer().setWindowLevel(p.sliceView->windowLevel());
        }
    }
    VolumeRenderer3d& scene = p.volume3d->volumeRenderer();
    scene.setVolume(p.resampler ? p.volume : nullptr);
    if (p.resampler) {
        const int presetIndex = p.presetCombo->findData(static_cast<int>(scene.preset()));
        p.presetCombo->setCurrentIndex(presetIndex);
        scene.setBlend(p.mipAction->isChecked() ? VolumeBlend::MaximumIntensity : VolumeBlend::Composite);
        scene.setPlanesVisible(p.planesIn3dAction->isChecked());
        p.crosshair = p.planes[0]->planeRenderer().crosshair();
    }
    const bool available = p.resampler != nullptr;
    p.layoutActions[1]->setEnabled(available);
    p.layoutActions[2]->setEnabled(available);
    for (QAction* action : p.options3d) {
        action->setEnabled(available);
    }
    const QString tip = available ? QString() : tr("MPR and 3D unavailable: %1").arg(p.unavailableReason);
    p.reasonLabel->setText(p.volume ? tip : QString());
    p.reasonLabel->setVisible(p.volume && !available);
    if (!available && p.layout != ViewerLayout::Single) {
        setViewerLayout(ViewerLayout::Single);
    } else if (available && p.layout != ViewerLayout::Single) {
        // A new series in an MPR layout: start at the centre of the slice the slice view shows.
        ViewerLayout current = p.layout;
        p.layout = ViewerLayout::Single;
        setViewerLayout(current);
    }
    refresh3dPlanes();
}

void ViewerLayoutWidget::clearVolume()
{
    setVolume(nullptr, {});
}

void ViewerLayoutWidget::setAnnotationDocument(
    const annotation::AnnotationDocument* document, const std::string& seriesUid)
{
    Private& p = *m_private;
    for (MprViewWidget* view : p.planes) {
        view->planeRenderer().setAnnotationDocument(document, seriesUid);
        view->update();
    }
    p.volume3d->volumeRenderer().setAnnotationDocument(document, seriesUid);
    p.volume3d->update();
}

void ViewerLayoutWidget::markOverlayChanged()
{
    Private& p = *m_private;
    for (MprViewWidget* view : p.planes) {
        view->planeRenderer().markOverlayChanged();
        view->update();
    }
    p.volume3d->volumeRenderer().markOverlayChanged();
    p.volume3d->update();
}

void ViewerLayoutWidget::setIdentifyingTextVisible(bool visible)
{
    for (MprViewWidget* view : m_private->planes) {
        view->planeRenderer().setIdentifyingTextVisible(visible);
        view->update();
    }
}

ViewerLayout ViewerLayoutWidget::viewerLayout() const
{
    return m_private->layout;
}

void ViewerLayoutWidget::setViewerLayout(ViewerLayout layout)
{
    Private& p = *m_private;
    if (layout != ViewerLayout::Single && !p.resampler) {
        layout = ViewerLayout::Single;
    }
    const ViewerLayout previous = p.layout;
    p.layout = layout;
    p.layoutActions[static_cast<int>(layout)]->setChecked(true);
    if (previous == ViewerLayout::Single && layout != ViewerLayout::Single) {
        const SliceRenderer& slice = p.sliceView->sliceRenderer();
        if (const annotation::ImageVolume* volume = slice.volume()) {
            const annotation::ImageGeometry& g = volume->geometry();
            setCrosshair(g.voxelToPatient(
                { (g.columns - 1) / 2.0, (g.rows - 1) / 2.0, static_cast<double>(slice.sliceIndex()) }));
        }
        if (windowLevelLinked()) {
            const annotation::WindowLevel window = p.sliceView->windowLevel();
            applyWindowLevel(annotation::MprOrientation::Axial, window.width, window.level);
        }
    } else if (previous != ViewerLayout::Single && layout == ViewerLayout::Single && p.volume) {
        const annotation::VoxelCoordinate voxel = p.volume->geometry().patientToVoxel(p.crosshair);
        p.sliceView->setSliceIndex(static_cast<int>(std::lround(voxel.k)));
        if (windowLevelLinked()) {
            p.sliceView->setWindowLevel(p.planes[0]->planeRenderer().windowLevel());
        }
    }
    arrangeViews();
    if (layout == ViewerLayout::PlanesAnd3d) {
        refresh3dPlanes();
    }
    emit viewerLayoutChanged(layout);
}

void ViewerLayoutWidget::arrangeViews()
{
    Private& p = *m_private;
    for (QWidget* widget : { static_cast<QWidget*>(p.planes[0]), static_cast<QWidget*>(p.planes[1]),
             static_cast<QWidget*>(p.planes[2]), static_cast<QWidget*>(p.volume3d) }) {
        p.gridLayout->removeWidget(widget);
    }
    for (int row = 0; row < 2; ++row) {
        p.gridLayout->setRowStretch(row, 0);
    }
    for (int column = 0; column < 3; ++column) {
        p.gridLayout->setColumnStretch(column, 0);
    }
    MprViewWidget* axial = p.planes[indexOf(annotation::MprOrientation::Axial)];
    MprViewWidget* coronal = p.planes[indexOf(annotation::MprOrientation::Coronal)];
    MprViewWidget* sagittal = p.planes[indexOf(annotation::MprOrientation::Sagittal)];
    switch (p.layout) {
    case ViewerLayout::Single:
        p.stack->setCurrentWidget(p.sliceView);
        p.volume3d->hide();
        return;
    case ViewerLayout::ThreePlanes:
        p.gridLayout->addWidget(axial, 0, 0);
        p.gridLayout->addWidget(coronal, 0, 1);
        p.gridLayout->addWidget(sagittal, 0, 2);
        p.gridLayout->setRowStretch(0, 1);
        for (int column = 0; column < 3; ++column) {
            p.gridLayout->setColumnStretch(column, 1);
        }
        p.volume3d->hide();
        break;
    case ViewerLayout::PlanesAnd3d:
        p.gridLayout->addWidget(axial, 0, 0);
        p.gridLayout->addWidget(coronal, 0, 1);
        p.gridLayout->addWidget(sagittal, 1, 0);
        p.gridLayout->addWidget(p.volume3d, 1, 1);
        p.volume3d->show();
        for (int index = 0; index < 2; ++index) {
            p.gridLayout->setRowStretch(index, 1);
            p.gridLayout->setColumnStretch(index, 1);
        }
        break;
    }
    for (MprViewWidget* view : p.planes) {
        view->show();
    }
    p.stack->setCurrentWidget(p.grid);
}

QString ViewerLayoutWidget::mprUnavailableReason() const
{
    return m_private->resampler ? QString() : m_private->unavailableReason;
}

annotation::Vector3 ViewerLayoutWidget::crosshair() const
{
    return m_private->crosshair;
}

void ViewerLayoutWidget::setCrosshair(const annotation::Vector3& pointLpsMm)
{
    Private& p = *m_private;
    if (!p.resampler) {
        return;
    }
    // Kept inside the volume's bounds, so a drag past the edge does not lose the planes.
    const annotation::PatientBounds bounds = annotation::patientBounds(p.volume->geometry());
    const annotation::Vector3 point { std::clamp(pointLpsMm.x, bounds.minimumLpsMm.x, bounds.maximumLpsMm.x),
        std::clamp(pointLpsMm.y, bounds.minimumLpsMm.y, bounds.maximumLpsMm.y),
        std::clamp(pointLpsMm.z, bounds.minimumLpsMm.z, bounds.maximumLpsMm.z) };
    p.crosshair = point;
    for (MprViewWidget* view : p.planes) {
        view->planeRenderer().setCrosshair(point);
        view->update();
    }
    if (p.layout == ViewerLayout::PlanesAnd3d && !p.follow3d->isActive()) {
        p.follow3d->start();
    }
    emit crosshairChanged(point);
}

void ViewerLayoutWidget::refresh3dPlanes()
{
    Private& p = *m_private;
    if (!p.resampler) {
        return;
    }
    VolumeRenderer3d& scene = p.volume3d->volumeRenderer();
    for (MprViewWidget* view : p.planes) {
        const MprPlaneRenderer& plane = view->planeRenderer();
        scene.setPlane(plane.orientation(), plane.planeImage(), plane.planeGrid(), plane.windowLevel());
    }
    // Only the planes follow the 2D views (MIP has a window of its own); otherwise the 3D picture is unchanged.
    if (p.layout == ViewerLayout::PlanesAnd3d && scene.planesVisible()) {
        p.volume3d->updateInteractive();
    }
}

void ViewerLayoutWidget::setWindowLevelLinked(bool linked)
{
    m_private->linkWindowAction->setChecked(linked);
}

bool ViewerLayoutWidget::windowLevelLinked() const
{
    return m_private->linkWindowAction->isChecked();
}

void ViewerLayoutWidget::applyWindowLevel(annotation::MprOrientation source, double width, double level)
{
    Private& p = *m_private;
    const annotation::WindowLevel window { width, level };
    if (!windowLevelLinked()) {
        p.planes[indexOf(source)]->planeRenderer().setWindowLevel(window);
        p.planes[indexOf(source)]->update();
        return;
    }
    for (MprViewWidget* view : p.planes) {
        view->planeRenderer().setWindowLevel(window);
        view->update();
    }
    p.sliceView->setWindowLevel(window);
    if (p.layout == ViewerLayout::PlanesAnd3d && !p.follow3d->isActive()) {
        p.follow3d->start();
    }
}

void ViewerLayoutWidget::applyPresetKey(annotation::MprOrientation source, char key)
{
    if (!m_private->volume) {
        return;
    }
    annotation::WindowLevel window = m_private->volume->defaultWindow();
    for (const annotation::WindowPreset& preset : annotation::ctWindowPresets()) {
        if (preset.shortcutKey == key) {
            window = preset.window;
        }
    }
    applyWindowLevel(source, window.width, window.level);
}

MprViewWidget* ViewerLayoutWidget::mprView(annotation::MprOrientation orientation) const
{
    return m_private->planes[indexOf(orientation)];
}

VolumeViewWidget* ViewerLayoutWidget::volumeView() const
{
    return m_private->volume3d;
}

SliceViewWidget* ViewerLayoutWidget::sliceView() const
{
    return m_private->sliceView;
}

QList<QAction*> ViewerLayoutWidget::layoutActions() const
{
    return { m_private->layoutActions[0], m_private->layoutActions[1], m_private->layoutActions[2] };
}

} // namespace radmark::viewer
