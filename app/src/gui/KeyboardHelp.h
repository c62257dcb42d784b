#pragma once

#include <QString>

class QWidget;

namespace radmark::annotation {
struct LabelSchema;
}

namespace radmark::app {

// Help ▸ Keyboard and Mouse: every key the window answers to (the same list as the README), with the
// label keys of the project's schema when it has one.
QString keyboardHelpHtml(const annotation::LabelSchema* schema);

// The list in a dialog that fits the screen (it scrolls on a 720-pixel screen); Esc or Close ends it.
void showKeyboardHelp(QWidget* parent, const annotation::LabelSchema* schema);

} // namespace radmark::app
