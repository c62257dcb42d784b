#pragma once

class QMainWindow;

namespace radmark::viewer {
class SliceViewWidget;
}

namespace radmark::app {

class AnnotationSession;
class SaliencyReviewPanel;

// Builds the saliency review panel in a dock on the right of the window, with its shortcuts, a
// View menu entry to show it, and the annotation author as reviewer.
SaliencyReviewPanel* addSaliencyReviewDock(
    QMainWindow* window, viewer::SliceViewWidget* view, AnnotationSession* annotations);

} // namespace radmark::app
