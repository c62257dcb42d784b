#pragma once

#include "radmark/viewer/VtkOpenGLWidget.h"

#include <memory>

class QTimer;

namespace radmark::viewer {

class VolumeRenderer3d;

// The on-screen 3D view, driven by its VolumeRenderer3d. Left-drag rotates, right-drag or wheel
// zooms, middle-drag (or Shift+left-drag) pans; R resets the camera to the anterior view, A/P/L/S
// look from the anterior/posterior/left/superior side. While the user drags the ray caster samples
// coarser (smaller render cost); 150 ms after the last move one full-quality frame follows.
class VolumeViewWidget : public VtkOpenGLWidget {
    Q_OBJECT
public:
    explicit VolumeViewWidget(QWidget* parent = nullptr);
    ~VolumeViewWidget() override;

    VolumeRenderer3d& volumeRenderer();
    // Redraws coarsely now and at full quality once nothing changed for a moment (e.g. while the MPR
    // crosshair is dragged and the planes in 3D follow it).
    void updateInteractive();

protected:
    void initializeGL() override;
    void resizeGL(int widthPx, int heightPx) override;
    void paintGL() override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    bool event(QEvent* event) override;

private:
    void beginInteraction();

    struct Private;
    std::unique_ptr<Private> m_private;
};

} // namespace radmark::viewer
