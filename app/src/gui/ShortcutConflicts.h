#pragma once

#include <QKeySequence>
#include <QString>
#include <QStringList>

class QAction;
class QWidget;

namespace radmark::app {

// Two bindings of one key sequence that Qt can see at the same time: it then triggers neither and prints
// "QAction::event: Ambiguous shortcut overload". Also one action listing the same sequence twice.
struct ShortcutConflict {
    QKeySequence keys;
    QAction* first = nullptr;
    QAction* second = nullptr; // == first when one action lists the sequence twice
};

// Every conflict among the actions added to `window` or to any widget inside it (menus and toolbars
// included). Contexts count as overlapping when some focus widget would make both active: a window or
// application shortcut overlaps every other binding of the window; a widget shortcut only one of the same
// widget or of a widget-with-children shortcut on it or an ancestor.
std::vector<ShortcutConflict> findShortcutConflicts(const QWidget* window);

// "Ctrl+Shift+Z: Redo and Redo" lines, for a warning or a test's message.
QStringList describeShortcutConflicts(const std::vector<ShortcutConflict>& conflicts);

// Prints each conflict with qWarning (once, at start-up); returns how many there were.
int warnAboutShortcutConflicts(const QWidget* window);

} // namespace radmark::app
