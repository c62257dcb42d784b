#pragma once

#include <QDialogButtonBox>

#include <string>

class QDialog;
class QLabel;
class QString;
class QWidget;

namespace radmark::app {

// A hidden, word-wrapped label in the dialogs' error colour; shown with the reason when input is refused.
QLabel* makeDialogErrorLabel(QWidget* parent);
// Shows `reason` in such a label.
void showDialogError(QLabel* label, const std::string& reason);
// A word-wrapped label with `text`.
QLabel* makeWrappedLabel(const QString& text, QWidget* parent);
// The dialog's buttons: accepted() calls its accept() (an override included), rejected() its reject().
QDialogButtonBox* makeDialogButtons(QDialogButtonBox::StandardButtons buttons, QDialog* dialog);

} // namespace radmark::app
