#include "gui/GuiApplication.h"

#include "gui/MainWindow.h"
#include "radmark/viewer/SurfaceFormat.h"
#include "radmark/viewer/VtkMessageForwarding.h"

#include <QApplication>
#include <QFileInfo>
#include <QIcon>
#include <QStyleFactory>

// Q_INIT_RESOURCE must be used outside any namespace; the resources live in a static library.
static void initializeRadmarkResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace radmark::app {

int runGui(int argc, char* argv[], const QString& projectPath)
{
    initializeRadmarkResources();
    viewer::installDefaultSurfaceFormat();
    QApplication application(argc, argv);
    viewer::forwardVtkMessagesToQt();
    QApplication::setApplicationName("RadMark");
    QApplication::setApplicationVersion(RADMARK_VERSION);
    QApplication::setOrganizationName("RadMark");
    QApplication::setWindowIcon(QIcon(":/radmark/icons/radmark.svg"));
    QApplication::setStyle(QStyleFactory::create("Fusion"));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(45, 45, 48));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    dark.setColor(QPalette::Base, QColor(30, 30, 32));
    dark.setColor(QPalette::AlternateBase, QColor(38, 38, 41));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::Button, QColor(55, 55, 58));
    dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    dark.setColor(QPalette::Highlight, QColor(42, 110, 187));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
    dark.setColor(QPalette::ToolTipText, QColor(230, 230, 230));
    dark.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
    dark.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
    dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 120));
    QApplication::setPalette(dark);

    MainWindow window;
    window.show();
    if (!projectPath.isEmpty()) {
        window.openProject(projectPath, !QFileInfo::exists(projectPath));
    }
    return QApplication::exec();
}

} // namespace radmark::app
