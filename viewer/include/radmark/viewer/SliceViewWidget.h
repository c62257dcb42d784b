#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/viewer/SliceOverlayText.h"
#include "radmark/viewer/VtkOpenGLWidget.h"

#include <QString>

#include <memory>

namespace radmark::viewer {

class SliceRenderer;

// The on-screen slice view: a QOpenGLWidget hosting VTK (see ARCHITECTURE.md for why not VTK's
// own Qt widget). Mouse wheel and arrow / Page Up / Page Down (10 slices) / Home / End scroll
// (wheel down, Down and Page Down go to higher slice indices); right-drag
// changes window/level; Ctrl+wheel zooms; middle-drag pans; number keys select CT presets
// and 0 the header window; F fits; I toggles identifying text; O toggles the overlay.
class SliceViewWidget : public VtkOpenGLWidget {
    Q_OBJECT
public:
    explicit SliceViewWidget(QWidget* parent = nullptr);
    ~SliceViewWidget() override;

    void setVolume(std::shared_ptr<const annotation::ImageVolume> volume, const SliceOverlayText& text);
    void clearVolume();
    SliceRenderer& sliceRenderer();

    int sliceIndex() const;
    void setSliceIndex(int k);
    void setWindowLevel(const annotation::WindowLevel& window);
    void applyPresetKey(char key);  // '0'..'7'
    void fitToWindow();
    void setIdentifyingTextVisible(bool visible);
    void setOverlayVisible(bool visible);
    annotation::WindowLevel windowLevel() const;

signals:
    void sliceChanged(int sliceIndex, int sliceCount);
    void windowLevelChanged(double width, double level);
    // A one-line readout of the voxel under the mouse ("(i, j, k)  x, y, z mm  -35 HU"), empty outside.
    void hoverReadoutChanged(const QString& readout);

protected:
    void initializeGL() override;
    void resizeGL(int widthPx, int heightPx) override;
    void paintGL() override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    struct Private;
    std::unique_ptr<Private> m_private;
};

}  // namespace radmark::viewer
