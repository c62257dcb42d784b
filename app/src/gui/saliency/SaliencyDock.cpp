#include "gui/saliency/SaliencyDock.h"

#include "gui/AnnotationSession.h"
#include "gui/saliency/SaliencyReviewPanel.h"

#include <QDockWidget>
#include <QLineEdit>
#include <QMainWindow>
#include <QScrollArea>

namespace radmark::app {

SaliencyReviewPanel* addSaliencyReviewDock(
    QMainWindow* window, viewer::SliceViewWidget* view, AnnotationSession* annotations)
{
    auto* panel = new SaliencyReviewPanel(annotations->undoStack(), window);
    auto* dock = new QDockWidget(QObject::tr("Saliency Review"), window);
    dock->setObjectName("saliencyDock");
    // In a scroll area: the panel is taller than a 720-pixel screen leaves beside the label panel.
    auto* scroll = new QScrollArea(dock);
    scroll->setObjectName("saliencyScroll");
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(panel);
    dock->setWidget(scroll);
    // When the dock is short, a map shown scrolls the verdicts and the note into view.
    QObject::connect(panel, &SaliencyReviewPanel::mapShown, scroll,
        [scroll, panel] { scroll->ensureWidgetVisible(panel->noteEdit(), 0, 90); });
    dock->setFeatures(
        QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    dock->hide(); // shown when a project with saliency maps opens
    panel->attach(view, window, [annotations] { return annotations->document().currentAuthor(); });
    return panel;
}

} // namespace radmark::app
