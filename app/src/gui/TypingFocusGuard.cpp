#include "gui/TypingFocusGuard.h"

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace radmark::app {

TypingFocusGuard::TypingFocusGuard(QWidget* window)
    : QObject(window)
    , m_window(window)
{
    qApp->installEventFilter(this);
}

bool TypingFocusGuard::keyBelongsToWidget(
    const QObject* widget, int key, Qt::KeyboardModifiers modifiers, const QString& text)
{
    const bool typingWidget = qobject_cast<const QAbstractItemView*>(widget) != nullptr
        || qobject_cast<const QLineEdit*>(widget) != nullptr || qobject_cast<const QTextEdit*>(widget) != nullptr
        || qobject_cast<const QPlainTextEdit*>(widget) != nullptr
        || qobject_cast<const QAbstractSpinBox*>(widget) != nullptr;
    if (!typingWidget) {
        return false;
    }
    if ((modifiers & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) != 0) {
        return false;
    }
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
        return qobject_cast<const QAbstractItemView*>(widget) != nullptr
            || qobject_cast<const QLineEdit*>(widget) != nullptr;
    }
    return !text.isEmpty() && text.at(0).isPrint();
}

bool TypingFocusGuard::windowShortcutBeatsTextField(const QObject* widget, const QKeyEvent& key) const
{
    const bool textField = qobject_cast<const QLineEdit*>(widget) != nullptr
        || qobject_cast<const QTextEdit*>(widget) != nullptr || qobject_cast<const QPlainTextEdit*>(widget) != nullptr
        || qobject_cast<const QAbstractSpinBox*>(widget) != nullptr;
    if (!textField || (key.modifiers() & (Qt::ControlModifier | Qt::AltModifier)) == 0) {
        return false;
    }
    // Undo, redo, copy, cut, paste and select-all stay the field's, as in every editor.
    for (const QKeySequence::StandardKey editing : { QKeySequence::Undo, QKeySequence::Redo, QKeySequence::Copy,
             QKeySequence::Cut, QKeySequence::Paste, QKeySequence::SelectAll }) {
        if (key.matches(editing)) {
            return false;
        }
    }
    const QKeySequence pressed(key.keyCombination());
    for (const QAction* action : m_window->findChildren<QAction*>()) {
        if (action->isEnabled() && action->shortcuts().contains(pressed)) {
            return true;
        }
    }
    return false;
}

bool TypingFocusGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride && watched->isWidgetType()
        && static_cast<QWidget*>(watched)->window() == m_window) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (keyBelongsToWidget(watched, key->key(), key->modifiers(), key->text())) {
            event->accept(); // delivered to the widget as a key press, not to a shortcut
            return true;
        }
        // A line edit claims Ctrl+E (end of line on X11) and the like: the window's File ▸ Export… wins.
        if (windowShortcutBeatsTextField(watched, *key)) {
            event->ignore();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace radmark::app
