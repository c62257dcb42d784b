#include "gui/ShortcutConflicts.h"

#include <QAction>
#include <QDebug>
#include <QWidget>

#include <algorithm>
#include <map>
#include <vector>

namespace radmark::app {

namespace {

// Where an action's shortcut can be active: the whole window, or some widgets (with or without their
// children).
struct ShortcutScope {
    bool wholeWindow = false;
    bool withChildren = false;
    std::vector<const QWidget*> widgets;
};

bool isAncestorOrSelf(const QWidget* ancestor, const QWidget* widget)
{
    for (const QWidget* w = widget; w != nullptr; w = w->parentWidget()) {
        if (w == ancestor) {
            return true;
        }
    }
    return false;
}

// Some focus widget inside both scopes.
bool overlaps(const ShortcutScope& a, const ShortcutScope& b)
{
    if (a.wholeWindow || b.wholeWindow) {
        return true;
    }
    for (const QWidget* x : a.widgets) {
        for (const QWidget* y : b.widgets) {
            if (x == y || (a.withChildren && isAncestorOrSelf(x, y)) || (b.withChildren && isAncestorOrSelf(y, x))) {
                return true;
            }
        }
    }
    return false;
}

QString actionName(const QAction* action)
{
    QString text = action->text();
    text.remove('&');
    const int tab = text.indexOf('\t');
    if (tab >= 0) {
        text.truncate(tab);
    }
    return text.isEmpty() ? action->objectName() : text;
}

} // namespace

std::vector<ShortcutConflict> findShortcutConflicts(const QWidget* window)
{
    std::vector<QWidget*> widgets { const_cast<QWidget*>(window) };
    for (QWidget* child : window->findChildren<QWidget*>()) {
        widgets.push_back(child);
    }
    std::vector<QAction*> actions;
    std::map<QAction*, ShortcutScope> scopes;
    for (QWidget* widget : widgets) {
        for (QAction* action : widget->actions()) {
            if (action->shortcuts().isEmpty()) {
                continue;
            }
            auto [entry, inserted] = scopes.try_emplace(action);
            if (inserted) {
                actions.push_back(action);
            }
            switch (action->shortcutContext()) {
            case Qt::WindowShortcut:
            case Qt::ApplicationShortcut:
                entry->second.wholeWindow = true;
                break;
            case Qt::WidgetWithChildrenShortcut:
                entry->second.withChildren = true;
                [[fallthrough]];
            case Qt::WidgetShortcut:
                entry->second.widgets.push_back(widget);
                break;
            }
        }
    }
    std::vector<ShortcutConflict> conflicts;
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const QList<QKeySequence> keys = actions[i]->shortcuts();
        for (qsizetype k = 0; k < keys.size(); ++k) {
            if (keys.indexOf(keys[k], k + 1) > k) {
                conflicts.push_back({ keys[k], actions[i], actions[i] });
            }
        }
        for (std::size_t j = i + 1; j < actions.size(); ++j) {
            if (!overlaps(scopes[actions[i]], scopes[actions[j]])) {
                continue;
            }
            for (const QKeySequence& key : keys) {
                if (actions[j]->shortcuts().contains(key)) {
                    conflicts.push_back({ key, actions[i], actions[j] });
                }
            }
        }
    }
    return conflicts;
}

QStringList describeShortcutConflicts(const std::vector<ShortcutConflict>& conflicts)
{
    QStringList lines;
    for (const ShortcutConflict& conflict : conflicts) {
        lines << (conflict.first == conflict.second
                ? QStringLiteral("%1: listed twice by \"%2\"")
                      .arg(conflict.keys.toString(QKeySequence::PortableText), actionName(conflict.first))
                : QStringLiteral("%1: \"%2\" and \"%3\"")
                      .arg(conflict.keys.toString(QKeySequence::PortableText), actionName(conflict.first),
                          actionName(conflict.second)));
    }
    return lines;
}

int warnAboutShortcutConflicts(const QWidget* window)
{
    const auto conflicts = findShortcutConflicts(window);
    for (const QString& line : describeShortcutConflicts(conflicts)) {
        qWarning().noquote() << "Shortcut bound twice (neither works):" << line;
    }
    return static_cast<int>(conflicts.size());
}

} // namespace radmark::app
