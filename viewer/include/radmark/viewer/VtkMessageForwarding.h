#pragma once

namespace radmark::viewer {

// Routes VTK's error and warning output (vtkOutputWindow) into Qt's message system (qCritical /
// qWarning, prefixed "VTK:"), so that one message handler sees both toolkits: the application's log
// and the test mains, which fail a run on any unexpected warning. Call once, before the first render.
void forwardVtkMessagesToQt();

} // namespace radmark::viewer
