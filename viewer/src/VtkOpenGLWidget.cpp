#include "radmark/viewer/VtkOpenGLWidget.h"

#include <QOpenGLContext>
#include <QOpenGLFunctions>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkNew.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkSmartPointer.h>

#include <cmath>

#ifndef GL_LEQUAL
#define GL_LEQUAL 0x0203
#endif
#ifndef GL_DRAW_FRAMEBUFFER
#define GL_DRAW_FRAMEBUFFER 0x8CA9
#endif
#ifndef GL_READ_FRAMEBUFFER
#define GL_READ_FRAMEBUFFER 0x8CA8
#endif
#ifndef GL_COLOR_ATTACHMENT0
#define GL_COLOR_ATTACHMENT0 0x8CE0
#endif
#ifndef GL_COLOR_BUFFER_BIT
#define GL_COLOR_BUFFER_BIT 0x00004000
#endif
#ifndef GL_NEAREST
#define GL_NEAREST 0x2600
#endif

namespace radmark::viewer {

struct VtkOpenGLWidget::Private {
    vtkSmartPointer<vtkGenericOpenGLRenderWindow> renderWindow;
    vtkNew<vtkCallbackCommand> makeCurrentCommand;
    vtkNew<vtkCallbackCommand> isCurrentCommand;
    unsigned long makeCurrentTag = 0;
    unsigned long isCurrentTag = 0;
    bool graphicsInitialized = false;
};

namespace {

// VTK asks to make its context current: that is the widget's context. QOpenGLWidget::makeCurrent()
// would also rebind Qt's framebuffer behind VTK's cached bindings, so use QOpenGLContext directly.
void onMakeCurrent(vtkObject*, unsigned long, void* clientData, void*)
{
    auto* widget = static_cast<QOpenGLWidget*>(clientData);
    QOpenGLContext* context = widget->context();
    if (context != nullptr && QOpenGLContext::currentContext() != context) {
        context->makeCurrent(context->surface());
    }
}

void onIsCurrent(vtkObject*, unsigned long, void* clientData, void* callData)
{
    auto* widget = static_cast<QOpenGLWidget*>(clientData);
    bool* isCurrent = static_cast<bool*>(callData);
    *isCurrent = widget->context() != nullptr && QOpenGLContext::currentContext() == widget->context();
}

} // namespace

VtkOpenGLWidget::VtkOpenGLWidget(QWidget* parent)
    : QOpenGLWidget(parent)
    , m_private(std::make_unique<Private>())
{
    Private& p = *m_private;
    p.renderWindow = vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New();
    p.renderWindow->SetReadyForRendering(false);
    p.renderWindow->SetFrameBlitModeToNoBlit();
    p.renderWindow->SetOwnContext(0);
    p.renderWindow->SetMultiSamples(0);
    // Without swapping, Frame() skips copying the render framebuffer (colour and depth) into VTK's
    // display framebuffer; paintGL copies the colour straight into Qt's framebuffer instead, which
    // saves a full-window pass per frame (measurable with software OpenGL).
    p.renderWindow->SwapBuffersOff();
    p.makeCurrentCommand->SetClientData(this);
    p.makeCurrentCommand->SetCallback(&onMakeCurrent);
    p.isCurrentCommand->SetClientData(this);
    p.isCurrentCommand->SetCallback(&onIsCurrent);
    p.makeCurrentTag = p.renderWindow->AddObserver(vtkCommand::WindowMakeCurrentEvent, p.makeCurrentCommand);
    p.isCurrentTag = p.renderWindow->AddObserver(vtkCommand::WindowIsCurrentEvent, p.isCurrentCommand);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
}

VtkOpenGLWidget::~VtkOpenGLWidget()
{
    releaseVtkGraphics();
    // QOpenGLWidget's destructor destroys the context after m_private is gone; its aboutToBeDestroyed must
    // not reach releaseVtkGraphics() then (a use after free, a crash in the clang build).
    if (context() != nullptr) {
        disconnect(context(), nullptr, this, nullptr);
    }
    m_private->renderWindow->RemoveObserver(m_private->makeCurrentTag);
    m_private->renderWindow->RemoveObserver(m_private->isCurrentTag);
}

void VtkOpenGLWidget::releaseVtkGraphics()
{
    Private& p = *m_private;
    if (!p.graphicsInitialized || context() == nullptr) {
        return;
    }
    // VTK's textures, shaders and framebuffers live in the widget's context: free them while it exists.
    makeCurrent();
    p.renderWindow->Finalize();
    p.renderWindow->SetReadyForRendering(false);
    doneCurrent();
    p.graphicsInitialized = false;
}

vtkGenericOpenGLRenderWindow* VtkOpenGLWidget::renderWindow() const
{
    return m_private->renderWindow;
}

void VtkOpenGLWidget::renderNow()
{
    if (!isValid()) {
        return;
    }
    makeCurrent();
    paintGL();
    context()->functions()->glFinish();
    doneCurrent();
}

int VtkOpenGLWidget::deviceWidthPx() const
{
    return static_cast<int>(std::lround(width() * devicePixelRatioF()));
}

int VtkOpenGLWidget::deviceHeightPx() const
{
    return static_cast<int>(std::lround(height() * devicePixelRatioF()));
}

void VtkOpenGLWidget::initializeGL()
{
    Private& p = *m_private;
    if (p.graphicsInitialized) {
        // A new context (e.g. the widget moved to another top-level window): drop the old resources.
        p.renderWindow->Finalize();
    }
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &VtkOpenGLWidget::releaseVtkGraphics,
        Qt::UniqueConnection);
    p.renderWindow->GetState()->Reset();
    p.renderWindow->GetState()->vtkglDepthFunc(GL_LEQUAL);
    p.renderWindow->SetForceMaximumHardwareLineWidth(1);
    p.renderWindow->SetReadyForRendering(true);
    p.renderWindow->SetSize(std::max(deviceWidthPx(), 1), std::max(deviceHeightPx(), 1));
    p.renderWindow->OpenGLInitContext();
    p.graphicsInitialized = true;
}

void VtkOpenGLWidget::resizeGL(int, int)
{
    m_private->renderWindow->SetSize(std::max(deviceWidthPx(), 1), std::max(deviceHeightPx(), 1));
}

void VtkOpenGLWidget::paintGL()
{
    Private& p = *m_private;
    if (!p.graphicsInitialized) {
        return;
    }
    const int widthPx = std::max(deviceWidthPx(), 1);
    const int heightPx = std::max(deviceHeightPx(), 1);
    const int* sizePx = p.renderWindow->GetSize();
    if (sizePx[0] != widthPx || sizePx[1] != heightPx) {
        p.renderWindow->SetSize(widthPx, heightPx);
    }
    vtkOpenGLState* state = p.renderWindow->GetState();
    state->Reset();
    state->Push();
    state->vtkglDepthFunc(GL_LEQUAL);
    p.renderWindow->Render();

    // Through VTK's state cache, so that its idea of the bound framebuffer stays true.
    state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    state->vtkglDrawBuffer(GL_COLOR_ATTACHMENT0);
    state->vtkglViewport(0, 0, widthPx, heightPx);
    state->vtkglScissor(0, 0, widthPx, heightPx);
    vtkOpenGLFramebufferObject* rendered = p.renderWindow->GetRenderFramebuffer();
    rendered->Bind(GL_READ_FRAMEBUFFER);
    rendered->ActivateReadBuffer(0);
    state->vtkglBlitFramebuffer(0, 0, widthPx, heightPx, 0, 0, widthPx, heightPx, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    state->Pop();
}

} // namespace radmark::viewer
