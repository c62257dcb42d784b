#pragma once

#include "radmark/annotation/MprPlane.h"
#include "radmark/viewer/VtkOpenGLWidget.h"

#include <QString>

#include <memory>

namespace radmark::viewer {

class MprPlaneRenderer;

// One on-screen MPR view (axial, coronal or sagittal), driven by its MprPlaneRenderer.
// Left click or drag moves the crosshair to the point (crosshairMoveRequested; the owner moves every
// view). Wheel, Up/Down, Page Up/Down step the plane along its normal (one sampling step; ten with
// Page keys). Right-drag changes window/level, Ctrl+wheel zooms, middle-drag pans, F fits, 0-7 pick
// window presets, O toggles the overlay text.
class MprViewWidget : public VtkOpenGLWidget {
    Q_OBJECT
public:
    explicit MprViewWidget(annotation::MprOrientation orientation, QWidget* parent = nullptr);
    ~MprViewWidget() override;

    MprPlaneRenderer& planeRenderer();
    annotation::MprOrientation orientation() const;

signals:
    void crosshairMoveRequested(const annotation::Vector3& pointLpsMm);
    void windowLevelChangeRequested(double width, double level);
    void presetKeyPressed(char key);
    void hoverReadoutChanged(const QString& readout);

protected:
    void resizeGL(int widthPx, int heightPx) override;
    void paintGL() override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void stepPlane(int steps);

    struct Private;
    std::unique_ptr<Private> m_private;
};

} // namespace radmark::viewer
