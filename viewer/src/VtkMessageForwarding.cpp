#include "radmark/viewer/VtkMessageForwarding.h"

#include <QtGlobal>

#include <vtkObjectFactory.h>
#include <vtkOutputWindow.h>
#include <vtkSmartPointer.h>

namespace radmark::viewer {
namespace {

class QtMessageOutputWindow : public vtkOutputWindow {
public:
    static QtMessageOutputWindow* New();
    vtkTypeMacro(QtMessageOutputWindow, vtkOutputWindow)

        void DisplayErrorText(const char* text) override
    {
        qCritical("VTK: %s", text);
    }
    void DisplayWarningText(const char* text) override { qWarning("VTK: %s", text); }
    void DisplayGenericWarningText(const char* text) override { qWarning("VTK: %s", text); }
    // Plain text and debug output are diagnostics a user never needs to see.
    void DisplayText(const char*) override { }
    void DisplayDebugText(const char*) override { }
};

vtkStandardNewMacro(QtMessageOutputWindow);

} // namespace

void forwardVtkMessagesToQt()
{
    vtkSmartPointer<QtMessageOutputWindow> window = vtkSmartPointer<QtMessageOutputWindow>::New();
    vtkOutputWindow::SetInstance(window);
}

} // namespace radmark::viewer
