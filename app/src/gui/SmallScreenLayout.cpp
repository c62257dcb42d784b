#include "gui/SmallScreenLayout.h"

#include <QDockWidget>
#include <QGuiApplication>
#include <QMainWindow>
#include <QMenu>
#include <QScreen>

namespace radmark::app {

void fitMainWindowToSmallScreens(QMainWindow* window, QMenu* viewMenu)
{
    QMenu* panels = viewMenu->addMenu(QObject::tr("&Panels"));
    for (QDockWidget* dock : window->findChildren<QDockWidget*>()) {
        dock->setFeatures(dock->features() | QDockWidget::DockWidgetClosable);
        panels->addAction(dock->toggleViewAction());
    }
    if (const QScreen* screen = QGuiApplication::primaryScreen()) {
        window->resize(window->size().boundedTo(screen->availableSize()));
    }
    // The side columns take a share of the width, not fixed pixels: the images keep about half of it.
    QDockWidget* studies = window->findChild<QDockWidget*>("studiesDock");
    QDockWidget* report = window->findChild<QDockWidget*>("reportDock");
    if (studies != nullptr && report != nullptr) {
        const int width = window->width();
        window->resizeDocks({ studies, report }, { width * 25 / 100, width * 28 / 100 }, Qt::Horizontal);
    }
    // The label table needs more height than the report above it (one row per label).
    QDockWidget* labels = window->findChild<QDockWidget*>("labelsDock");
    if (report != nullptr && labels != nullptr) {
        const int height = window->height();
        window->resizeDocks({ report, labels }, { height * 40 / 100, height * 60 / 100 }, Qt::Vertical);
    }
}

} // namespace radmark::app
