#pragma once

class QMainWindow;
class QMenu;

namespace radmark::app {

// Keeps the main window usable on a 1280×720 or 1366×768 laptop screen: every dock can be closed from
// its title bar and brought back from View ▸ Panels (added to `viewMenu`), no panel demands a long
// one-line width (texts wrap, wide rows shrink), and the first size fits the screen's available area.
void fitMainWindowToSmallScreens(QMainWindow* window, QMenu* viewMenu);

} // namespace radmark::app
