#include "gui/saliency/SaliencyDock.h"

#include "gui/AnnotationSession.h"
#include "gui/saliency/SaliencyReviewPanel.h"

#include <QDockWidget>
#include <QMainWindow>

namespace radmark::app {

SaliencyReviewPanel* addSaliencyReviewDock(QMainWindow* window, viewer::SliceViewWidget* view,
                                           AnnotationSession* annotations)
{
    auto* panel = new SaliencyReviewPanel(window);
    auto* dock = new QDockWidget(QObject::tr("Saliency Review"), window);
    dock->setObjectName("saliencyDock");
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    dock->hide();  // shown when a project with saliency maps opens
    panel->attach(view, window, [annotations] { return annotations->document().currentAuthor(); });
    return panel;
}

}  // namespace radmark::app
