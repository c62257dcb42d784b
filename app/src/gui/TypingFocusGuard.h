#pragma once

#include <QObject>

class QKeyEvent;

namespace radmark::app {

// Keeps single-key shortcuts (tools R/S/V/L/B, verdicts P/N/T/X/U, M, H, Enter) away from a list, tree,
// table or text field that has the keyboard focus: the keys go to that widget instead, so
// typing in the study tree searches it (Qt's keyboard search) and Enter opens the current row. Keys with
// Ctrl, Alt or Meta (Ctrl+Z, Alt+Right, Ctrl+1) stay shortcuts everywhere. (A closed combo box keeps the shortcuts: a
// letter there would silently change its value.) A widget that handles some keys itself (the label table's label keys)
// keeps doing so. Installed on the application by the main window; applies to widgets of the window it guards.
class TypingFocusGuard : public QObject {
    Q_OBJECT
public:
    explicit TypingFocusGuard(QWidget* window);

    // True when `key` pressed in `widget` belongs to the widget, not to a window shortcut.
    static bool keyBelongsToWidget(
        const QObject* widget, int key, Qt::KeyboardModifiers modifiers, const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // True when a key with Ctrl or Alt pressed in a text field is a shortcut of the window (Ctrl+E: File ▸ Export…)
    // that the field would otherwise take for itself; the field's undo, redo, copy, cut, paste and select-all stay its.
    bool windowShortcutBeatsTextField(const QObject* widget, const QKeyEvent& key) const;

    QWidget* m_window;
};

} // namespace radmark::app
