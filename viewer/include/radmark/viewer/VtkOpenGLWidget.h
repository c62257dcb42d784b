#pragma once

#include <QOpenGLWidget>

#include <memory>

class vtkGenericOpenGLRenderWindow;

namespace radmark::viewer {

// A QOpenGLWidget that hosts a vtkGenericOpenGLRenderWindow in Qt 6. Debian's VTK Qt widgets are
// built against Qt 5 and must never be linked (see /work/shared/notes/qt6-vtk-bridge.md).
// VTK renders into its own framebuffers inside the widget's context; paintGL blits VTK's display
// framebuffer into the widget's framebuffer, so grabFramebuffer() returns what the user sees.
// Add renderers to renderWindow(); call update() to render (only on demand).
class VtkOpenGLWidget : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit VtkOpenGLWidget(QWidget* parent = nullptr);
    ~VtkOpenGLWidget() override;

    vtkGenericOpenGLRenderWindow* renderWindow() const;

    // Renders into the widget's framebuffer now and waits for OpenGL to finish (benchmarks, tests).
    // The screen shows it after Qt's next composition; normal code calls update() instead.
    void renderNow();

    // Widget size in device pixels (logical size times the device pixel ratio).
    int deviceWidthPx() const;
    int deviceHeightPx() const;

protected:
    void initializeGL() override;
    void resizeGL(int widthPx, int heightPx) override;
    void paintGL() override;

private:
    void releaseVtkGraphics();

    struct Private;
    std::unique_ptr<Private> m_private;
};

} // namespace radmark::viewer
